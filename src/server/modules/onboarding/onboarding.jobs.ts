import type { Db } from '../../db/connection.ts';
import type { JobHandler, JobQueue } from '../../jobs/index.ts';
import type { ActivationService } from './activation.service.ts';

export const expireInvitationsJob = 'onboarding.expire-invitations';

export function onboardingJobHandlers(activation: ActivationService): Record<string, JobHandler<null>> {
  return {
    [expireInvitationsJob]: async () => ({ expired: await activation.expireLapsedInvitations() }),
  };
}

/**
 * Queues the expiry sweep now and every `everyMs`. Every instance does this; the dedupe key keeps at
 * most one sweep queued or running across all of them, and the runner hands it to one instance.
 */
export function scheduleInvitationExpiry(
  db: Db,
  queue: JobQueue,
  everyMs = 10 * 60_000,
  onError: (error: unknown) => void = () => undefined,
): () => void {
  const enqueue = () => {
    queue.enqueue(db, { type: expireInvitationsJob, payload: null, dedupeKey: expireInvitationsJob, maxAttempts: 3 }).catch(onError);
  };
  enqueue();
  const timer = setInterval(enqueue, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
