import { PostgresAdapter, sql } from 'kysely';
import { defaultCacheMb, type Executor } from './connection.ts';

/** The page cache a bulk write of data nobody reads soon is given (SQLite). */
const bulkWriteCacheMb = 2;

/**
 * Runs a bulk write (an upload's file chunks) with SQLite's page cache of this connection held small,
 * then gives the cache its usual size back. Every page written stays in the cache up to its size, and
 * memory the cache once took is not returned to the system: a 180 MB upload left the server's
 * connection holding 64 MB of file pages that only the job thread ever reads again (bench/import-rss.ts).
 * PostgreSQL keeps its cache in its own processes: nothing to do there.
 */
export async function withSmallPageCache<T>(db: Executor, write: () => Promise<T>): Promise<T> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return write();
  await sql.raw(`pragma cache_size = -${bulkWriteCacheMb * 1024}`).execute(db);
  try {
    return await write();
  } finally {
    await sql.raw(`pragma cache_size = -${defaultCacheMb * 1024}`).execute(db);
  }
}
