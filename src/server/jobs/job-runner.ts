import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, Executor } from '../db/connection.ts';
import { inTransaction } from '../db/transaction.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { JobQueue } from './job-queue.ts';
import { claimNext, finish, requeue, toJson, touch, type Fence, type JobRow } from './job-store.ts';
import {
  JobCancelledError,
  JobLeaseLostError,
  JobRunnerStoppedError,
  silentLogger,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  type JobLogger,
} from './job-types.ts';

export interface JobRunnerOptions {
  db: Db;
  queue: JobQueue;
  handlers: JobHandlers;
  /** Names this runner in locked_by; unique per process by default. */
  workerId?: string;
  /** Jobs run at once by start() (default 2). */
  concurrency?: number;
  /** How often start() looks for due jobs (default 1000 ms). */
  pollIntervalMs?: number;
  /** How long a claim lasts without a heartbeat or reportProgress (default 60 s). */
  leaseMs?: number;
  /** How often a running job's lease is extended and its cancel flag read (default min(leaseMs/3, 5 s)); 0 turns it off. */
  heartbeatMs?: number;
  /** Delay before retry n is base·2^(n−1), capped at retryMaxMs (defaults 5 s and 1 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /**
   * After this many claims that ended without any answer (the process died holding the job, or lost
   * its lease), the job is quarantined: marked failed instead of run again (default 3).
   */
  maxAbandonedAttempts?: number;
  clock?: Clock;
  logger?: JobLogger;
}

interface Running {
  fence: Fence;
  controller: AbortController;
  done: Promise<void>;
}

/**
 * Claims due jobs and runs their handlers, one runner per process. Delivery is at least once: a job
 * whose runner died is claimed again when its lease expires, so handlers must be idempotent and
 * resume from their saved progress. Every write after the claim is fenced by (locked_by, attempt), so
 * a runner that lost its lease can no longer save progress or a result.
 */
export class JobRunner {
  readonly workerId: string;
  private readonly db: Db;
  private readonly queue: JobQueue;
  private readonly handlers: JobHandlers;
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly maxAbandonedAttempts: number;
  private readonly clock: Clock;
  private readonly logger: JobLogger;
  private readonly running = new Map<string, Running>();
  private readonly claims = new Set<Promise<unknown>>();
  private started = false;
  private stopping = false;
  private filling = false;
  private fillAgain = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(opts: JobRunnerOptions) {
    this.db = opts.db;
    this.queue = opts.queue;
    this.handlers = opts.handlers;
    this.workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.pollIntervalMs = opts.pollIntervalMs ?? 1000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.min(Math.floor(this.leaseMs / 3), 5000);
    this.maxAbandonedAttempts = Math.max(1, opts.maxAbandonedAttempts ?? 3);
    this.retryBaseMs = opts.retryBaseMs ?? 5000;
    this.retryMaxMs = opts.retryMaxMs ?? 3_600_000;
    this.clock = opts.clock ?? systemClock;
    this.logger = opts.logger ?? silentLogger;
  }

  /** Polls for due jobs and runs up to `concurrency` at once, off the request path. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.unsubscribe = this.queue.onEnqueued((type) => {
      if (this.handlers[type]) this.kick();
    });
    this.kick();
  }

  /** Stops claiming, aborts running handlers' signals and waits for them; their jobs go back to the queue. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // A claim in flight may still hand over a job: keep going until nothing is claiming or running.
    while (this.claims.size > 0 || this.running.size > 0) {
      for (const job of this.running.values()) {
        if (!job.controller.signal.aborted) job.controller.abort(new JobRunnerStoppedError(job.fence.id));
      }
      await Promise.allSettled([...this.claims, ...[...this.running.values()].map((job) => job.done)]);
    }
  }

  /** Claims and runs at most one due job now, waiting for it to end; false when none was due. */
  async runOnce(): Promise<boolean> {
    if (this.stopping) return false;
    const row = await this.claim();
    if (!row) return false;
    await this.execute(row);
    return true;
  }

