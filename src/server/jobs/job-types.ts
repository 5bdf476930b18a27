import type { Executor } from '../db/connection.ts';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobContext<P> {
  job: { id: string; type: string; payload: P; attempt: number; progress: unknown };
  /**
   * Aborted when the job is cancelled, its lease is lost, or the runner stops; handlers check it between
   * batches (`signal.throwIfAborted()`). The reason is a JobCancelledError, JobLeaseLostError or
   * JobRunnerStoppedError. Once aborted, the reason decides the outcome, not what the handler returns.
   */
  signal: AbortSignal;
  /**
   * Saves progress (any JSON) and extends the lease; cheap enough to call every batch. Throws
   * JobCancelledError if the job was cancelled meanwhile (JobLeaseLostError if another runner took it).
   * Pass the handler's own transaction as `trx` to commit the checkpoint atomically with the batch's
   * writes: then a crash can never separate "rows written" from "progress saved".
   */
  reportProgress(progress: unknown, trx?: Executor): Promise<void>;
}

/** A job that ended `failed` for good: its attempts are used up, or it was quarantined. */
export interface JobFailure<P> {
  id: string;
  type: string;
  payload: P;
  /** The reason recorded on the job, written for an administrator. */
  error: string;
  /** True when the last attempt never answered (its process died), false when the handler threw. */
  abandoned: boolean;
}

/**
 * Resolves with a JSON-serialisable result. Must be idempotent and resumable from `job.progress`.
 * `onGaveUp`, when present, is told once that the job failed for good, inside the transaction that
 * records it, so the record the job works on can say so too (see `withGiveUp`).
 */
export type JobHandler<P = unknown> = ((ctx: JobContext<P>) => Promise<unknown>) & {
  onGaveUp?: (failure: JobFailure<P>, trx: Executor) => Promise<void>;
};

/**
 * The runner's handlers by job type. Each handler names its own payload type; the runner hands it the
 * JSON stored when the job was queued, which only that handler knows how to read — so the table asks
 * nothing of the payload type (`never`), and the runner calls each handler as taking `unknown`.
 */
export type JobHandlers = Record<string, JobHandler<never>>;

/** A handler with a hook for when its job fails for good (attempts used up, or quarantined). */
export function withGiveUp<P>(
  run: (ctx: JobContext<P>) => Promise<unknown>,
  onGaveUp: (failure: JobFailure<P>, trx: Executor) => Promise<void>,
): JobHandler<P> {
  return Object.assign(run, { onGaveUp });
}

/** A job as services and routes see it: JSON columns parsed, flags as booleans. */
export interface JobView {
  id: string;
  type: string;
  status: JobStatus;
  payload: unknown;
  progress: unknown;
  result: unknown;
  /** The last error message (kept on a job that is retried, and on a failed one). */
  error: string | null;
  attempt: number;
  maxAttempts: number;
  /** Claims that ended without any answer (the runner died or lost its lease while running it). */
  abandonedAttempts: number;
  runAt: string;
  dedupeKey: string | null;
  cancelRequested: boolean;
  lockedBy: string | null;
  leaseUntil: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnqueueInput {
  type: string;
  payload: unknown;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Claims allowed, including crash recoveries (default 5). */
  maxAttempts?: number;
  /** While a queued or running job has this key, enqueue returns that job instead of a new one. */
  dedupeKey?: string;
}

/** Structured logger, pino/Fastify compatible. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: JobLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The job was cancelled (requestCancel) while it ran. */
export class JobCancelledError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled`);
    this.name = 'JobCancelledError';
  }
}

/** This runner no longer holds the job: its lease expired and another runner claimed it. */
export class JobLeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} is no longer held by this runner (its lease expired)`);
    this.name = 'JobLeaseLostError';
  }
}

/** The runner is shutting down; the job goes back to the queue and resumes from its progress. */
export class JobRunnerStoppedError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was interrupted because the job runner is stopping`);
    this.name = 'JobRunnerStoppedError';
  }
}
