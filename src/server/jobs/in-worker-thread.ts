import { Worker } from 'node:worker_threads';
import type { JobContext } from './job-types.ts';

/*
 * Runs a job's handler in a worker thread with its own database connection, so a long job (a commit
 * of a hundred thousand rows) never holds the server's event loop: better-sqlite3 works synchronously,
 * and a transaction of thousands of rows on the main thread would stall every request for its length.
 * The thread runs the very handler the main thread would (see src/server/job-thread.ts); only the
 * job's context crosses over: its progress reports come back here, where the runner's fencing and
 * cancellation apply, and an abort here is passed on to the thread.
 *
 * A thread costs its start (loading the server's modules, opening a connection: ~0.6 s built), so one
 * that finished a job waits for the next as long as its caller says one may follow (an import's plan
 * is followed by its commit), and otherwise only a few seconds: an idle thread keeps its heap and page
 * cache (~70 MB after a large commit), beside the main thread sending the welcomes that commit queued
 * (bench/import-rss.ts: the peak came while a thread idled for 30 s after a commit).
 */

/** What a thread needs to build its own services: plain data, copied to it. */
export interface JobThreadSetup {
  /** The thread's entry module (src/server/job-thread.ts, or .js when built). */
  entry: URL;
  /** Opaque to this module: the entry reads it (database location, services configuration). */
  config: unknown;
}

/** Messages from the thread. */
export type FromThread =
  | { kind: 'progress'; seq: number; progress: unknown }
  | { kind: 'counted'; name: string; count: number }
  | { kind: 'done'; result: unknown }
  | { kind: 'failed'; message: string; stack?: string };

/** Messages to the thread. */
export type ToThread =
  | { kind: 'run'; job: JobContext<unknown>['job'] }
  | { kind: 'progress-saved'; seq: number; error?: string }
  | { kind: 'abort'; reason: string }
  | { kind: 'close' };

/**
 * The heap a job thread may use; a job that needs more fails (and is retried, then quarantined). Sized
 * for the budget of issue #19 (a million-row import within 300 MB RSS, bench/import-rss.ts), the
 * thread's heap beside the main thread's: the old generation holds the services, a batch of rows and
 * a workbook's shared strings (at most ~50 MB, see imports/reading/workbook-limits.ts); the young
 * generation is where a batch's short-lived objects die, and V8's default for it (three 16 MB
 * semi-spaces' worth) was half the thread's heap while its rows needed a fraction of it.
 * Measured at 200,000 rows (bench/import-rss.ts, the thread's small SQLite cache in both): the thread's
 * heap 65-82 MB instead of 110-117 MB; the process's peak through the plan 280 MB instead of 315 MB.
 */
const threadHeapMb = 112;
/** How long an idle thread waits for another job before it closes, unless the job's caller says otherwise. */
const threadIdleMs = 5_000;
const threadYoungGenerationMb = 12;

export interface JobThreadOptions {
  /** Told of counters the thread's services bump (metrics), as they happen. */
  onCount?: (name: string, count: number) => void;
  /** How long a thread with nothing to do stays for the next job (default `threadIdleMs`). */
  idleMs?: number;
  /** Told, and awaited, when the first thread starts a job (true) and when the last one running ends it (false). */
  onWorking?: (working: boolean) => Promise<void>;
}

/** The job threads of one process: each runs one job at a time; idle ones are kept a while. */
export class JobThreads {
  private readonly idle = new Set<JobThread>();
  private running = 0;

  constructor(
    private readonly setup: JobThreadSetup,
    private readonly options: JobThreadOptions = {},
  ) {}

  /** Closes the waiting threads (their connections too); for a process that stops. */
  async close(): Promise<void> {
    const waiting = [...this.idle];
    this.idle.clear();
    await Promise.all(waiting.map((thread) => thread.close()));
  }

