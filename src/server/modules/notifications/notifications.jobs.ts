import type { JobHandler } from '../../jobs/index.ts';
import { deliveryJob, type DeliveryPayload, type DeliveryService } from './delivery.service.ts';

/** The delivery job: a thin adapter from the runner to DeliveryService (retries are the runner's). */
export function notificationJobHandlers(delivery: DeliveryService): Record<string, JobHandler<DeliveryPayload>> {
  return {
    [deliveryJob.type]: async (ctx) => {
      const lastAttempt = ctx.job.attempt >= deliveryJob.maxAttempts;
      const payload = ctx.job.payload;
      if ('outboxIds' in payload) return { outcomes: await delivery.deliverMany(payload.outboxIds, lastAttempt, ctx.signal) };
      return { outcome: await delivery.deliver(payload.outboxId, lastAttempt) };
    },
  };
}
