import type { Kysely } from 'kysely';

/*
 * Where an account came from, written by the insert that creates it: the actor who created it and, for
 * an import, the import and the line of its file. An import then audits its creations as one event per
 * batch (`import.accounts_created`) instead of one `account.created` event per account, and an account's
 * history shows its creation from these columns (audit.service). No index and no foreign key: they are
 * read only with the account itself, and an import's removal must not touch its accounts. Accounts made
 * before this keep null here; their own `account.created` events still describe them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('created_by', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('created_by_import_id', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('created_by_import_line', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['created_by_import_line', 'created_by_import_id', 'created_by']) {
    await db.schema.alterTable('accounts').dropColumn(column).execute();
  }
}