  /** Runs the job in a thread; `then.idleMs`: how long the thread then waits for another (a job expected to follow). */
  async run<P>(ctx: JobContext<P>, then: { idleMs?: number } = {}): Promise<unknown> {
    const [waiting] = this.idle;
    const thread = waiting ?? new JobThread(this.setup, this.options);
    this.idle.delete(thread);
    thread.busy();
    this.running += 1;
    try {
      if (this.running === 1) await this.options.onWorking?.(true);
      return await thread.run(ctx);
    } finally {
      this.running -= 1;
      if (this.running === 0) await this.options.onWorking?.(false);
      if (thread.alive) {
        this.idle.add(thread);
        thread.rest(then.idleMs ?? this.options.idleMs ?? threadIdleMs, () => this.idle.delete(thread));
      }
    }
  }
}

class JobThread {
  private readonly worker: Worker;
  alive = true;
  private current: ((message: FromThread) => void) | undefined;
  private ended: ((error: Error) => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    setup: JobThreadSetup,
    private readonly options: JobThreadOptions,
  ) {
    const [entry, how] = threadEntry(setup.entry);
    this.worker = new Worker(entry, {
      ...how,
      workerData: { config: setup.config },
      // A job holds a batch at a time, not a file: a bounded heap makes the thread collect its garbage
      // instead of growing into it (a million-row import's process stayed far above its 300 MB budget).
      resourceLimits: { maxOldGenerationSizeMb: threadHeapMb, maxYoungGenerationSizeMb: threadYoungGenerationMb },
    });
    this.worker.on('message', (message: FromThread) => {
      if (message.kind === 'counted') this.options.onCount?.(message.name, message.count);
      else this.current?.(message);
    });
    const gone = (error: Error) => {
      this.alive = false;
      clearTimeout(this.idleTimer);
      this.ended?.(error);
    };
    this.worker.on('error', gone);
    this.worker.on('exit', (code) => gone(new Error(`The job's worker thread stopped (exit code ${code}) before finishing.`)));
  }

  /** Tells the thread to close its connection and end; resolves when it has. */
  close(): Promise<void> {
    if (!this.alive) return Promise.resolve();
    clearTimeout(this.idleTimer);
    // An idle thread does not hold the process open; while it closes it must, or the wait never ends.
    this.worker.ref();
    const ended = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ kind: 'close' } satisfies ToThread);
    return ended;
  }

  /** Holds the process open while it works. */
  busy(): void {
    clearTimeout(this.idleTimer);
    this.worker.ref();
  }

  /** Waits for another job without holding the process open; closes after `ms`. */
  rest(ms: number, closing: () => void): void {
    this.worker.unref();
    this.idleTimer = setTimeout(() => {
      closing();
      this.worker.postMessage({ kind: 'close' } satisfies ToThread);
    }, ms);
    this.idleTimer.unref();
  }

  run<P>(ctx: JobContext<P>): Promise<unknown> {
    const { job } = ctx;
    return new Promise((resolve, reject) => {
      /** The error a progress report met here (cancelled, lease lost): it, not the thread's echo of it, ends the job. */
      let progressError: unknown;
      const onAbort = () => {
        const reason = ctx.signal.reason instanceof Error ? ctx.signal.reason.message : String(ctx.signal.reason);
        this.worker.postMessage({ kind: 'abort', reason } satisfies ToThread);
      };
      const settle = (fn: () => void) => {
        this.current = undefined;
        this.ended = undefined;
        ctx.signal.removeEventListener('abort', onAbort);
        fn();
      };
      this.current = (message) => {
        if (message.kind === 'progress') {
          ctx.reportProgress(message.progress).then(
            () => this.worker.postMessage({ kind: 'progress-saved', seq: message.seq } satisfies ToThread),
            (error: unknown) => {
              progressError = error;
              this.worker.postMessage({ kind: 'progress-saved', seq: message.seq, error: String(error) } satisfies ToThread);
            },
          );
        } else if (message.kind === 'done') {
          settle(() => resolve(message.result));
        } else if (message.kind === 'failed') {
          const error = progressError ?? Object.assign(new Error(message.message), message.stack ? { stack: message.stack } : {});
          settle(() => reject(error));
        }
      };
      this.ended = (error) => settle(() => reject(progressError ?? error));
      ctx.signal.addEventListener('abort', onAbort);
      this.worker.postMessage({
        kind: 'run',
        job: { id: job.id, type: job.type, payload: job.payload, attempt: job.attempt, progress: job.progress },
      } satisfies ToThread);
      if (ctx.signal.aborted) onAbort();
    });
  }
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
