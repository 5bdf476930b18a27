/** How long a request waits for its bookkeeping write before answering without it. */
const bookkeepingWaitMs = 20;

/**
 * A write that notes something about a request (a token's last use, a session's last activity and sliding expiry)
 * and that the answer does not depend on. It normally takes well under a millisecond and is awaited like any
 * other; when the database is busy (a job thread's import batch holds SQLite's write lock for ~0.4 s), the request
 * answers after `bookkeepingWaitMs` and the write finishes on its own. Noted at most once a minute, so a write that
 * fails is tried again by a later request: it is reported, not thrown.
 */
export async function noteInPassing(write: () => Promise<unknown>): Promise<void> {
  const done = write().then(
    () => undefined,
    (error: unknown) => process.emitWarning(`A bookkeeping write failed and will be tried again later: ${String(error)}`),
  );
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, bookkeepingWaitMs);
  });
  await Promise.race([done, waited]);
  clearTimeout(timer);
}
