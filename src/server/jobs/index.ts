export { JobQueue, DEFAULT_MAX_ATTEMPTS } from './job-queue.ts';
export { JobRunner, type JobRunnerOptions } from './job-runner.ts';
export { schedulePeriodicJob } from './periodic.ts';
export type { JobsTable } from './job-store.ts';
export {
  JobCancelledError,
  JobLeaseLostError,
  JobRunnerStoppedError,
  withGiveUp,
  type EnqueueInput,
  type JobFailure,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  type JobLogger,
  type JobStatus,
  type JobView,
} from './job-types.ts';
