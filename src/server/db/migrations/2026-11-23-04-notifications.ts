import type { Kysely } from 'kysely';

/*
 * Notifications delivery: a row lease so one delivery attempt at a time holds a message, the id the
 * mail server gave it, and an index for the console's Mail page (per tenant, newest first).
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('lease_until', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('provider_message_id', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('updated_at', 'text').execute();
  await db.schema.createIndex('outbox_tenant_created').on('outbox').columns(['tenant_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_created').execute();
  await db.schema.dropIndex('outbox_tenant_created').execute();
  for (const column of ['updated_at', 'provider_message_id', 'lease_until'])
    await db.schema.alterTable('outbox').dropColumn(column).execute();
}
