import { parentPort, workerData } from 'node:worker_threads';
import { createServices, type JobThreadConfig } from './container.ts';
import { openDatabase } from './db/connection.ts';
import type { FromThread, ToThread } from './jobs/in-worker-thread.ts';
import type { JobContext } from './jobs/index.ts';
import { heldTransport } from './modules/notifications/transport.ts';

/*
 * The entry of a worker thread that runs jobs for the main thread (see jobs/in-worker-thread.ts), one
 * at a time: it opens its own connection to the same database and builds the same services once, then
 * runs each job's handler with a context whose progress reports and abort travel to and from the main
 * thread, until it is told to close.
 */

/** The thread connection's SQLite page cache, in MB. */
const threadCacheMb = 8;

const port = parentPort;
if (!port) throw new Error('job-thread.ts runs only as a worker thread.');
const { config } = workerData as { config: JobThreadConfig };
const send = (message: FromThread) => port.postMessage(message);

// A small page cache: the index pages every batch goes through again (the upper levels of the B-trees)
// fit in a few MB, and the leaves a batch touches lie all over a large index, rarely touched again by
// the next; a cache as large as the server's own (see openDatabase) filled up all the same and was held
// for the thread's life, beside the server's (bench/import-rss.ts).
const database = openDatabase({ database: config.database }, { cacheMb: threadCacheMb });
const services = createServices(
  database,
  { ...config.services, inWorkerThread: true },
  {
    onImportRowsApplied: (count) => send({ kind: 'counted', name: 'importRowsApplied', count }),
    // The thread queues mail and never sends it: the main process's delivery jobs do.
    mailTransport: { ...heldTransport, delivers: config.mailDelivers },
  },
);

let controller = new AbortController();
const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let seq = 0;

async function run(job: JobContext<unknown>['job']): Promise<void> {
  controller = new AbortController();
  const ctx: JobContext<unknown> = {
    job,
    signal: controller.signal,
    // The main thread saves it (fenced by the runner's claim) and answers; a refusal (cancelled) comes back as an error.
    reportProgress: (progress) =>
      new Promise<void>((resolve, reject) => {
        seq += 1;
        waiting.set(seq, { resolve, reject });
        send({ kind: 'progress', seq, progress });
      }),
  };
  try {
    const handler = services.jobHandlers[job.type] as ((c: JobContext<unknown>) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for job type ${job.type}.`);
    send({ kind: 'done', result: await handler(ctx) });
  } catch (error) {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error), stack: (error as Error)?.stack });
  }
}

port.on('message', (message: ToThread) => {
  if (message.kind === 'run') void run(message.job);
  else if (message.kind === 'abort') controller.abort(new Error(message.reason));
  else if (message.kind === 'close') {
    void database.close().finally(() => port.close());
  } else {
    const waiter = waiting.get(message.seq);
    waiting.delete(message.seq);
    if (message.error) waiter?.reject(new Error(message.error));
    else waiter?.resolve();
  }
});
