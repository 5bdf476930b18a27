import type { Kysely } from 'kysely';

/*
 * A commit's progress as a watermark: every row up to `committed_through` is applied, and a row whose
 * applied outcome is what the preview planned (a creation, an unchanged or a failed row) is no longer
 * rewritten one by one. Only rows whose outcome differs, or that carry what an undo needs, are written.
 * Imports committed before this keep their rows marked one by one (applied = 1), which still reads right.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('imports')
    .addColumn('committed_through', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('imports').dropColumn('committed_through').execute();
}
