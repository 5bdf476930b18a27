import type { AuditSource } from '../../../common/permissions.ts';
import type { EnrollmentCounts, EnrollmentJob, EnrollmentResult } from '../../../common/schemas/enrollment.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { JobContext, JobQueue } from '../../jobs/index.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/errors.ts';
import type { BulkEnrollment, EnrollOptions, EnrollmentTarget, EnrollmentsService } from './enrollments.service.ts';

export const bulkEnrollmentJobType = 'enrollments.bulk';

/** Kept in the job: who asked, the ids, the target. Rebuilt into an actor when the job runs. */
export interface BulkEnrollmentPayload {
  requestedBy: string | null;
  /** Where the request came from (console, api, import), kept on the audit events the job writes. */
  source: AuditSource;
  accountIds: string[];
  sectionId?: string;
  learningPathId?: string;
  force: boolean;
  reason: string | null;
}

interface BulkProgress {
  done: number;
  counts: EnrollmentCounts;
  failures: EnrollmentResult[];
}

/** Accounts per transaction: one lock, one capacity count and one insert per batch. */
export const bulkBatchSize = 2500;
const failuresKept = 1000;

/**
 * Enrolling thousands: a durable job that places the accounts batch by batch, each batch in one
 * transaction with its checkpoint (so a restart neither repeats nor skips anyone), in the order given.
 */
export class BulkEnrollmentService implements BulkEnrollment {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly enrollments: EnrollmentsService,
  ) {}

  async start(actor: Actor, accountIds: readonly string[], target: EnrollmentTarget, options: EnrollOptions) {
    const payload: BulkEnrollmentPayload = {
      requestedBy: actor.accountId,
      source: actor.source,
      accountIds: [...accountIds],
      ...target,
      force: options.force ?? false,
      reason: options.reason ?? null,
    };
    const { id } = await this.jobs.enqueue(this.db, { type: bulkEnrollmentJobType, payload });
    return { jobId: id, total: accountIds.length };
  }

  async run(actor: Actor, ctx: JobContext<BulkEnrollmentPayload>): Promise<BulkProgress> {
    const { accountIds, force, reason } = ctx.job.payload;
    const target: EnrollmentTarget = ctx.job.payload.sectionId
      ? { sectionId: ctx.job.payload.sectionId }
      : { learningPathId: ctx.job.payload.learningPathId as string };
    let progress = (ctx.job.progress as BulkProgress | null) ?? {
      done: 0,
      counts: { enrolled: 0, waitlisted: 0, failed: 0 },
      failures: [],
    };
    while (progress.done < accountIds.length) {
      ctx.signal.throwIfAborted();
      const chunk = accountIds.slice(progress.done, progress.done + bulkBatchSize);
      progress = await inTransaction(this.db, async (trx) => {
        const outcome = await this.enrollments.enrollMany(actor, chunk, target, { force, reason, unreachable: 'fail', trx });
        const next: BulkProgress = {
          done: progress.done + chunk.length,
          counts: {
            enrolled: progress.counts.enrolled + outcome.counts.enrolled,
            waitlisted: progress.counts.waitlisted + outcome.counts.waitlisted,
            failed: progress.counts.failed + outcome.counts.failed,
          },
          failures: [...progress.failures, ...outcome.results.filter((r) => r.status === 'failed')].slice(0, failuresKept),
        };
        await ctx.reportProgress(next, trx);
        return next;
      });
    }
    return progress;
  }

  /** GET /api/enrollment-jobs/:id: the person who started it (or a global administrator) follows it. */
  async getJob(actor: Actor, id: string): Promise<EnrollmentJob> {
    const job = await this.jobs.get(this.db, id);
    const payload = job?.payload as BulkEnrollmentPayload | undefined;
    if (!job || job.type !== bulkEnrollmentJobType || !payload || (!actor.isGlobalAdmin && payload.requestedBy !== actor.accountId)) {
      throw notFound('The enrollment job');
    }
    const progress = (job.result ?? job.progress) as BulkProgress | null;
    return {
      id: job.id,
      status: job.status,
      total: payload.accountIds.length,
      done: progress?.done ?? 0,
      counts: progress?.counts ?? { enrolled: 0, waitlisted: 0, failed: 0 },
      failures: progress?.failures ?? [],
      error: job.error,
    };
  }
}
