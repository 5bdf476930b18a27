import type { Kysely } from 'kysely';

/*
 * Onboarding: each tenant's own wording of its emails (a row only where the tenant changed the
 * built-in text), and the lookups that single-use links need (an account's links by purpose, and the
 * sweep that expires unused activation links). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_templates_tenant_key').on('email_templates').columns(['tenant_id', 'key']).unique().execute();
  await db.schema.createIndex('one_time_tokens_account').on('one_time_tokens').columns(['account_id', 'purpose']).execute();
  await db.schema
    .createIndex('one_time_tokens_purpose_expiry')
    .on('one_time_tokens')
    .columns(['purpose', 'used_at', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('one_time_tokens_purpose_expiry').execute();
  await db.schema.dropIndex('one_time_tokens_account').execute();
  await db.schema.dropTable('email_templates').execute();
}
