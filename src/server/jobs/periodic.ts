import type { Executor } from '../db/connection.ts';
import type { JobQueue } from './job-queue.ts';

/**
 * Queues a sweep job now and every `everyMs`. Every instance does this; the job type doubles as the dedupe
 * key, so at most one sweep is queued or running across all of them, and the runner hands it to one
 * instance. Returns the function that stops the timer (at shutdown).
 */
export function schedulePeriodicJob(
  db: Executor,
  queue: JobQueue,
  type: string,
  everyMs: number,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  const enqueue = () => {
    queue.enqueue(db, { type, payload: null, dedupeKey: type, maxAttempts: 3 }).catch(onError);
  };
  enqueue();
  const timer = setInterval(enqueue, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
