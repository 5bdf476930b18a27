import { Permissions } from '../../../../common/permissions.ts';
import type { EnrollmentsService, EnrollmentTarget } from '../../enrollment/enrollments.service.ts';
import type { ActionParams, BulkActionHandler, ItemOutcome } from './action-types.ts';

const targetOf = (params: ActionParams): EnrollmentTarget =>
  params.sectionId ? { sectionId: params.sectionId } : { learningPathId: params.learningPathId as string };

/**
 * Enrolls the selection into a section or a learning path, through the enrollment service's own rules
 * (waitlist when full, window, force with a reason), a few thousand accounts per transaction. Not
 * undoable as a bulk: each enrollment is withdrawn on its section's page, which promotes the waitlist.
 */
export function enrollAction(enrollments: EnrollmentsService): BulkActionHandler {
  return {
    permission: Permissions.enrollmentsManage,
    batchSize: 2000,
    changesAccounts: true,
    ownTransactions: true,
    async prepare(_db, actor, _tenantId, input) {
      const params: ActionParams = input.sectionId ? { sectionId: input.sectionId } : { learningPathId: input.learningPathId as string };
      if (input.force) Object.assign(params, { force: 'true', reason: input.reason ?? '' });
      await enrollments.requireTarget(actor, targetOf(params), { force: input.force ?? false, reason: input.reason ?? null });
      return params;
    },
    async apply(_db, actor, accounts, context) {
      const force = context.params.force === 'true';
      const outcome = await enrollments.enrollMany(
        actor,
        accounts.map((a) => a.id),
        targetOf(context.params),
        { force, reason: force ? (context.params.reason ?? null) : null, unreachable: 'fail' },
      );
      const out = new Map<string, ItemOutcome>();
      for (const result of outcome.results) {
        if (result.status === 'enrolled')
          out.set(result.accountId, { outcome: 'succeeded', message: force ? 'Enrolled (forced).' : 'Enrolled.' });
        else if (result.status === 'waitlisted')
          out.set(result.accountId, { outcome: 'succeeded', message: 'Waitlisted: the section is full.' });
        else if (result.reason === 'already_enrolled') out.set(result.accountId, { outcome: 'skipped', message: 'Already enrolled.' });
        else out.set(result.accountId, { outcome: 'failed', reason: result.reason ?? 'failed', message: enrollFailure(result.reason) });
      }
      return out;
    },
  };
}

function enrollFailure(reason: string | null): string {
  switch (reason) {
    case 'account_archived':
      return 'Not enrolled: the account is archived.';
    case 'enrollment_closed':
      return 'Not enrolled: the section’s enrollment window is closed.';
    case 'section_cancelled':
      return 'Not enrolled: the section was cancelled.';
    case 'out_of_scope':
      return 'Not enrolled: the account is outside the organization that offers the course.';
    default:
      return `Not enrolled (${reason ?? 'unknown reason'}).`;
  }
}
