import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { JobRunner } from '../../src/server/jobs/index.ts';
import { importJobTypes } from '../../src/server/modules/imports/imports.service.ts';
import { describeEachDatabase, type TestContext } from '../support/context.ts';
import { createOrg, type OrgRef } from '../support/factories.ts';
import { multipartBody } from '../support/multipart.ts';

const header = 'UserID,LastName,FirstName,Email,Status,Affiliation,EmployeeType,DateHire,Role,Password,Organization';

function upload(ctx: TestContext, orgId: string, content: string | Buffer) {
  const body = multipartBody({ orgId, template: 'accounts' }, { name: 'people.csv', content });
  return ctx.app.inject({
    method: 'POST',
    url: '/api/imports',
    payload: body.payload,
    headers: { cookie: ctx.root.cookie as string, 'content-type': body.contentType },
  });
}

describeEachDatabase('imports: the same file in flight', (ctx) => {
  let org: OrgRef;
  before(async () => {
    org = await createOrg(ctx(), 'In Flight State');
  });

  test('of identical uploads sent at once, exactly one is accepted and the others answer 409 import_in_progress', async () => {
    const file = [header, ',Race,Condition,race@example.org,,,,,,,'].join('\r\n');
    const responses = await Promise.all(Array.from({ length: 8 }, () => upload(ctx(), org.id, file)));
    const accepted = responses.filter((r) => r.statusCode === 202);
    const refused = responses.filter((r) => r.statusCode === 409);
    assert.equal(accepted.length, 1, responses.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
    assert.equal(refused.length, 7, responses.map((r) => `${r.statusCode} ${r.body}`).join('\n'));
    const winner = accepted[0]?.json().id;
    for (const response of refused) {
      assert.equal(response.json().error.code, 'import_in_progress');
      assert.equal(response.json().error.details?.importId, winner);
    }
  });
});

describeEachDatabase('imports: applying while the same file is in flight again', (ctx) => {
  test('applying a preview while a second upload of that file is being checked answers 409, not 500', async () => {
    const org = await createOrg(ctx(), 'Second Upload State');
    const file = [header, ',Second,Upload,second@example.org,,,,,,,'].join('\r\n');
    const first = await upload(ctx(), org.id, file);
    assert.equal(first.statusCode, 202, first.body);
    await ctx().drainJobs();
    assert.equal((await importView(ctx(), first.json().id)).status, 'planned');
    const second = await upload(ctx(), org.id, file); // a preview is not in flight: accepted
    assert.equal(second.statusCode, 202, second.body);
    const commit = await ctx().call('POST', `/api/imports/${first.json().id}/commit`, { as: ctx().root });
    assert.equal(commit.statusCode, 409, commit.body);
    assert.equal(commit.json().error.code, 'import_in_progress');
    assert.equal(commit.json().error.details.importId, second.json().id);
    assert.equal((await importView(ctx(), first.json().id)).status, 'planned', 'the preview is left as it was');
  });
});

describeEachDatabase('imports: a UTF-8 file with a few bytes that are not', (ctx) => {
  test('the good lines keep their accents and the import names the lines to check', async () => {
    const org = await createOrg(ctx(), 'Encoding State');
    const good = Buffer.from([header, ',Peña,André,andre@example.org,,,,,,,', ''].join('\r\n'));
    const pasted = iconv.encode(',Núñez,Renée,renee@example.org,,,,,,,\r\n', 'windows-1252');
    const response = await upload(ctx(), org.id, Buffer.concat([good, pasted]));
    assert.equal(response.statusCode, 202, response.body);
    const { id } = response.json();
    await ctx().drainJobs();
    const view = await importView(ctx(), id);
    assert.equal(view.status, 'planned', JSON.stringify(view.error));
    assert.equal(view.format.encoding, 'utf-8');
    assert.deepEqual(view.format.nonUtf8Lines, [3]);
    assert.match(view.format.warning, /^Line 3 is not valid UTF-8/);
    const rows = await ctx().call('GET', `/api/imports/${id}/rows`, { as: ctx().root });
    assert.deepEqual(
      rows.json().items.map((r: { email: string }) => r.email),
      ['andre@example.org', 'renee@example.org'],
    );
  });
});

describeEachDatabase('imports: statistics after a large commit', (ctx) => {
  test('PostgreSQL has statistics for the accounts table once an import created 1,000 accounts', async (t) => {
    if (ctx().kind === 'sqlite') return t.skip('SQLite plans without statistics; the refresh is PostgreSQL only');
    const db = ctx().database.db;
    // How many times the accounts table was analyzed (the migrations analyze it once; autovacuum is off here).
    const analyses = async () => {
      const result = await sql<{ n: string | number }>`
        select analyze_count as n from pg_stat_user_tables where relname = 'accounts'`.execute(db);
      return Number(result.rows[0]?.n ?? 0);
    };
    const before = await analyses();
    const org = await createOrg(ctx(), 'Statistics State');
    const rows = Array.from({ length: 1000 }, (_, i) => `,Row${i},Stats,stats.${i}@example.org,,,,,,,`);
    const response = await upload(ctx(), org.id, [header, ...rows].join('\r\n'));
    assert.equal(response.statusCode, 202, response.body);
    const { id } = response.json();
    await ctx().drainJobs();
    const commit = await ctx().call('POST', `/api/imports/${id}/commit`, { as: ctx().root });
    assert.equal(commit.statusCode, 202, commit.body);
    await ctx().drainJobs();
    const view = await importView(ctx(), id);
    assert.equal(view.status, 'completed');
    assert.equal(view.counts.created, 1000);
    assert.ok((await analyses()) > before, 'the commit refreshed the statistics');
  });
});

/** Blocks like a process that died holding the job: it never answers (until its runner is stopped). */
const hang = (signal: AbortSignal) => new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function importView(ctx: TestContext, id: string) {
  const response = await ctx.call('GET', `/api/imports/${id}`, { as: ctx.root });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
}

/** Runs due jobs until the import leaves `status` (retries are due within milliseconds here). */
async function drainWhile(ctx: TestContext, id: string, status: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    await ctx.drainJobs();
    const view = await importView(ctx, id);
    if (view.status !== status) return view;
    if (Date.now() > deadline) throw new Error(`import still ${status}`);
    await sleep(10);
  }
}

