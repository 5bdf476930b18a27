import { Worker } from 'node:worker_threads';
import type { JobContext } from './job-types.ts';

/*
 * Runs a job's handler in a worker thread with its own database connection, so a long job (a commit
 * of a hundred thousand rows) never holds the server's event loop: better-sqlite3 works synchronously,
 * and a transaction of thousands of rows on the main thread would stall every request for its length.
 * The thread runs the very handler the main thread would (see src/server/job-thread.ts); only the
 * job's context crosses over: its progress reports come back here, where the runner's fencing and
 * cancellation apply, and an abort here is passed on to the thread.
 */

/** What the thread needs to build its own services: plain data, copied to it. */
export interface JobThreadSetup {
  /** The thread's entry module (src/server/job-thread.ts, or .js when built). */
  entry: URL;
  /** Opaque to this module: the entry reads it (database location, services configuration). */
  config: unknown;
}

/** Messages from the thread. */
type FromThread =
  | { kind: 'progress'; seq: number; progress: unknown }
  | { kind: 'counted'; name: string; count: number }
  | { kind: 'done'; result: unknown }
  | { kind: 'failed'; message: string; stack?: string };

/** Messages to the thread. */
export type ToThread = { kind: 'progress-saved'; seq: number; error?: string } | { kind: 'abort'; reason: string };

export interface JobThreadOptions {
  /** Told of counters the thread's services bump (metrics), as they happen. */
  onCount?: (name: string, count: number) => void;
}

export function runInWorkerThread<P>(setup: JobThreadSetup, ctx: JobContext<P>, options: JobThreadOptions = {}): Promise<unknown> {
  const { job } = ctx;
  const [entry, how] = threadEntry(setup.entry);
  const worker = new Worker(entry, {
    ...how,
    workerData: {
      config: setup.config,
      job: { id: job.id, type: job.type, payload: job.payload, attempt: job.attempt, progress: job.progress },
    },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    /** The error a progress report met here (cancelled, lease lost): it, not the thread's echo of it, ends the job. */
    let progressError: unknown;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      const reason = ctx.signal.reason instanceof Error ? ctx.signal.reason.message : String(ctx.signal.reason);
      worker.postMessage({ kind: 'abort', reason } satisfies ToThread);
    };
    ctx.signal.addEventListener('abort', onAbort);
    if (ctx.signal.aborted) onAbort();
    worker.on('message', (message: FromThread) => {
      if (message.kind === 'progress') {
        ctx.reportProgress(message.progress).then(
          () => worker.postMessage({ kind: 'progress-saved', seq: message.seq } satisfies ToThread),
          (error: unknown) => {
            progressError = error;
            worker.postMessage({ kind: 'progress-saved', seq: message.seq, error: String(error) } satisfies ToThread);
          },
        );
      } else if (message.kind === 'counted') {
        options.onCount?.(message.name, message.count);
      } else if (message.kind === 'done') {
        settle(() => resolve(message.result));
      } else {
        const error = progressError ?? Object.assign(new Error(message.message), message.stack ? { stack: message.stack } : {});
        settle(() => reject(error));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() => reject(progressError ?? new Error(`The job's worker thread stopped (exit code ${code}) before finishing.`))),
    );
  });
}

/**
 * The built server starts the thread from its .js file. Run from source (tests, `npm run dev`), the
 * entry is TypeScript, which a worker thread cannot load by itself on Node 20: the thread first
 * registers tsx's loader (a development dependency, needed only then), then imports the entry.
 */
function threadEntry(entry: URL): [string | URL, { eval?: boolean }] {
  if (!entry.pathname.endsWith('.ts')) return [entry, {}];
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return [code, { eval: true }];
}
