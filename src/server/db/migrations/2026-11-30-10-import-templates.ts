import type { Kysely } from 'kysely';

/*
 * Import templates as tenant data: each row result keeps the role its row named (the log's "Type"),
 * and an import keeps the columns a lenient template left unread, so the preview can name them.
 * Frozen once landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_rows').addColumn('type', 'text').execute();
  await db.schema.alterTable('imports').addColumn('ignored_columns', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('ignored_columns').execute();
  await db.schema.alterTable('import_rows').dropColumn('type').execute();
}
