import { withGiveUp, type JobContext, type JobHandler } from '../../jobs/index.ts';
import { systemActor, withSource, type Actor } from '../../platform/actor.ts';
import { commitBatchSize, rowsLeftToCommit, type CommitService } from './commit.service.ts';
import { importJobTypes, rollbackFrom, type ImportsService } from './imports.service.ts';
import type { PlanService } from './planning/plan.service.ts';
import type { RollbackService } from './rollback.service.ts';

interface ImportJobPayload {
  importId: string;
  requestedBy?: string | null;
}

/**
 * Who a background import acts as — decided here and nowhere else:
 * - planning and committing act as the uploader, rebuilt from the grants they hold *when the job runs*
 *   (a grant revoked since the upload narrows the commit too); the uploader is also who gets the log;
 * - a rollback acts as the person who asked for it, so it never reaches past their scope;
 * - an import from the command line has no uploader and acts as the system (global reach).
 */
/** The account as an actor now, and who to tell when their import finishes; undefined when it is gone. */
export type ActorLoader = (
  accountId: string | null,
) => Promise<{ actor: Actor; person?: { email: string; firstName: string; lastName: string } } | undefined>;

/** Files larger than this (some ten thousand rows) are planned in a worker thread. */
const planInThreadFromBytes = 1 << 20;
/**
 * How long a plan's thread waits for the commit that may follow (the command line's at once, the console's
 * after someone read the preview), so a prompt commit does not pay a thread's start (~0.6 s built).
 */
const commitExpectedWithinMs = 30_000;

/** Job handlers for imports: thin adapters from the durable runner to the import services. */
export function importJobHandlers(deps: {
  imports: ImportsService;
  plan: PlanService;
  commit: CommitService;
  rollback: RollbackService;
  loadActor: ActorLoader;
  /** Runs the job in a worker thread (absent inside one, or where a thread cannot open the database). */
  inWorkerThread?: <P>(ctx: JobContext<P>, then?: { idleMs?: number }) => Promise<unknown>;
}): Record<string, JobHandler<ImportJobPayload>> {
  const actorFor = async (ctx: JobContext<ImportJobPayload>, accountId: string | null) => {
    const loaded = accountId ? await deps.loadActor(accountId) : undefined;
    const actor = loaded?.actor ?? systemActor('import', 'command line');
    return { actor: withSource(actor, 'import', { jobId: ctx.job.id }), person: loaded?.person };
  };
  return {
    [importJobTypes.plan]: withGiveUp(
      async (ctx) => {
        const imp = await deps.imports.getRecord(ctx.job.payload.importId);
        if (!imp || !['queued', 'planning'].includes(imp.status)) return { skipped: imp?.status ?? 'missing' };
        // Reading and checking a large file takes seconds of CPU: in a thread of its own, as a commit.
        if (deps.inWorkerThread && imp.fileSize > planInThreadFromBytes)
          return deps.inWorkerThread(ctx, { idleMs: commitExpectedWithinMs });
        const { actor, person } = await actorFor(ctx, imp.uploadedBy);
        await deps.plan.planImport(imp, actor, ctx, person);
        return { planned: imp.id };
      },
      (job, trx) => deps.imports.failFromJob(trx, job.payload.importId, 'plan', job),
    ),
    [importJobTypes.commit]: withGiveUp(
      async (ctx) => {
        const imp = await deps.imports.getRecord(ctx.job.payload.importId);
        if (!imp || imp.status !== 'running') return { skipped: imp?.status ?? 'missing' };
        // More than a batch to apply: in a thread of its own, so the server keeps answering meanwhile.
        // A smaller commit is over before a thread would have started.
        if (deps.inWorkerThread && rowsLeftToCommit(imp) > commitBatchSize) return deps.inWorkerThread(ctx);
        const { actor, person } = await actorFor(ctx, imp.uploadedBy);
        await deps.commit.commitImport(imp, actor, person, ctx);
        return { committed: imp.id };
      },
      (job, trx) => deps.imports.failFromJob(trx, job.payload.importId, 'commit', job),
    ),
    [importJobTypes.rollback]: async (ctx) => {
      const imp = await deps.imports.getRecord(ctx.job.payload.importId);
      if (!imp || !rollbackFrom.includes(imp.status)) return { skipped: imp?.status ?? 'missing' };
      const requester = ctx.job.payload.requestedBy ?? imp.uploadedBy;
      // A requester whose account is gone must not fall back to the system's global reach.
      if (requester && !(await deps.loadActor(requester))) return { skipped: 'requester gone' };
      const { actor } = await actorFor(ctx, requester);
      return deps.rollback.rollbackImport(imp, actor, ctx);
    },
  };
}
