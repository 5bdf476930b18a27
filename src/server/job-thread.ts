import { parentPort, workerData } from 'node:worker_threads';
import { createServices, type JobThreadConfig } from './container.ts';
import { openDatabase } from './db/connection.ts';
import type { ToThread } from './jobs/in-worker-thread.ts';
import type { JobContext } from './jobs/index.ts';
import { heldTransport } from './modules/notifications/transport.ts';

/*
 * The entry of a worker thread that runs one job (see jobs/in-worker-thread.ts): it opens its own
 * connection to the same database, builds the same services, runs the job's handler with a context
 * whose progress reports and abort travel to and from the main thread, and ends.
 */

interface ThreadData {
  config: JobThreadConfig;
  job: JobContext<unknown>['job'];
}

const port = parentPort;
if (!port) throw new Error('job-thread.ts runs only as a worker thread.');
const { config, job } = workerData as ThreadData;

const controller = new AbortController();
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let seq = 0;
port.on('message', (message: ToThread) => {
  if (message.kind === 'abort') {
    controller.abort(new Error(message.reason));
    return;
  }
  const waiter = waiting.get(message.seq);
  waiting.delete(message.seq);
  if (message.error) waiter?.reject(new Error(message.error));
  else waiter?.resolve();
});

const database = openDatabase({ database: config.database });
const services = createServices(
  database,
  { ...config.services, inWorkerThread: true },
  {
    onImportRowsApplied: (count) => port.postMessage({ kind: 'counted', name: 'importRowsApplied', count }),
    // The thread queues mail and never sends it: the main process's delivery jobs do.
    mailTransport: { ...heldTransport, delivers: config.mailDelivers },
  },
);
const ctx: JobContext<unknown> = {
  job,
  signal: controller.signal,
  // The main thread saves it (fenced by the runner's claim) and answers; a refusal (cancelled) comes back as an error.
  reportProgress: (progress) =>
    new Promise<void>((resolve, reject) => {
      seq += 1;
      waiting.set(seq, { resolve, reject });
      port.postMessage({ kind: 'progress', seq, progress });
    }),
};
try {
  const handler = services.jobHandlers[job.type];
  if (!handler) throw new Error(`No handler for job type ${job.type}.`);
  const result = await (handler as (c: JobContext<unknown>) => Promise<unknown>)(ctx);
  port.postMessage({ kind: 'done', result });
} catch (error) {
  port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: (error as Error)?.stack });
} finally {
  await database.close();
  port.close();
}
