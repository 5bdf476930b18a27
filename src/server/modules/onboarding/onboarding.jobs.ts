import type { JobHandler } from '../../jobs/index.ts';
import { expireInvitationsJob, type ActivationService } from './activation.service.ts';

export { expireInvitationsJob };

/** Job types → service calls; the sweep is scheduled by `ActivationService.scheduleExpirySweep`. */
export function onboardingJobHandlers(activation: ActivationService): Record<string, JobHandler<null>> {
  return {
    [expireInvitationsJob]: async () => ({ expired: await activation.expireLapsedInvitations() }),
  };
}