  private kick(): void {
    if (!this.started || this.stopping) return;
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = true;
    clearTimeout(this.pollTimer);
    void this.fill().finally(() => {
      this.filling = false;
      if (!this.started || this.stopping) return;
      if (this.fillAgain) {
        this.fillAgain = false;
        this.kick();
      } else {
        this.pollTimer = setTimeout(() => this.kick(), this.pollIntervalMs);
      }
    });
  }

  private async fill(): Promise<void> {
    while (this.started && !this.stopping && this.running.size < this.concurrency) {
      let row: JobRow | undefined;
      try {
        row = await this.claim();
      } catch (error) {
        this.logger.error({ err: error, workerId: this.workerId }, 'Claiming a job failed; will retry at the next poll');
        return;
      }
      if (!row) return;
      // When it ends, a slot frees up: look for more work at once rather than at the next poll.
      void this.execute(row).finally(() => this.kick());
    }
  }

  private async claim(): Promise<JobRow | undefined> {
    const now = this.clock.now();
    const claim = claimNext(this.db, {
      types: Object.keys(this.handlers),
      workerId: this.workerId,
      now: now.toISOString(),
      leaseUntil: new Date(now.getTime() + this.leaseMs).toISOString(),
    });
    this.claims.add(claim);
    try {
      return await claim;
    } finally {
      this.claims.delete(claim);
    }
  }

  private execute(row: JobRow): Promise<void> {
    const fence: Fence = { id: row.id, lockedBy: this.workerId, attempt: Number(row.attempt) };
    const controller = new AbortController();
    const entry: Running = { fence, controller, done: Promise.resolve() };
    // Claimed while stopping: the handler is not started and the job goes straight back.
    if (this.stopping) controller.abort(new JobRunnerStoppedError(row.id));
    entry.done = this.runHandler(row, entry)
      .catch((error) =>
        this.logger.error({ err: error, jobId: row.id }, 'Recording a job outcome failed; its lease will expire and it will be retried'),
      )
      .finally(() => this.running.delete(row.id));
    this.running.set(row.id, entry);
    return entry.done;
  }

