import type { AuditSource } from '../../../common/permissions.ts';
import type { JobHandler } from '../../jobs/index.ts';
import { withSource, type Actor } from '../../platform/actor.ts';
import { bulkEnrollmentJobType, type BulkEnrollmentPayload, type BulkEnrollmentService } from './bulk-enrollment.service.ts';

/** Job handlers for enrollment: a bulk enrollment acts as the person who started it, with the grants they hold when it runs. */
export function enrollmentJobHandlers(deps: {
  bulk: BulkEnrollmentService;
  loadActor: (accountId: string, source: AuditSource) => Promise<Actor | undefined>;
  systemActor: () => Actor;
}): Record<string, JobHandler<BulkEnrollmentPayload>> {
  return {
    [bulkEnrollmentJobType]: async (ctx) => {
      const requester = ctx.job.payload.requestedBy;
      const actor = requester ? await deps.loadActor(requester, ctx.job.payload.source) : deps.systemActor();
      if (!actor) throw new Error('The person who started this enrollment no longer has an account that can act.');
      return deps.bulk.run(withSource(actor, ctx.job.payload.source, { jobId: ctx.job.id }), ctx);
    },
  };
}
