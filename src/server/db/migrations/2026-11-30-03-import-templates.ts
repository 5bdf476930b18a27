import type { Kysely } from 'kysely';

/*
 * Import templates as tenant data: each row result keeps the role its row named (the log's "Type"),
 * and an import keeps the columns a lenient template left unread, so the preview can name them.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('import_rows').addColumn('type', 'text').execute();
  await db.schema.alterTable('imports').addColumn('ignored_columns', 'text').execute();

  // Existing tenants' administrators may edit their templates, as new tenants' do (they hold every permission).
  const rolesNow = db as unknown as Kysely<{ roles: { id: string; key: string; permissions: string } }>;
  const admins = await rolesNow.selectFrom('roles').select(['id', 'permissions']).where('key', '=', 'admin').execute();
  for (const role of admins) {
    const permissions = new Set(JSON.parse(role.permissions) as string[]);
    permissions.add('imports.templates');
    await rolesNow
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...permissions]) })
      .where('id', '=', role.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('ignored_columns').execute();
  await db.schema.alterTable('import_rows').dropColumn('type').execute();
}
