import { parentPort, threadId } from 'node:worker_threads';
import type { FromThread, ToThread } from '../../src/server/jobs/in-worker-thread.ts';

/*
 * A job thread entry for tests of JobThreads: each job's result is the id of the thread that ran it, so a
 * test can tell a thread kept for the next job from a new one. It follows the protocol of src/server/job-thread.ts.
 */
const port = parentPort;
if (!port) throw new Error('thread-id-job-thread.ts runs only as a worker thread.');
port.on('message', (message: ToThread) => {
  if (message.kind === 'run') port.postMessage({ kind: 'done', result: { threadId } } satisfies FromThread);
  else if (message.kind === 'close') port.close();
});
