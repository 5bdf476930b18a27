import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Durable background jobs (src/server/jobs). Frozen once landed.
 *
 * Portable like the foundation: text ids (UUIDv7), ISO-8601 UTC text timestamps, JSON in text.
 * Timestamps that the claim compares by range (run_at, lease_until) use the "C" collation on
 * PostgreSQL so text order is byte order, as SQLite's BINARY is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binaryText = isPostgres(db) ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    // queued → running → succeeded | failed | cancelled (running → queued again on a retry).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    // The handler's last checkpoint (JSON); a reclaimed or retried job resumes from it.
    .addColumn('progress', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    // Number of times the job has been claimed; it is the fencing token of the current lease.
    .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', binaryText, (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('lease_until', binaryText)
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();

  await db.schema.createIndex('jobs_status_run_at').on('jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('jobs_status_lease').on('jobs').columns(['status', 'lease_until']).execute();
  // At most one live (queued or running) job per dedupe key; finished jobs do not block a new one.
  await sql`create unique index jobs_live_dedupe_key on jobs (dedupe_key) where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
