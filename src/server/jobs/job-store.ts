import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Executor } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { JobStatus, JobView } from './job-types.ts';

/*
 * All SQL of the job runner. The jobs table is typed here (not in db/schema.ts) so the runner stays
 * self-contained; `jobsDb` widens any executor (root handle or transaction) with it.
 */

export interface JobsTable {
  id: string;
  type: string;
  status: JobStatus;
  payload: string;
  progress: string | null;
  result: string | null;
  error: string | null;
  attempt: number;
  maxAttempts: number;
  /** Claims that ended without any answer: the job was found still running with its lease expired. */
  abandonedAttempts: number;
  runAt: string;
  dedupeKey: string | null;
  lockedBy: string | null;
  leaseUntil: string | null;
  cancelRequested: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}
export type JobRow = Selectable<JobsTable>;

type JobsDb = Kysely<Database & { jobs: JobsTable }>;

export const jobsDb = (db: Executor): JobsDb => (db as Kysely<Database>).withTables<{ jobs: JobsTable }>() as JobsDb;

export const isPostgresExecutor = (db: Executor): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Identifies one lease: the runner that claimed the job and the claim number. Every write after the claim is fenced by it. */
export interface Fence {
  id: string;
  lockedBy: string;
  attempt: number;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
/** JSON text for a column; undefined (a handler that returns nothing) is stored as null. */
export const toJson = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function toView(row: JobRow): JobView {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    payload: parse(row.payload),
    progress: parse(row.progress),
    result: parse(row.result),
    error: row.error,
    attempt: Number(row.attempt),
    maxAttempts: Number(row.maxAttempts),
    abandonedAttempts: Number(row.abandonedAttempts),
    runAt: row.runAt,
    dedupeKey: row.dedupeKey,
    cancelRequested: Number(row.cancelRequested) === 1,
    lockedBy: row.lockedBy,
    leaseUntil: row.leaseUntil,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export async function selectJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return jobsDb(db).selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Claims the next due job in one atomic statement: a queued job whose run_at has come, or a running
 * job whose lease expired (its runner died). On PostgreSQL the candidate row is locked with
 * FOR UPDATE SKIP LOCKED, so concurrent claimers on other instances pass over it instead of waiting
 * or taking it twice; SQLite has a single writer, so the same UPDATE … RETURNING is already exclusive.
 * Taking over an expired lease counts one more abandoned attempt (see JobRunner's quarantine).
 */
export async function claimNext(
  db: Executor,
  claim: { types: string[]; workerId: string; now: string; leaseUntil: string },
): Promise<JobRow | undefined> {
  if (claim.types.length === 0) return undefined;
  const jdb = jobsDb(db);
  let candidate = jdb
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'queued'), eb('runAt', '<=', claim.now)]),
        eb.and([eb('status', '=', 'running'), eb('leaseUntil', '<', claim.now)]),
      ]),
    )
    .where('type', 'in', claim.types)
    .orderBy('runAt')
    .orderBy('id')
    .limit(1);
  if (isPostgresExecutor(db)) candidate = candidate.forUpdate().skipLocked();
  return jdb
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running' as const,
      lockedBy: claim.workerId,
      leaseUntil: claim.leaseUntil,
      attempt: eb('attempt', '+', 1),
      // A job taken over while still 'running' was abandoned by its last runner (it died holding it).
      // In SET, `status` is the value before this update.
      abandonedAttempts: eb('abandonedAttempts', '+', eb.case().when('status', '=', 'running').then(1).else(0).end()),
      startedAt: eb.fn.coalesce('startedAt', eb.val(claim.now)),
      updatedAt: claim.now,
    }))
    .where('id', '=', candidate)
    .returningAll()
    .executeTakeFirst();
}

/** Extends the lease (and saves progress when given); undefined when the lease was lost. */
export async function touch(
  db: Executor,
  fence: Fence,
  update: { now: string; leaseUntil: string; progress?: string | null },
): Promise<{ cancelRequested: boolean } | undefined> {
  const row = await jobsDb(db)
    .updateTable('jobs')
    .where((eb) => eb.and(fenceColumns(fence)))
    .set({
      leaseUntil: update.leaseUntil,
      updatedAt: update.now,
      ...(update.progress === undefined ? {} : { progress: update.progress }),
    })
    .returning('cancelRequested')
    .executeTakeFirst();
  return row && { cancelRequested: Number(row.cancelRequested) === 1 };
}

/** Ends the lease with a final status; false when this runner no longer held it. */
export async function finish(
  db: Executor,
  fence: Fence,
  outcome: { status: 'succeeded' | 'failed' | 'cancelled'; now: string; result?: string | null; error?: string | null },
): Promise<boolean> {
  const result = await jobsDb(db)
    .updateTable('jobs')
    .where((eb) => eb.and(fenceColumns(fence)))
    .set({
      status: outcome.status,
      finishedAt: outcome.now,
      updatedAt: outcome.now,
      lockedBy: null,
      leaseUntil: null,
      ...(outcome.result === undefined ? {} : { result: outcome.result }),
      ...(outcome.error === undefined ? {} : { error: outcome.error }),
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Puts the job back in the queue for `runAt`, keeping its progress. `refundAttempt` is for a graceful
 * shutdown, which should not use up one of the job's attempts.
 */
export async function requeue(
  db: Executor,
  fence: Fence,
  next: { now: string; runAt: string; error?: string; refundAttempt?: boolean },
): Promise<boolean> {
  const result = await jobsDb(db)
    .updateTable('jobs')
    .where((eb) => eb.and(fenceColumns(fence)))
    .set((eb) => ({
      status: 'queued' as const,
      runAt: next.runAt,
      updatedAt: next.now,
      lockedBy: null,
      leaseUntil: null,
      ...(next.error === undefined ? {} : { error: next.error }),
      ...(next.refundAttempt ? { attempt: eb('attempt', '-', 1) } : {}),
    }))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The columns that must still match for a write to belong to the lease holder. */
const fenceColumns = (fence: Fence) => ({ id: fence.id, status: 'running' as const, lockedBy: fence.lockedBy, attempt: fence.attempt });
