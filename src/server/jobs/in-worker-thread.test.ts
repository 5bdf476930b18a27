import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { JobThreads } from './in-worker-thread.ts';
import type { JobContext } from './job-types.ts';

const entry = new URL('../../../test/support/thread-id-job-thread.ts', import.meta.url);

function jobContext(id: string): JobContext<object> {
  return {
    job: { id, type: 'test.thread', payload: {}, attempt: 1, progress: null },
    signal: new AbortController().signal,
    reportProgress: async () => undefined,
  } as unknown as JobContext<object>;
}

async function threadOf(threads: JobThreads, id: string, then?: { idleMs?: number }): Promise<number> {
  return ((await threads.run(jobContext(id), then)) as { threadId: number }).threadId;
}

test('an idle job thread closes after its idle time, unless the job that ended said another would follow', async () => {
  const threads = new JobThreads({ entry, config: {} }, { idleMs: 300 });
  try {
    // A plan: its commit may follow, so the thread waits longer than its usual idle time for it.
    const planned = await threadOf(threads, 'plan', { idleMs: 10_000 });
    await sleep(900);
    const committed = await threadOf(threads, 'commit');
    assert.equal(committed, planned, 'the waiting thread ran the next job');
    // A commit: nothing is expected to follow, so its thread closes after the usual idle time.
    await sleep(900);
    const next = await threadOf(threads, 'later');
    assert.notEqual(next, committed, 'a new thread ran the job after the idle one closed');
  } finally {
    await threads.close();
  }
});
