import type { JobHandler } from '../../jobs/index.ts';
import { deliveryJob, type DeliveryPayload, type DeliveryService } from './delivery.service.ts';

/** The delivery job: a thin adapter from the runner to DeliveryService (retries are the runner's). */
export function notificationJobHandlers(delivery: DeliveryService): Record<string, JobHandler<DeliveryPayload>> {
  return {
    [deliveryJob.type]: async (ctx) => {
      const outcome = await delivery.deliver(ctx.job.payload.outboxId, ctx.job.attempt >= deliveryJob.maxAttempts);
      return { outcome };
    },
  };
}
