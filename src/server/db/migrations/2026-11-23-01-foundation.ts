import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Foundation schema. Frozen: once landed it is never edited; later changes are new migrations.
 *
 * Portable on purpose: ids are text (UUIDv7), timestamps ISO-8601 UTC text, dates YYYY-MM-DD text,
 * flags 0/1 integers and JSON in text columns, so both dialects read back the same values.
 * Columns compared by byte range (paths, lowercased search keys) use the "C" collation on PostgreSQL
 * so that `>=`/`<` prefix ranges and ORDER BY can use the same index, as SQLite's BINARY does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const binaryText = pg ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('organizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('parent_id', 'text', (c) => c.references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Materialized path of ids, "/root/child/…/self/": a subtree is one index range.
    .addColumn('path', binaryText, (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organizations_tenant_path').on('organizations').columns(['tenant_id', 'path']).unique().execute();
  await db.schema.createIndex('organizations_parent').on('organizations').columns(['parent_id']).execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('org_kinds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('may_grant', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('may_invite', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('bulk_creatable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('per_org_limit_max', 'integer')
    .addColumn('per_org_limit_mode', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('roles_tenant_key').on('roles').columns(['tenant_id', 'key']).unique().execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('username_key', binaryText, (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', binaryText, (c) => c.notNull())
    .addColumn('email_domain', binaryText, (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name_key', binaryText, (c) => c.notNull())
    .addColumn('last_name_key', binaryText, (c) => c.notNull())
    // Phonetic keys (double metaphone) find "Jon/John Smith/Smyth" through an index.
    .addColumn('first_name_sound', 'text', (c) => c.notNull())
    .addColumn('last_name_sound', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('affiliation', 'text')
    .addColumn('employee_type', 'text')
    .addColumn('date_hire', 'text')
    .addColumn('date_transfer', 'text')
    .addColumn('job_title', 'text')
    .addColumn('department', 'text')
    .addColumn('external_id', 'text')
    .addColumn('training_manager', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('supervisor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_global_admin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('last_activity_at', 'text')
    .addColumn('archived_at', 'text')
    // Bumped on every change: imports and bulk jobs detect an account that changed since they planned.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Search reads these as covering indexes: a text branch counts and orders from its own index
  // without visiting rows, and the name index carries email_key so walking it can test an email prefix.
  const accountIndexes: Array<[string, string[], boolean?]> = [
    ['accounts_tenant_email', ['tenant_id', 'email_key'], true],
    ['accounts_tenant_username', ['tenant_id', 'username_key'], true],
    ['accounts_tenant_last_name', ['tenant_id', 'last_name_key', 'first_name_key', 'id', 'email_key']],
    ['accounts_tenant_first_name', ['tenant_id', 'first_name_key', 'last_name_key', 'id']],
    ['accounts_tenant_email_name', ['tenant_id', 'email_key', 'last_name_key', 'first_name_key', 'id']],
    ['accounts_tenant_domain', ['tenant_id', 'email_domain', 'last_name_key', 'first_name_key', 'id']],
    ['accounts_tenant_org_status', ['tenant_id', 'org_id', 'status', 'last_name_key', 'first_name_key', 'id']],
    // Narrow twins for counting: PostgreSQL deduplicates their keys (a 250k-row count reads ~200 pages, not ~3,500).
    ['accounts_tenant_domain_count', ['tenant_id', 'email_domain']],
    ['accounts_tenant_org_status_count', ['tenant_id', 'org_id', 'status']],
    ['accounts_tenant_sound', ['tenant_id', 'last_name_sound', 'first_name_sound']],
    ['accounts_tenant_external_id', ['tenant_id', 'external_id']],
  ];
  for (const [name, columns, unique] of accountIndexes) {
    const builder = db.schema.createIndex(name).on('accounts').columns(columns);
    await (unique ? builder.unique() : builder).execute();
  }
  // Usernames that differ from the email (rare): text search matches the others through the email.
  await db.schema
    .createIndex('accounts_tenant_username_own')
    .on('accounts')
    .columns(['tenant_id', 'username_key', 'last_name_key', 'first_name_key', 'email_key', 'id'])
    .where(sql.ref('username_key'), '<>', sql.ref('email_key'))
    .execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('role_assignments_unique')
    .on('role_assignments')
    .columns(['account_id', 'role_id', 'org_id'])
    .unique()
    .execute();
  await db.schema.createIndex('role_assignments_role_org').on('role_assignments').columns(['role_id', 'org_id']).execute();

  await db.schema
    .createTable('credentials')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('temporary_expires_at', 'text')
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .execute();

  // Single-use links (activation, invitation, password reset): only the SHA-256 of the token is kept.
  await db.schema
    .createTable('one_time_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.references('accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('client_ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').columns(['account_id']).execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_account').on('api_tokens').columns(['account_id']).execute();

  // Failed sign-ins per account and per client, shared by every app instance.
  await db.schema
    .createTable('auth_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .execute();

  // Append-only. org_path is the target's place in the tree when it happened, for scoped reading.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.references('tenants.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('org_path', binaryText)
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('job_id', 'text')
    .execute();
  await db.schema.createIndex('audit_tenant_at').on('audit_events').columns(['tenant_id', 'at']).execute();
  await db.schema.createIndex('audit_target').on('audit_events').columns(['target_id', 'at']).execute();
  await db.schema.createIndex('audit_org_path').on('audit_events').columns(['tenant_id', 'org_path']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'audit_events',
    'auth_throttle',
    'api_tokens',
    'sessions',
    'one_time_tokens',
    'credentials',
    'role_assignments',
    'accounts',
    'roles',
    'organizations',
    'tenants',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
