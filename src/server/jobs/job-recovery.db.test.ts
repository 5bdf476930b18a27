import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { JobQueue } from './job-queue.ts';
import { JobRunner } from './job-runner.ts';
import { JobLeaseLostError, withGiveUp, type JobHandler } from './job-types.ts';
import { deferred, describeJobsOnEachDatabase, processedItems, TestClock } from './test-helpers.ts';

/**
 * A resumable handler as docs/JOBS.md asks for: each item's effect and the checkpoint that covers it
 * commit in one transaction, so after a crash the next attempt starts exactly where the last commit ended.
 */
function itemHandler(
  db: Db,
  worker: string,
  hooks: { afterItem?: (item: number, attempt: number, signal: AbortSignal) => Promise<void>; errors?: unknown[] } = {},
): JobHandler<{ items: number }> {
  return async ({ job, signal, reportProgress }) => {
    const start = (job.progress as { done: number } | null)?.done ?? 0;
    try {
      for (let item = start; item < job.payload.items; item++) {
        signal.throwIfAborted();
        await db.transaction().execute(async (trx) => {
          await sql`insert into processed_items (job_id, item, worker) values (${job.id}, ${item}, ${worker})`.execute(trx);
          await reportProgress({ done: item + 1 }, trx);
        });
        await hooks.afterItem?.(item, job.attempt, signal);
      }
    } catch (error) {
      hooks.errors?.push(error);
      throw error;
    }
    return { processed: job.payload.items - start };
  };
}

