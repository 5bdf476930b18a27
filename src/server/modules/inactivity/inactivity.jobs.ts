import type { JobHandler } from '../../jobs/index.ts';
import { inactivitySweepJob, type InactivityService } from './inactivity.service.ts';

/** The daily sweep (scheduled by `InactivityService.scheduleDailySweep`). */
export function inactivityJobHandlers(inactivity: InactivityService): Record<string, JobHandler<null>> {
  return { [inactivitySweepJob]: async () => inactivity.sweep() };
}
