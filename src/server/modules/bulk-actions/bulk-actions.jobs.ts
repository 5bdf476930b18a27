import { withGiveUp, type JobHandler } from '../../jobs/index.ts';
import { systemActor, withSource, type Actor } from '../../platform/actor.ts';
import type { AuditSource } from '../../../common/permissions.ts';
import { bulkJobTypes, type BulkActionsService } from './bulk-actions.service.ts';
import type { BulkRunService } from './bulk-run.service.ts';

interface BulkJobPayload {
  bulkActionId: string;
}

/**
 * A bulk action acts as the person who asked for it, rebuilt from the grants they hold when the job
 * runs (a grant revoked since narrows the action); an undo acts as the person who asked for the undo.
 * A person whose account is gone acts as nobody: the job ends without touching anything.
 */
export function bulkActionJobHandlers(deps: {
  bulk: BulkActionsService;
  runner: BulkRunService;
  loadActor: (accountId: string, source: AuditSource) => Promise<Actor | undefined>;
  fail: BulkActionsService['failFromJob'];
}): Record<string, JobHandler<BulkJobPayload>> {
  const actorFor = async (accountId: string | null, source: string, jobId: string) => {
    const actor = accountId ? await deps.loadActor(accountId, (source as AuditSource) ?? 'api') : undefined;
    return actor ? withSource(actor, actor.source, { jobId }) : undefined;
  };
  return {
    [bulkJobTypes.run]: withGiveUp(
      async (ctx) => {
        const row = await deps.bulk.getRecord(ctx.job.payload.bulkActionId);
        if (!row || !['queued', 'selecting', 'running'].includes(row.status)) return { skipped: row?.status ?? 'missing' };
        const params = JSON.parse(row.params) as { source?: string; system?: string };
        // Started by the system itself (the inactivity sweep): the system's reach, named by the action's label.
        const actor =
          params.system === 'true'
            ? withSource(systemActor('system', row.requestedByLabel), 'system', { jobId: ctx.job.id })
            : await actorFor(row.requestedBy, params.source ?? 'api', ctx.job.id);
        if (!actor) return { skipped: 'requester gone' };
        return deps.runner.run(row, actor, ctx);
      },
      (job, trx) => deps.fail(trx, job.payload.bulkActionId, job.error),
    ),
    [bulkJobTypes.undo]: async (ctx) => {
      const row = await deps.bulk.getRecord(ctx.job.payload.bulkActionId);
      if (!row || row.status !== 'undoing') return { skipped: row?.status ?? 'missing' };
      const actor = await actorFor(row.undoneBy, 'api', ctx.job.id);
      if (!actor) return { skipped: 'requester gone' };
      return deps.runner.undo(row, actor, ctx);
    },
  };
}
