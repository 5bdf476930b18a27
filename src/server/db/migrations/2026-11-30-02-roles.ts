import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Roles as each tenant's own catalog, groups, and invitations. Frozen once landed.
 *
 * - roles.retired_at: a held role is retired rather than deleted; it takes no new holders.
 * - groups / group_members: a group belongs to an organization; default_group_id on an account is
 *   where the people it invites land.
 * - invitations: what an invited account was invited to and by whom. The invitation is the account
 *   (status `invited`) with its activation link; this row only records the inviter, role, place and
 *   group, and when it was accepted or revoked.
 * - Existing `admin` roles gain the two new permissions, as the default catalog now gives them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binaryText = isPostgres(db) ? sql`text collate "C"` : sql`text`;
  await db.schema.alterTable('roles').addColumn('retired_at', 'text').execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', binaryText, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_org_name').on('groups').columns(['org_id', 'name_key']).unique().execute();

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'account_id'])
    .execute();
  await db.schema.createIndex('group_members_account').on('group_members').columns(['account_id']).execute();

  await db.schema.alterTable('accounts').addColumn('default_group_id', 'text').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().unique().references('accounts.id').onDelete('cascade'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull().references('roles.id'))
    .addColumn('group_id', 'text')
    .addColumn('invited_by', 'text')
    .addColumn('invited_by_label', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('invitations_tenant_path').on('invitations').columns(['tenant_id', 'org_path', 'created_at']).execute();
  await db.schema.createIndex('invitations_inviter').on('invitations').columns(['invited_by', 'created_at']).execute();

  // The roles table as it is at this point in time (a migration never imports the app's table types).
  const rolesNow = db as unknown as Kysely<{ roles: { id: string; key: string; permissions: string } }>;
  const admins = await rolesNow.selectFrom('roles').select(['id', 'permissions']).where('key', '=', 'admin').execute();
  for (const role of admins) {
    const permissions = new Set(JSON.parse(role.permissions) as string[]);
    permissions.add('invitations.send');
    permissions.add('groups.manage');
    await rolesNow
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...permissions]) })
      .where('id', '=', role.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
  await db.schema.alterTable('accounts').dropColumn('default_group_id').execute();
  await db.schema.dropTable('group_members').execute();
  await db.schema.dropTable('groups').execute();
  await db.schema.alterTable('roles').dropColumn('retired_at').execute();
}
