import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Account requests: a public form per tenant, the help-desk queue behind it, and the tenant's
 * response templates. Frozen once landed.
 *
 * - account_requests: one person asking for an account. org_path is the organization it names, or the
 *   tenant's root when it names none: the handlers of that subtree see it. number counts per tenant
 *   (the reference the requester is given). search_text is the lowercased words `q` searches.
 * - account_request_messages: the thread (requester, handler, events), oldest first.
 * - account_request_links: the requester's private links, as SHA-256 hashes (each email carries a new one).
 * - account_request_tags: one row per tag, so the queue filters by tag with an index.
 * - account_request_forms: a tenant's form (its slug for the shareable link, which fields it asks).
 * - response_templates: a tenant's own replies, and its edited copies of the built-in ones.
 * - Existing `admin` roles gain requests.handle, as the default catalog now gives it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binaryText = isPostgres(db) ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('account_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('org_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('org_text', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role_wanted', 'text')
    .addColumn('programme', 'text')
    .addColumn('message', 'text')
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('redirected_to_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('first_answered_at', 'text')
    .addColumn('resolved_at', 'text')
    // Whole seconds from the request to its first answer and to its resolution, so averages are one query.
    .addColumn('first_answer_seconds', 'integer')
    .addColumn('resolution_seconds', 'integer')
    .execute();
  await db.schema.createIndex('account_requests_number').on('account_requests').columns(['tenant_id', 'number']).unique().execute();
  await db.schema
    .createIndex('account_requests_tenant_path')
    .on('account_requests')
    .columns(['tenant_id', 'org_path', 'created_at'])
    .execute();
  await db.schema.createIndex('account_requests_redirected').on('account_requests').columns(['redirected_to_id']).execute();

  await db.schema
    .createTable('account_request_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('account_requests.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('template_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('account_request_messages_request')
    .on('account_request_messages')
    .columns(['request_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('account_request_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('account_requests.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('account_request_tags')
    .addColumn('request_id', 'text', (c) => c.notNull().references('account_requests.id').onDelete('cascade'))
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('account_request_tags_pk', ['request_id', 'tag'])
    .execute();
  await db.schema.createIndex('account_request_tags_tag').on('account_request_tags').columns(['tenant_id', 'tag']).execute();

  await db.schema
    .createTable('account_request_forms')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('slug', binaryText, (c) => c.unique())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('response_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('response_templates_key').on('response_templates').columns(['tenant_id', 'key']).unique().execute();

  const rolesNow = db as unknown as Kysely<{ roles: { id: string; key: string; permissions: string } }>;
  const admins = await rolesNow.selectFrom('roles').select(['id', 'permissions']).where('key', '=', 'admin').execute();
  for (const role of admins) {
    const permissions = new Set(JSON.parse(role.permissions) as string[]);
    permissions.add('requests.handle');
    await rolesNow
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...permissions]) })
      .where('id', '=', role.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('response_templates').execute();
  await db.schema.dropTable('account_request_forms').execute();
  await db.schema.dropTable('account_request_tags').execute();
  await db.schema.dropTable('account_request_links').execute();
  await db.schema.dropTable('account_request_messages').execute();
  await db.schema.dropTable('account_requests').execute();
}