describeEachDatabase(
  'imports whose jobs give up',
  (ctx) => {
    let org: OrgRef;
    before(async () => {
      org = await createOrg(ctx(), 'Give Up State');
    });

    test('a file whose plan kills the server on every attempt ends failed after 3, with a reason visible on the import', async () => {
      const file = [header, ',Poison,Plan,poison.plan@example.org,,,,,,,'].join('\r\n');
      const response = await upload(ctx(), org.id, file);
      assert.equal(response.statusCode, 202, response.body);
      const { id } = response.json();
      // Three "server starts", each claiming the plan job and dying while it runs (the lease runs out).
      const zombies: Array<{ runner: JobRunner; run: Promise<boolean> }> = [];
      for (let restart = 0; restart < 3; restart++) {
        let started!: () => void;
        const running = new Promise<void>((resolve) => (started = resolve));
        const runner = new JobRunner({
          db: ctx().database.db,
          queue: ctx().services.jobQueue,
          leaseMs: 20,
          heartbeatMs: 0,
          handlers: {
            [importJobTypes.plan]: async ({ signal }) => {
              started();
              await hang(signal);
            },
          },
        });
        zombies.push({ runner, run: runner.runOnce() });
        await running;
        await sleep(40);
      }
      assert.equal((await importView(ctx(), id)).status, 'queued', 'still waiting to be checked: nothing has given up yet');
      await ctx().drainJobs(); // the next start: the job is quarantined instead of run
      const view = await importView(ctx(), id);
      assert.equal(view.status, 'failed');
      assert.equal(view.error.code, 'plan_stopped');
      assert.match(
        view.error.message,
        /^Stopped after 3 attempts that never finished \(the server stopped while running it each time\) — the file may be too large or malformed\./,
      );
      for (const { runner } of zombies) await runner.stop();
      await Promise.all(zombies.map((z) => z.run));
      assert.equal((await importView(ctx(), id)).status, 'failed');
      const audit = await ctx().call('GET', `/api/audit?action=import.failed`, { as: ctx().root });
      assert.ok(audit.json().items.some((e: { targetId: string }) => e.targetId === id));
    });

    test('a commit whose batch keeps failing ends failed, saying how far it got, with the counts of what was applied', async () => {
      const db = ctx().database.db;
      const poison = 'poison.commit@example.org';
      if (ctx().kind === 'postgres') {
        await sql`create function refuse_poison() returns trigger language plpgsql as $$
                  begin if new.email = 'poison.commit@example.org' then raise exception 'the disk is full'; end if; return new; end $$`.execute(
          db,
        );
        await sql`create trigger refuse_poison before insert on accounts for each row execute function refuse_poison()`.execute(db);
      } else {
        await sql`create trigger refuse_poison before insert on accounts when new.email = ${sql.lit(poison)}
                  begin select raise(abort, 'the disk is full'); end`.execute(db);
      }
      try {
        const rows = Array.from({ length: 1200 }, (_, i) => `,Row${i},Giveup,${i === 1100 ? poison : `giveup.${i}@example.org`},,,,,,,`);
        const response = await upload(ctx(), org.id, [header, ...rows].join('\r\n'));
        assert.equal(response.statusCode, 202, response.body);
        const { id } = response.json();
        const planned = await drainWhile(ctx(), id, 'queued');
        assert.equal(planned.status, 'planned', JSON.stringify(planned.error));
        const commit = await ctx().call('POST', `/api/imports/${id}/commit`, { as: ctx().root });
        assert.equal(commit.statusCode, 202, commit.body);
        const view = await drainWhile(ctx(), id, 'running');
        assert.equal(view.status, 'failed');
        assert.equal(view.error.code, 'commit_stopped');
        assert.equal(view.error.message, 'Stopped after 1,000 of 1,200 rows: the disk is full. The applied rows can be rolled back.');
        assert.equal(view.counts.total, 1200);
        assert.equal(view.counts.created, 1000);
        const search = await ctx().call('GET', '/api/accounts?q=Giveup&limit=1&count=exact', { as: ctx().root });
        assert.equal(search.json().total, 1000);
      } finally {
        await sql`drop trigger refuse_poison${ctx().kind === 'postgres' ? sql` on accounts` : sql``}`.execute(db);
      }
    });
  },
  { retryBaseMs: 1 },
);