/** Blocks like a process that froze or died: never returns, until its runner is stopped. */
const hang = (signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describeJobsOnEachDatabase('job recovery', (ctx) => {
  // PostgreSQL: the second runner is another instance with its own pool. SQLite: one connection per app.
  const secondDb = () => (ctx().kind === 'postgres' ? ctx().other : ctx().db);

  test('a job whose runner died is reclaimed after its lease and resumes from its progress, each item once', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const crashed = deferred();
    const wakeZombie = deferred();
    const zombieErrors: unknown[] = [];
    const dying = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      leaseMs: 30_000,
      heartbeatMs: 0,
      workerId: 'dying',
      handlers: {
        items: itemHandler(ctx().db, 'dying', {
          errors: zombieErrors,
          afterItem: async (item) => {
            if (item !== 4) return;
            crashed.resolve();
            await wakeZombie.promise; // frozen past its lease, then it wakes up and carries on
          },
        }),
      },
    });
    const { id } = await queue.enqueue(ctx().db, { type: 'items', payload: { items: 10 } });
    const zombieRun = dying.runOnce();
    await crashed.promise;

    const rescuer = new JobRunner({
      db: secondDb(),
      queue,
      clock,
      leaseMs: 30_000,
      heartbeatMs: 0,
      workerId: 'rescuer',
      handlers: { items: itemHandler(secondDb(), 'rescuer') },
    });
    assert.equal(await rescuer.runOnce(), false, 'not reclaimed while the lease holds');
    clock.advance(30_001);
    assert.equal(await rescuer.runOnce(), true);

    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'succeeded');
    assert.equal(job?.attempt, 2);
    assert.deepEqual(job?.result, { processed: 5 });

    // The frozen runner wakes: its next checkpoint is refused (lease lost), so its write rolls back.
    wakeZombie.resolve();
    await zombieRun;
    assert.ok(zombieErrors[0] instanceof JobLeaseLostError);
    const items = await processedItems(ctx().db, id);
    assert.deepEqual(
      items.map((i) => i.item),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.deepEqual(
      items.map((i) => i.worker),
      [...Array(5).fill('dying'), ...Array(5).fill('rescuer')],
    );
    assert.equal((await queue.get(ctx().db, id))?.status, 'succeeded');
  });

  test('a job whose runners keep dying fails once its attempts are used up', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const runners: JobRunner[] = [];
    const runs: Promise<boolean>[] = [];
    const { id } = await queue.enqueue(ctx().db, { type: 'poison', payload: null, maxAttempts: 2 });
    for (let i = 0; i < 2; i++) {
      const started = deferred();
      const runner = new JobRunner({
        db: ctx().db,
        queue,
        clock,
        leaseMs: 1000,
        heartbeatMs: 0,
        handlers: {
          poison: async ({ signal }) => {
            started.resolve();
            await hang(signal);
          },
        },
      });
      runners.push(runner);
      runs.push(runner.runOnce());
      await started.promise;
      clock.advance(1001);
    }
    const last = new JobRunner({ db: ctx().db, queue, clock, handlers: { poison: async () => assert.fail('must not run a third time') } });
    assert.equal(await last.runOnce(), true);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'failed');
    assert.match(job?.error ?? '', /All 2 attempts are used up; the last one stopped without finishing/);
    for (const runner of runners) await runner.stop();
    await Promise.all(runs);
    assert.equal((await queue.get(ctx().db, id))?.status, 'failed', 'the stopped zombies change nothing');
  });

  test('a poison job whose runner dies on every attempt is quarantined after 3 such attempts, with a reason, and its type is told', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const { id } = await queue.enqueue(ctx().db, { type: 'poison', payload: { file: 'huge.xlsx' }, maxAttempts: 10 });
    const zombies: Array<{ runner: JobRunner; run: Promise<boolean> }> = [];
    const told: unknown[] = [];
    const poison = (started?: () => void) =>
      withGiveUp<{ file: string }>(
        async ({ signal }) => {
          started?.();
          await hang(signal); // the process "dies" here: no answer ever comes
        },
        async (failure) => void told.push(failure),
      );
    // Each "restart" is a new runner that claims the job again once the dead one's lease has run out.
    for (let restart = 0; restart < 3; restart++) {
      const started = deferred();
      const runner = new JobRunner({
        db: ctx().db,
        queue,
        clock,
        leaseMs: 1000,
        heartbeatMs: 0,
        handlers: { poison: poison(started.resolve) },
      });
      zombies.push({ runner, run: runner.runOnce() });
      await started.promise;
      clock.advance(1001);
    }
    const next = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      handlers: { poison: poison(() => assert.fail('a quarantined job must not run a fourth time')) },
    });
    assert.equal(await next.runOnce(), true);
    const job = await queue.get(ctx().db, id);
    assert.equal(job?.status, 'failed');
    assert.equal(job?.abandonedAttempts, 3);
    assert.equal(job?.error, 'Stopped after 3 attempts that never finished (the server stopped while running it each time).');
    assert.deepEqual(told, [{ id, type: 'poison', payload: { file: 'huge.xlsx' }, error: job?.error, abandoned: true }]);
    assert.equal(await next.runOnce(), false, 'nothing is claimed again');
    for (const { runner } of zombies) await runner.stop();
    await Promise.all(zombies.map((z) => z.run));
    assert.equal((await queue.get(ctx().db, id))?.status, 'failed', 'the stopped zombies change nothing');
  });

  test('a job that fails with an error on its last attempt tells its type once', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const told: string[] = [];
    const failing = withGiveUp(
      async () => {
        throw new Error('database is locked');
      },
      async (failure) => void told.push(failure.error),
    );
    const runner = new JobRunner({ db: ctx().db, queue, clock, retryBaseMs: 1, handlers: { failing } });
    const { id } = await queue.enqueue(ctx().db, { type: 'failing', payload: null, maxAttempts: 2 });
    assert.equal(await runner.runOnce(), true);
    assert.deepEqual(told, [], 'a retry is not the end');
    clock.advance(10);
    assert.equal(await runner.runOnce(), true);
    assert.equal((await queue.get(ctx().db, id))?.status, 'failed');
    assert.deepEqual(told, ['database is locked']);
  });

  test('a cancel requested for a job whose runner died takes effect when its lease expires', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const started = deferred();
    const dead = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      leaseMs: 1000,
      heartbeatMs: 0,
      handlers: {
        work: async ({ signal }) => {
          started.resolve();
          await hang(signal);
        },
      },
    });
    const { id } = await queue.enqueue(ctx().db, { type: 'work', payload: null });
    const run = dead.runOnce();
    await started.promise;
    assert.equal(await queue.requestCancel(ctx().db, id), true);
    clock.advance(1001);
    const other = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      handlers: { work: async () => assert.fail('a cancelled job must not run again') },
    });
    assert.equal(await other.runOnce(), true);
    assert.equal((await queue.get(ctx().db, id))?.status, 'cancelled');
    await dead.stop();
    await run;
    assert.equal((await queue.get(ctx().db, id))?.status, 'cancelled');
  });

  test('stop() hands a running job back to the queue with its progress, without using an attempt', async () => {
    const clock = new TestClock();
    const queue = new JobQueue({ clock });
    const halfway = deferred();
    const first = new JobRunner({
      db: ctx().db,
      queue,
      clock,
      pollIntervalMs: 10,
      workerId: 'first',
      handlers: {
        items: itemHandler(ctx().db, 'first', {
          afterItem: async (item, _attempt, signal) => {
            if (item === 2) {
              halfway.resolve();
              await hang(signal);
            }
          },
        }),
      },
    });
    first.start();
    const { id } = await queue.enqueue(ctx().db, { type: 'items', payload: { items: 6 } });
    await halfway.promise;
    await first.stop();
    const requeued = await queue.get(ctx().db, id);
    assert.equal(requeued?.status, 'queued');
    assert.equal(requeued?.attempt, 0);
    assert.deepEqual(requeued?.progress, { done: 3 });
    assert.equal(requeued?.lockedBy, null);

    const next = new JobRunner({ db: ctx().db, queue, clock, workerId: 'next', handlers: { items: itemHandler(ctx().db, 'next') } });
    assert.equal(await next.runOnce(), true);
    const done = await queue.get(ctx().db, id);
    assert.equal(done?.status, 'succeeded');
    assert.equal(done?.attempt, 1);
    assert.deepEqual(
      (await processedItems(ctx().db, id)).map((i) => `${i.item}:${i.worker}`),
      ['0:first', '1:first', '2:first', '3:next', '4:next', '5:next'],
    );
  });
});
