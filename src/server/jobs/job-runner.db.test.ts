import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobQueue } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import { JobCancelledError, type JobHandler, type JobHandlers } from './job-types.ts';
import { deferred, describeJobsOnEachDatabase, TestClock, waitFor } from './test-helpers.ts';

describeJobsOnEachDatabase('job runner', (ctx) => {
  const setup = (handlers: JobHandlers, options: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const runner = new JobRunner({ db: ctx().db, queue, clock, handlers, heartbeatMs: 0, ...options });
    return { clock, queue, runner };
  };

  test('runOnce runs a due job with its payload and stores the JSON result', async () => {
    let seen: unknown;
    const { queue, runner } = setup({
      demo: async ({ job }) => {
        seen = { ...job };
        return { count: 3, names: ['a', 'b'] };
      },
    });
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: { n: 7 } });
    assert.equal(await runner.runOnce(), true);
    assert.deepEqual(seen, { id, type: 'demo', payload: { n: 7 }, attempt: 1, progress: null });
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'succeeded');
    assert.deepEqual(job?.result, { count: 3, names: ['a', 'b'] });
    assert.equal(job?.lockedBy, null);
    assert.ok(job?.startedAt && job.finishedAt);
    assert.equal(await runner.runOnce(), false);
  });

  test('a handler that returns nothing stores a null result', async () => {
    const { queue, runner } = setup({ demo: async () => undefined });
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await runner.runOnce();
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.result, null);
  });

  test('a job is not run before its runAt, nor by a runner without a handler for its type', async () => {
    const { clock, queue, runner } = setup({ demo: async () => 'ok' });
    const later = await queue.enqueue(ctx().db, { type: 'demo', payload: null, runAt: new Date(clock.now().getTime() + 60_000) });
    await queue.enqueue(ctx().db, { type: 'unknown', payload: null });
    assert.equal(await runner.runOnce(), false);
    clock.advance(60_000);
    assert.equal(await runner.runOnce(), true);
    assert.equal((await queue.get(ctx().db, later.id))?.status, 'succeeded');
    assert.equal(await runner.runOnce(), false);
  });

  test('reportProgress saves the progress and extends the lease', async () => {
    let during: Awaited<ReturnType<JobQueue['get']>>;
    const { clock, queue, runner } = setup({}, { leaseMs: 10_000 });
    (runner as unknown as { handlers: Record<string, JobHandler> }).handlers.demo = async ({ job, reportProgress }) => {
      clock.advance(5000);
      await reportProgress({ done: 40, of: 100 });
      during = await queue.get(ctx().db, job.id);
    };
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await runner.runOnce();
    assert.deepEqual(during?.progress, { done: 40, of: 100 });
    assert.equal(during?.status, 'running');
    assert.equal(during?.leaseUntil, new Date(clock.now().getTime() + 10_000).toISOString());
    assert.deepEqual((await queue.get(ctx().db, id))?.progress, { done: 40, of: 100 });
  });

  test('a thrown error is retried with exponential backoff, then fails keeping its message', async () => {
    let calls = 0;
    const { clock, queue, runner } = setup(
      {
        demo: async () => {
          calls += 1;
          throw new Error('SMTP server refused the message');
        },
      },
      { retryBaseMs: 1000 },
    );
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null, maxAttempts: 3 });

    assert.equal(await runner.runOnce(), true);
    let job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'queued');
    assert.equal(job?.attempt, 1);
    assert.equal(job?.error, 'SMTP server refused the message');
    assert.equal(job?.runAt, new Date(clock.now().getTime() + 1000).toISOString());
    assert.equal(await runner.runOnce(), false, 'not due before its backoff');

    clock.advance(1000);
    assert.equal(await runner.runOnce(), true);
    job = await queue.get(ctx().db, id);
    assert.equal(job?.attempt, 2);
    assert.equal(job?.runAt, new Date(clock.now().getTime() + 2000).toISOString());

    clock.advance(2000);
    assert.equal(await runner.runOnce(), true);
    job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'failed');
    assert.equal(job?.attempt, 3);
    assert.equal(job?.error, 'SMTP server refused the message');
    assert.ok(job?.finishedAt);
    clock.advance(3_600_000);
    assert.equal(await runner.runOnce(), false);
    assert.equal(calls, 3);
  });

  test('a retried job resumes from the progress saved before the error', async () => {
    const seen: unknown[] = [];
    const { clock, queue, runner } = setup(
      {
        demo: async ({ job, reportProgress }) => {
          seen.push(job.progress);
          if (job.attempt === 1) {
            await reportProgress({ step: 1 });
            throw new Error('transient');
          }
          return 'done';
        },
      },
      { retryBaseMs: 10 },
    );
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await runner.runOnce();
    clock.advance(10);
    await runner.runOnce();
    assert.deepEqual(seen, [null, { step: 1 }]);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.result, 'done');
  });

  test('cancelling a running job makes its next reportProgress throw, and it ends cancelled', async () => {
    const started = deferred();
    const proceed = deferred();
    let thrown: unknown;
    const { queue, runner } = setup({
      demo: async ({ reportProgress }) => {
        await reportProgress({ batch: 1 });
        started.resolve();
        await proceed.promise;
        try {
          await reportProgress({ batch: 2 });
        } catch (error) {
          thrown = error;
          throw error;
        }
        return 'finished anyway';
      },
    });
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    const run = runner.runOnce();
    await started.promise;
    assert.equal(await queue.requestCancel(ctx().db, id), true);
    const flagged = await queue.get(ctx().db, id);
    assert.equal(flagged?.status, 'running');
    assert.equal(flagged?.cancelRequested, true);
    proceed.resolve();
    await run;
    assert.ok(thrown instanceof JobCancelledError);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'cancelled');
    // Reported outside a transaction, the checkpoint is kept: the work before it was done.
    assert.deepEqual(job?.progress, { batch: 2 });
    assert.equal(await runner.runOnce(), false);
  });

  test('cancelling a running job aborts its signal at the next heartbeat', async () => {
    const started = deferred();
    let reason: unknown;
    const { queue, runner } = setup(
      {
        demo: async ({ signal }) => {
          started.resolve();
          await new Promise((_, reject) => signal.addEventListener('abort', () => reject((reason = signal.reason))));
        },
      },
      { heartbeatMs: 20 },
    );
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    const run = runner.runOnce();
    await started.promise;
    await queue.requestCancel(ctx().db, id);
    await run;
    assert.ok(reason instanceof JobCancelledError);
    assert.equal((await queue.get(ctx().db, id))?.status, 'cancelled');
  });

  test('the heartbeat extends the lease of a job that reports no progress', async () => {
    const started = deferred();
    const release = deferred();
    const { clock, queue, runner } = setup(
      {
        demo: async () => {
          started.resolve();
          await release.promise;
        },
      },
      { heartbeatMs: 10, leaseMs: 1000 },
    );
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    const run = runner.runOnce();
    await started.promise;
    clock.advance(900);
    const expected = new Date(clock.now().getTime() + 1000).toISOString();
    await waitFor(async () => (await queue.get(ctx().db, id))?.leaseUntil === expected);
    release.resolve();
    await run;
    assert.equal((await queue.get(ctx().db, id))?.status, 'succeeded');
  });

  test('start() polls for due jobs, runs up to `concurrency` at once, and stop() ends the loop', async () => {
    const gate = deferred();
    let active = 0;
    let peak = 0;
    const { clock, queue, runner } = setup(
      {
        demo: async () => {
          active += 1;
          peak = Math.max(peak, active);
          await gate.promise;
          active -= 1;
        },
      },
      { concurrency: 3, pollIntervalMs: 20 },
    );
    runner.start();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await queue.enqueue(ctx().db, { type: 'demo', payload: i })).id);
    // Enqueued through another queue object (as another instance would): found by polling, not by notification.
    const polled = await new JobQueue({ clock }).enqueue(ctx().db, {
      type: 'demo',
      payload: 'polled',
      runAt: new Date(clock.now().getTime() + 60_000),
    });
    await waitFor(async () => active === 3);
    gate.resolve();
    for (const id of ids) await waitFor(async () => (await queue.get(ctx().db, id))?.status === 'succeeded');
    assert.equal(peak, 3);
    assert.equal((await queue.get(ctx().db, polled.id))?.status, 'queued');
    clock.advance(60_000);
    await waitFor(async () => (await queue.get(ctx().db, polled.id))?.status === 'succeeded');
    await runner.stop();
    const afterStop = await queue.enqueue(ctx().db, { type: 'demo', payload: 'after stop' });
    await new Promise((r) => setTimeout(r, 80));
    assert.equal((await queue.get(ctx().db, afterStop.id))?.status, 'queued');
  });
});