  private async runHandler(row: JobRow, { fence, controller }: Running): Promise<void> {
    const now = () => this.clock.now().toISOString();
    const log = { jobId: row.id, type: row.type, attempt: fence.attempt, workerId: this.workerId };
    // Checked after the claim, so the decision and the claim are one atomic step per job.
    if (Number(row.cancelRequested) === 1) {
      await finish(this.db, fence, { status: 'cancelled', now: now() });
      return;
    }
    const handler = this.handlerFor(row.type);
    if (!handler) return; // claimNext only claims registered types
    if (fence.attempt > Number(row.maxAttempts)) {
      const previous = row.error === null ? '' : ` Last error: ${row.error}`;
      const error = `All ${row.maxAttempts} attempts are used up; the last one stopped without finishing (its runner crashed or lost its lease).${previous}`;
      await this.giveUp(row, fence, error, true, log);
      return;
    }
    // Quarantine: a job that takes its process down (a file that exhausts the heap) would otherwise be
    // claimed again after every restart and take the server down each time.
    const abandoned = Number(row.abandonedAttempts);
    if (abandoned >= this.maxAbandonedAttempts) {
      const error = `Stopped after ${abandoned} attempts that never finished (the server stopped while running it each time).`;
      await this.giveUp(row, fence, error, true, log);
      return;
    }
    const signal = controller.signal;
    const extend = async (db: Executor, progress?: string | null) => {
      const state = await touch(db, fence, { now: now(), leaseUntil: this.leaseEnd(), progress });
      if (!state) controller.abort(new JobLeaseLostError(row.id));
      else if (state.cancelRequested) controller.abort(new JobCancelledError(row.id));
    };
    const context: JobContext<unknown> = {
      job: {
        id: row.id,
        type: row.type,
        payload: JSON.parse(row.payload),
        attempt: fence.attempt,
        progress: row.progress === null ? null : JSON.parse(row.progress),
      },
      signal,
      reportProgress: async (progress, trx) => {
        if (signal.aborted && !(signal.reason instanceof JobRunnerStoppedError)) throw signal.reason;
        await extend(trx ?? this.db, toJson(progress));
        if (signal.aborted && !(signal.reason instanceof JobRunnerStoppedError)) throw signal.reason;
        context.job.progress = progress;
      },
    };
    // Keeps the lease while the handler works (also while it winds down after a cancel or stop),
    // and is how a cancel request reaches a handler that is between checkpoints.
    const beat = () => {
      if (signal.reason instanceof JobLeaseLostError) return;
      extend(this.db).catch((error) => this.logger.warn({ ...log, err: error }, 'Job heartbeat failed'));
    };
    const heartbeat = this.heartbeatMs > 0 ? setInterval(beat, this.heartbeatMs) : undefined;

    this.logger.info(log, 'Job started');
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown };
    try {
      if (signal.aborted) throw signal.reason;
      outcome = { ok: true, result: await handler(context) };
    } catch (error) {
      outcome = { ok: false, error };
    } finally {
      clearInterval(heartbeat);
    }
    // Once the signal is aborted, its reason decides the outcome, whatever the handler did after.
    const reason: unknown = signal.aborted ? signal.reason : outcome.ok ? undefined : outcome.error;
    if (reason instanceof JobLeaseLostError) {
      this.logger.warn(log, 'Job lease lost; another runner has it');
    } else if (reason instanceof JobCancelledError) {
      await this.record(
        log,
        finish(this.db, fence, { status: 'cancelled', now: now(), result: outcome.ok ? toJson(outcome.result) : undefined }),
        'Job cancelled',
      );
    } else if (reason instanceof JobRunnerStoppedError) {
      await this.record(
        log,
        requeue(this.db, fence, { now: now(), runAt: now(), refundAttempt: true }),
        'Job interrupted by shutdown; requeued',
      );
    } else if (outcome.ok) {
      await this.record(log, finish(this.db, fence, { status: 'succeeded', now: now(), result: toJson(outcome.result) }), 'Job succeeded');
    } else {
      await this.recordFailure(row, fence, outcome.error, log);
    }
  }

  private async recordFailure(row: JobRow, fence: Fence, error: unknown, log: object): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const now = this.clock.now();
    if (fence.attempt >= Number(row.maxAttempts)) {
      await this.giveUp(row, fence, message, false, { ...log, err: error });
      return;
    }
    const delay = Math.min(this.retryBaseMs * 2 ** (fence.attempt - 1), this.retryMaxMs);
    const runAt = new Date(now.getTime() + delay).toISOString();
    await this.record(
      { ...log, err: error, runAt },
      requeue(this.db, fence, { now: now.toISOString(), runAt, error: message }),
      'Job failed; will retry',
    );
  }

  /** The handler for a job type, called with the stored payload as it is: only the handler reads it. */
  private handlerFor(type: string): JobHandler<unknown> | undefined {
    return this.handlers[type] as JobHandler<unknown> | undefined;
  }

  /**
   * Ends the job `failed` for good and tells its handler's `onGaveUp` in the same transaction. If that
   * hook fails, the job is still marked failed (without it) so it cannot come back forever.
   */
  private async giveUp(row: JobRow, fence: Fence, error: string, abandoned: boolean, log: object): Promise<void> {
    const onGaveUp = this.handlerFor(row.type)?.onGaveUp;
    const failure = { id: row.id, type: row.type, payload: JSON.parse(row.payload) as unknown, error, abandoned };
    const fail = (db: Executor) => finish(db, fence, { status: 'failed', now: this.clock.now().toISOString(), error });
    let recorded: Promise<boolean>;
    if (!onGaveUp) {
      recorded = fail(this.db);
    } else {
      recorded = inTransaction(this.db, async (trx) => {
        const failed = await fail(trx);
        if (failed) await onGaveUp(failure, trx);
        return failed;
      }).catch(async (hookError: unknown) => {
        this.logger.error(
          { ...log, err: hookError },
          'Telling the job type that its job failed did not work; the job is marked failed anyway',
        );
        return fail(this.db);
      });
    }
    await this.record({ ...log, error }, recorded, 'Job failed for good; it will not be retried');
  }

  private async record(log: object, write: Promise<boolean>, message: string): Promise<void> {
    if (await write) this.logger.info(log, message);
    else this.logger.warn(log, `${message}, but the lease was lost before it was recorded; another runner has the job`);
  }

  private leaseEnd(): string {
    return new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
  }
}
