import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JobQueue } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import { describeJobsOnEachDatabase, TestClock } from './test-helpers.ts';

describeJobsOnEachDatabase('job queue', (ctx) => {
  test('enqueue stores a queued job with its payload, due now, five attempts by default', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const { id, created } = await queue.enqueue(ctx().db, { type: 'demo', payload: { n: 1, tags: ['a'] } });
    assert.equal(created, true);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'queued');
    assert.deepEqual(job?.payload, { n: 1, tags: ['a'] });
    assert.equal(job?.attempt, 0);
    assert.equal(job?.maxAttempts, 5);
    assert.equal(job?.runAt, clock.now().toISOString());
    assert.equal(job?.progress, null);
  });

  test('get answers undefined for an unknown id', async () => {
    assert.equal(await new JobQueue().get(ctx().db, 'no-such-job'), undefined);
  });

  test('a job enqueued in a transaction that rolls back never exists', async () => {
    const queue = new JobQueue();
    let id = '';
    await assert.rejects(
      ctx()
        .db.transaction()
        .execute(async (trx) => {
          id = (await queue.enqueue(trx, { type: 'demo', payload: null })).id;
          throw new Error('roll back');
        }),
      /roll back/,
    );
    assert.equal(await queue.get(ctx().db, id), undefined);
  });

  test('dedupeKey returns the live job while it is queued or running, and a new one after it ended', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const first = await queue.enqueue(ctx().db, { type: 'demo', payload: 1, dedupeKey: 'k' });
    const second = await queue.enqueue(ctx().db, { type: 'demo', payload: 2, dedupeKey: 'k' });
    assert.deepEqual(second, { id: first.id, created: false });
    const other = await queue.enqueue(ctx().db, { type: 'demo', payload: 3, dedupeKey: 'other' });
    assert.notEqual(other.id, first.id);

    let duringRun: { id: string; created: boolean } | undefined;
    const runner = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      heartbeatMs: 0,
      handlers: {
        demo: async () => {
          duringRun = await queue.enqueue(ctx().other, { type: 'demo', payload: 4, dedupeKey: 'k' });
        },
      },
    });
    assert.equal(await runner.runOnce(), true);
    assert.deepEqual(duringRun, { id: first.id, created: false });
    assert.equal((await queue.get(ctx().db, first.id))?.status, 'succeeded');

    const after = await queue.enqueue(ctx().db, { type: 'demo', payload: 5, dedupeKey: 'k' });
    assert.equal(after.created, true);
    assert.notEqual(after.id, first.id);
  });

  test('two transactions racing on one dedupeKey end with a single job', async () => {
    const queue = new JobQueue();
    // On PostgreSQL from two instances; SQLite is one connection per app, so there the two transactions queue up.
    const second = ctx().kind === 'postgres' ? ctx().other : ctx().db;
    const results = await Promise.all([
      ctx()
        .db.transaction()
        .execute((trx) => queue.enqueue(trx, { type: 'demo', payload: 'a', dedupeKey: 'race' })),
      second.transaction().execute((trx) => queue.enqueue(trx, { type: 'demo', payload: 'b', dedupeKey: 'race' })),
    ]);
    assert.equal(results[0].id, results[1].id);
    assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
  });

  test('cancelling a queued job cancels it at once and no runner takes it', async () => {
    const queue = new JobQueue();
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    assert.equal(await queue.requestCancel(ctx().db, id), true);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'cancelled');
    assert.ok(job?.finishedAt);
    let ran = false;
    const runner = new JobRunner({
      db: ctx().db,
      queue,
      handlers: {
        demo: async () => {
          ran = true;
        },
      },
    });
    assert.equal(await runner.runOnce(), false);
    assert.equal(ran, false);
  });

  test('cancelling a finished or unknown job answers false', async () => {
    const queue = new JobQueue();
    const { id } = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await new JobRunner({ db: ctx().db, queue, handlers: { demo: async () => 'ok' } }).runOnce();
    assert.equal(await queue.requestCancel(ctx().db, id), false);
    assert.equal((await queue.get(ctx().db, id))?.status, 'succeeded');
    assert.equal(await queue.requestCancel(ctx().db, 'no-such-job'), false);
  });

  test('deleteFinished removes only jobs that ended before the cut-off', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const old = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await queue.requestCancel(ctx().db, old.id);
    clock.advance(60_000);
    const recent = await queue.enqueue(ctx().db, { type: 'demo', payload: null });
    await queue.requestCancel(ctx().db, recent.id);
    const waiting = await queue.enqueue(ctx().db, { type: 'demo', payload: null, runAt: new Date(0) });
    assert.equal(await queue.deleteFinished(ctx().db, new Date(clock.now().getTime() - 1000)), 1);
    assert.equal(await queue.get(ctx().db, old.id), undefined);
    assert.ok(await queue.get(ctx().db, recent.id));
    assert.ok(await queue.get(ctx().db, waiting.id));
  });

  test('rejects a job without a type or with fewer than one attempt', async () => {
    const queue = new JobQueue();
    await assert.rejects(queue.enqueue(ctx().db, { type: '', payload: null }), TypeError);
    await assert.rejects(queue.enqueue(ctx().db, { type: 'demo', payload: null, maxAttempts: 0 }), RangeError);
  });
});
