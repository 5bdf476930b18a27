import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg } from '../support/factories.ts';
import { importHeader, planImport } from '../support/imports.ts';

describeEachDatabase('the server keeps answering while an import commits', (ctx) => {
  test('requests sent during a commit are answered before it ends, and show its progress', async () => {
    const org = await createOrg(ctx(), 'Busy County');
    const rows = Array.from({ length: 4000 }, (_, i) => `,Busy${i},Person,busy${i}@busy.org,,,,,,,`);
    const planned = await planImport(ctx(), ctx().root, org.id, [importHeader, ...rows].join('\r\n'));
    assert.equal(planned.status, 'planned');
    const started = await ctx().call('POST', `/api/imports/${planned.id}/commit`, { as: ctx().root });
    assert.equal(started.statusCode, 202, started.body);

    // Watch the import the way the console does, on a timer, while the job runs.
    let committing = true;
    const seen: Array<{ status: string; rowsDone: number }> = [];
    const checkpointPages = new Set<number>();
    const watching = (async () => {
      while (committing) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const view = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: ctx().root })).json();
        if (committing) seen.push({ status: view.status, rowsDone: view.rowsDone });
        if (committing && ctx().kind === 'sqlite' && view.status === 'running' && view.rowsDone > 0) {
          checkpointPages.add(await autocheckpointPages());
        }
      }
    })();
    await ctx().drainJobs();
    committing = false;
    await watching;

    const midway = seen.filter((s) => s.status === 'running' && s.rowsDone > 0 && s.rowsDone < 4000);
    assert.ok(midway.length > 0, `no answer showed the commit partway: ${JSON.stringify(seen.slice(-5))}`);
    const done = (await ctx().call('GET', `/api/imports/${planned.id}`, { as: ctx().root })).json();
    assert.equal(done.status, 'completed');
    assert.equal(done.counts.created, 4000);
    if (ctx().kind === 'sqlite') {
      // The job thread's connection checkpoints what it writes; the main one, which answers requests, leaves it to it
      // meanwhile (a checkpoint of the thread's WAL inside a main-thread commit held the event loop) and resumes after.
      assert.deepEqual([...checkpointPages], [0]);
      assert.equal(await autocheckpointPages(), 1000);
    }
  });

  const autocheckpointPages = async () =>
    Number(Object.values((await sql<Record<string, number>>`pragma wal_autocheckpoint`.execute(ctx().database.db)).rows[0] ?? {})[0]);
});
