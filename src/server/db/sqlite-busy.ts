import type { CompiledQuery, DatabaseConnection, QueryResult } from 'kysely';

/*
 * Waiting for SQLite's write lock without holding the event loop. SQLite's own wait (busy_timeout) sleeps inside
 * the statement, and better-sqlite3 runs statements on the calling thread: a server's write that met a job thread's
 * open batch (5,000 rows, ~0.4 s) stopped every request of the process until the batch committed. A health check
 * waited 340-460 ms behind the throttled "token last used" write of the request before it. So the connections
 * give up at once (busy_timeout 0) and the statement is tried again after a pause, while other work runs.
 *
 * Trying again is safe: a statement refused for a lock has done nothing. Transactions take the lock at their
 * BEGIN (`begin immediate`), so a refusal comes at the BEGIN or at a write outside any transaction, never halfway.
 */

/** First pause after a refusal; it doubles up to `longestPauseMs`. */
const firstPauseMs = 2;
const longestPauseMs = 25;

/** Refusals that a later try can get past (another connection holds the lock, or is recovering the WAL). */
function isLockRefusal(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_RECOVERY';
}

/**
 * A connection whose queries, refused for a lock, are tried again after a pause, for up to `waitMs` in all.
 * `pause` sleeps between tries; the driver lends the connection to other queries meanwhile when it can.
 */
export function waitingForLocks(
  connection: DatabaseConnection,
  waitMs: number,
  pause: (ms: number) => Promise<void> = sleep,
): DatabaseConnection {
  return {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      const deadline = Date.now() + waitMs;
      for (let ms = firstPauseMs; ; ms = Math.min(longestPauseMs, ms * 2)) {
        try {
          return await connection.executeQuery<R>(query);
        } catch (error) {
          if (!isLockRefusal(error) || Date.now() + ms > deadline) throw error;
          await pause(ms);
        }
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
