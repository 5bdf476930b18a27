import type { Kysely } from 'kysely';

/*
 * SCIM 2.0: a token kind (API or SCIM) and the organization where a SCIM token's new users land;
 * on accounts, the identity provider's own id for the person (SCIM's externalId, distinct from the
 * account's external id, which the enterprise employeeNumber fills) and the moment SCIM deleted the
 * account (it stays, archived, but SCIM no longer sees it). Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('api'))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('landing_org_id', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('scim_external_id', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('scim_deleted_at', 'text').execute();
  await db.schema.createIndex('accounts_tenant_scim_external_id').on('accounts').columns(['tenant_id', 'scim_external_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_tenant_scim_external_id').execute();
  await db.schema.alterTable('accounts').dropColumn('scim_deleted_at').execute();
  await db.schema.alterTable('accounts').dropColumn('scim_external_id').execute();
  await db.schema.alterTable('api_tokens').dropColumn('landing_org_id').execute();
  await db.schema.alterTable('api_tokens').dropColumn('kind').execute();
}
