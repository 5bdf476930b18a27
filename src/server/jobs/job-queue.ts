import type { Executor } from '../db/connection.ts';
import { isoNow, systemClock, systemIds, type Clock, type IdSource } from '../platform/clock.ts';
import { insertRows } from '../db/bulk-insert.ts';
import { jobsDb, selectJob, toJson, toView, type JobsTable } from './job-store.ts';
import type { EnqueueInput, JobView } from './job-types.ts';

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The persistence-facing side of the jobs: services enqueue inside their own transaction, so a job
 * exists exactly when the change that asked for it committed. Knows no job types.
 */
export class JobQueue {
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly listeners = new Set<(type: string) => void>();

  constructor(opts: { clock?: Clock; ids?: IdSource } = {}) {
    this.clock = opts.clock ?? systemClock;
    this.ids = opts.ids ?? systemIds;
  }

  /**
   * Adds a job. With a dedupeKey, while an earlier job with that key is queued or running, returns
   * that job's id (`created: false`) instead. Portable: ON CONFLICT DO NOTHING against the partial
   * unique index, so a racing duplicate neither errors nor aborts the caller's PostgreSQL transaction.
   */
  async enqueue(db: Executor, input: EnqueueInput): Promise<{ id: string; created: boolean }> {
    if (!input.type) throw new TypeError('A job needs a type');
    const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
    const jdb = jobsDb(db);
    const now = isoNow(this.clock);
    const dedupeKey = input.dedupeKey ?? null;
    if (dedupeKey !== null) {
      const live = await this.findLive(db, dedupeKey);
      if (live) return { id: live, created: false };
    }
    const id = this.ids.newId();
    const inserted = await jdb
      .insertInto('jobs')
      .values({
        id,
        type: input.type,
        status: 'queued',
        payload: toJson(input.payload) ?? 'null',
        attempt: 0,
        maxAttempts,
        abandonedAttempts: 0,
        runAt: (input.runAt ?? this.clock.now()).toISOString(),
        dedupeKey,
        cancelRequested: 0,
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const live = dedupeKey === null ? undefined : await this.findLive(db, dedupeKey);
      if (!live) throw new Error(`Job with dedupe key ${dedupeKey} could not be enqueued`);
      return { id: live, created: false };
    }
    // A runner in this process may pick it up at once (after the caller's transaction commits; else at its next poll).
    for (const listener of this.listeners) queueMicrotask(() => listener(input.type));
    return { id, created: true };
  }

  /**
   * Adds many jobs with one statement per chunk (imports queue a job per created account). A job whose
   * dedupeKey is already live is skipped silently (ON CONFLICT DO NOTHING); ids are not returned.
   */
  async enqueueMany(db: Executor, inputs: readonly EnqueueInput[]): Promise<void> {
    if (inputs.length === 0) return;
    const now = isoNow(this.clock);
    const rows: JobsTable[] = inputs.map((input) => {
      const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      if (!input.type) throw new TypeError('A job needs a type');
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('maxAttempts must be a positive integer');
      return {
        id: this.ids.newId(),
        type: input.type,
        status: 'queued',
        payload: toJson(input.payload) ?? 'null',
        progress: null,
        result: null,
        error: null,
        attempt: 0,
        maxAttempts,
        abandonedAttempts: 0,
        runAt: (input.runAt ?? this.clock.now()).toISOString(),
        dedupeKey: input.dedupeKey ?? null,
        lockedBy: null,
        leaseUntil: null,
        cancelRequested: 0,
        createdAt: now,
        updatedAt: now,
        startedAt: null,
        finishedAt: null,
      };
    });
    await insertRows(db, 'jobs', rows, { onConflictDoNothing: true });
    for (const type of new Set(inputs.map((i) => i.type))) for (const listener of this.listeners) queueMicrotask(() => listener(type));
  }

  async get(db: Executor, id: string): Promise<JobView | undefined> {
    const row = await selectJob(db, id);
    return row && toView(row);
  }

  /**
   * Asks for a job to stop. A queued job is cancelled at once; a running one is flagged, and its runner
   * aborts the handler's signal (at its next heartbeat or reportProgress) and then marks it cancelled.
   * False when the job does not exist or has already finished.
   */
  async requestCancel(db: Executor, id: string): Promise<boolean> {
    const jdb = jobsDb(db);
    const now = isoNow(this.clock);
    const queued = await jdb
      .updateTable('jobs')
      .set({ status: 'cancelled', cancelRequested: 1, finishedAt: now, updatedAt: now })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    if (Number(queued.numUpdatedRows) === 1) return true;
    const running = await jdb
      .updateTable('jobs')
      .set({ cancelRequested: 1, updatedAt: now })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return Number(running.numUpdatedRows) === 1;
  }

  /** Deletes jobs that finished (succeeded, failed or cancelled) before `before`; returns how many. */
  async deleteFinished(db: Executor, before: Date): Promise<number> {
    const result = await jobsDb(db)
      .deleteFrom('jobs')
      .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
      .where('finishedAt', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /**
   * For monitoring: per job type, how many jobs wait and how many run, and how long the longest-waiting
   * job that is due has waited (a job retried later is not waiting before its time).
   */
  async queueStats(db: Executor): Promise<Array<{ type: string; queued: number; running: number; oldestDueSeconds: number }>> {
    const now = this.clock.now();
    const rows = await jobsDb(db)
      .selectFrom('jobs')
      .select((eb) => [
        'type',
        'status',
        eb.fn.countAll<number | string>().as('count'),
        eb.fn.min(eb.case().when('runAt', '<=', now.toISOString()).then(eb.ref('runAt')).end()).as('oldestDue'),
      ])
      .where('status', 'in', ['queued', 'running'])
      .groupBy(['type', 'status'])
      .execute();
    const byType = new Map<string, { type: string; queued: number; running: number; oldestDueSeconds: number }>();
    for (const row of rows) {
      const entry = byType.get(row.type) ?? { type: row.type, queued: 0, running: 0, oldestDueSeconds: 0 };
      if (row.status === 'running') entry.running = Number(row.count);
      else {
        entry.queued = Number(row.count);
        const due = row.oldestDue ? Date.parse(String(row.oldestDue)) : NaN;
        entry.oldestDueSeconds = Number.isNaN(due) ? 0 : Math.max(0, (now.getTime() - due) / 1000);
      }
      byType.set(row.type, entry);
    }
    return [...byType.values()];
  }

  /** Called after each enqueue in this process; returns the unsubscribe function. */
  onEnqueued(listener: (type: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async findLive(db: Executor, dedupeKey: string): Promise<string | undefined> {
    const row = await jobsDb(db)
      .selectFrom('jobs')
      .select('id')
      .where('dedupeKey', '=', dedupeKey)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    return row?.id;
  }
}
