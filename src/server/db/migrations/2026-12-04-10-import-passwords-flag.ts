import type { Kysely } from 'kysely';

/*
 * Whether an import's stored rows may hold temporary passwords: 0 once its plan found no Password column
 * in the file. Forgetting the passwords after a commit (or a cancel, a refusal, the retention sweep) read
 * every stored row to find them: ~0.5 s per 100,000 rows on SQLite and ~1 s on PostgreSQL, for files that
 * never had any. Imports from before, and plans that stopped before reading the header, keep 1.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('imports')
    .addColumn('holds_passwords', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('holds_passwords').execute();
}
