import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobQueue } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import { jobsDb } from './job-store.ts';
import type { JobHandler } from './job-types.ts';
import { describeJobsOnEachDatabase, waitFor } from './test-helpers.ts';

const JOBS = 50;
const pause = () => new Promise((r) => setTimeout(r, Math.random() * 3));

describeJobsOnEachDatabase('job claiming under concurrency', (ctx) => {
  // On PostgreSQL each runner is a separate instance with its own pool; SQLite has one connection per app.
  const dbFor = (i: number) => (ctx().kind === 'postgres' && i % 2 === 1 ? ctx().other : ctx().db);

  const enqueueMany = async (queue: JobQueue) => {
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push((await queue.enqueue(ctx().db, { type: 'work', payload: i })).id);
    return ids;
  };
  const recorder =
    (handled: Array<{ id: string; worker: string }>, worker: string): JobHandler =>
    async ({ job }) => {
      handled.push({ id: job.id, worker });
      await pause();
      return worker;
    };
  const assertEachOnce = async (ids: string[], handled: Array<{ id: string; worker: string }>) => {
    assert.equal(handled.length, JOBS, 'no job ran twice');
    assert.deepEqual(new Set(handled.map((h) => h.id)), new Set(ids));
    const rows = await jobsDb(ctx().db).selectFrom('jobs').select(['status', 'attempt']).execute();
    assert.ok(rows.every((r) => r.status === 'succeeded' && Number(r.attempt) === 1));
  };

  test('two runners draining with runOnce side by side run each job exactly once', async () => {
    const queue = new JobQueue();
    const ids = await enqueueMany(queue);
    const handled: Array<{ id: string; worker: string }> = [];
    const runners = ['a', 'b'].map(
      (worker, i) => new JobRunner({ db: dbFor(i), queue, workerId: worker, handlers: { work: recorder(handled, worker) } }),
    );
    // Three drain loops per runner, so claims genuinely overlap.
    const drain = async (runner: JobRunner) => {
      while (await runner.runOnce());
    };
    await Promise.all(runners.flatMap((runner) => [drain(runner), drain(runner), drain(runner)]));
    await assertEachOnce(ids, handled);
    if (ctx().kind === 'postgres') {
      assert.ok(handled.some((h) => h.worker === 'a') && handled.some((h) => h.worker === 'b'), 'both instances took work');
    }
  });

  test('two started runners polling the same table run each job exactly once', async () => {
    const queue = new JobQueue();
    const handled: Array<{ id: string; worker: string }> = [];
    const runners = ['a', 'b'].map(
      (worker, i) =>
        new JobRunner({
          db: dbFor(i),
          queue: new JobQueue(),
          workerId: worker,
          concurrency: 4,
          pollIntervalMs: 5,
          handlers: { work: recorder(handled, worker) },
        }),
    );
    for (const runner of runners) runner.start();
    const ids = await enqueueMany(queue);
    await waitFor(async () => {
      const left = await jobsDb(ctx().db).selectFrom('jobs').select('id').where('status', '!=', 'succeeded').limit(1).execute();
      return left.length === 0;
    }, 15_000);
    await Promise.all(runners.map((runner) => runner.stop()));
    await assertEachOnce(ids, handled);
  });
});
