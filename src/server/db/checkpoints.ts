import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from './connection.ts';

/** SQLite's own default: a connection that commits past this many WAL pages copies them into the database file. */
const defaultAutocheckpointPages = 1000;

/**
 * Whether this connection checkpoints the WAL after its commits (SQLite). The checkpoint runs inside the commit
 * that passes the threshold, on whichever connection that is: while a job thread writes an import's batches (each
 * tens of MB of WAL), the main thread's small commits (a job's progress, a sign-in) met that WAL and copied it on
 * the event loop, and a health check waited 460 ms behind one. While a thread writes, its own connection
 * checkpoints, off the event loop; the main connection takes over again once the threads are idle.
 * PostgreSQL checkpoints in its own processes: nothing to do there.
 */
export async function setCheckpointing(db: Executor, on: boolean): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql.raw(`pragma wal_autocheckpoint = ${on ? defaultAutocheckpointPages : 0}`).execute(db);
}
