import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { call, describeEachInstall, runCli, signIn, withServer, type Env, type RunningServer } from './harness.ts';

const csv = [
  'Email,FirstName,LastName,Password',
  'cli.one@example.org,Cli,One,Shared-temp-pass-1',
  'cli.two@example.org,Cli,Two,Shared-temp-pass-1',
  'not-an-email,Bad,Row,',
].join('\n');

const operator = { email: 'ops@example.org', password: 'operator password 1' };

/**
 * Checks through the HTTP API, with a server started for the purpose and stopped after: on SQLite
 * the command line refuses to import while a server holds the database.
 */
async function checkThroughApi(env: Env, check: (server: RunningServer, cookie: string) => Promise<void>): Promise<void> {
  await withServer(env, async (server) => {
    const { cookie } = await signIn(server, operator.email, operator.password);
    await check(server, cookie);
  });
}

/** Runs SQL on the install's database directly (no server running), for fault injection. */
async function onDatabase(env: Env, statements: { sqlite: string; postgres: string[] }): Promise<void> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      for (const statement of statements.postgres) await client.query(statement);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new SQLite(join(env.REGISTRAR_DATA_DIR as string, 'registrar.db'));
  try {
    db.exec(statements.sqlite);
  } finally {
    db.close();
  }
}

describeEachInstall('registrar import', (env) => {
  let file = '';
  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', operator.email, '--password', operator.password], env());
    assert.equal(admin.code, 0, admin.stderr);
    await checkThroughApi(env(), async (server, cookie) => {
      const state = await call<{ id: string }>(server, 'POST', '/api/orgs', { cookie }, { name: 'CLI State', kind: 'state' });
      await call(server, 'POST', '/api/orgs', { cookie }, { name: 'Fresno County', kind: 'county', parentId: state.body.id });
    });
    file = join(mkdtempSync(join(tmpdir(), 'registrar-cli-import-')), 'people.csv');
    writeFileSync(file, csv);
  });

  test('--dry-run shows the preview, writes the failed rows beside the file and changes nothing', async () => {
    const { code, stdout, stderr } = await runCli(['import', file, '--org', 'Fresno County', '--dry-run'], env());
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Preview: 3 rows — create 2, update 0, unchanged 0, archive 0, reactivate 0, failed 1/);
    assert.match(stdout, /Dry run: nothing was changed/);
    const failed = file.replace(/\.csv$/, '-failed-rows.csv');
    assert.ok(existsSync(failed));
    assert.match(readFileSync(failed, 'utf8'), /not-an-email,Bad,Row,,"Line 4: ""not-an-email"" is not a valid email address."/);
    await checkThroughApi(env(), async (server, cookie) => {
      const search = await call<{ total: number }>(server, 'GET', '/api/accounts?q=cli.', { cookie });
      assert.equal(search.body.total, 0);
    });
  });

  test('without a terminal it asks for --yes instead of guessing', async () => {
    const { code, stderr } = await runCli(['import', file, '--org', 'Fresno County'], env());
    assert.equal(code, 1);
    assert.match(stderr, /--yes/);
  });

  test('--yes applies it, with a progress bar, and prints the counts', async () => {
    const { code, stdout, stderr } = await runCli(['import', file, '--org', 'Fresno County', '--yes'], env());
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Applying: 3\/3 rows/);
    assert.match(stdout, /Import completed: 3 rows — create 2, .* failed 1/);
    await checkThroughApi(env(), async (server, cookie) => {
      const search = await call<{ total: number }>(server, 'GET', '/api/accounts?q=cli.', { cookie });
      assert.equal(search.body.total, 2);
      // The creations are audited as the import's batch (one event for both), with the import as their source.
      const audit = await call<{ items: Array<{ after: { count: number } }> }>(
        server,
        'GET',
        '/api/audit?action=import.accounts_created&source=import',
        { cookie },
      );
      assert.deepEqual(
        audit.body.items.map((e) => e.after.count),
        [2],
      );
    });
  });

  test('an unknown organization and a missing file are refused clearly', async () => {
    const org = await runCli(['import', file, '--org', 'Atlantis'], env());
    assert.equal(org.code, 1);
    assert.match(org.stderr, /No organization has the id or name "Atlantis"/);
    const missing = await runCli(['import', '/nonexistent.csv', '--org', 'Fresno County'], env());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no file/);
  });

  test('beside a running server: refused at once on SQLite, saying what to do; works on PostgreSQL', async () => {
    const beside = join(mkdtempSync(join(tmpdir(), 'registrar-cli-beside-')), 'beside.csv');
    writeFileSync(beside, 'Email,FirstName,LastName\nbeside.one@example.org,Bes,Ide\n');
    const sqlite = !env().DATABASE_URL;
    await withServer(env(), async (server) => {
      const { code, stdout, stderr } = await runCli(['import', beside, '--org', 'Fresno County', '--yes'], env());
      if (sqlite) {
        assert.equal(code, 1, stdout);
        assert.match(stderr, /A Registrar server \(process \d+\) is running on SQLite at .*registrar\.db\. Upload the file in its console/);
        assert.doesNotMatch(stdout, /Preview|Import/, 'refused before reading the file or touching the database');
      } else {
        assert.equal(code, 0, stderr);
        assert.match(stdout, /Import completed: 1 row — create 1/);
      }
      const { cookie } = await signIn(server, operator.email, operator.password);
      const search = await call<{ total: number }>(server, 'GET', '/api/accounts?q=beside.', { cookie });
      assert.equal(search.body.total, sqlite ? 0 : 1);
    });
  });

  test('a mark left by a server that crashed does not block the command line', async (t) => {
    if (env().DATABASE_URL) return t.skip('the mark is for SQLite only');
    // The id of a process that has ended: what a crashed server leaves behind.
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(env().REGISTRAR_DATA_DIR as string, 'registrar.db.server-pid'), `${ended.stdout}\n`);
    const { code, stdout, stderr } = await runCli(['import', file, '--org', 'Fresno County', '--dry-run'], env());
    assert.equal(code, 0, stderr);
    assert.match(stdout, /Dry run: nothing was changed/);
  });

  test('a commit that gives up says so on its last line and exits 1, without claiming success', async () => {
    const refused = join(mkdtempSync(join(tmpdir(), 'registrar-cli-refused-')), 'refused.csv');
    writeFileSync(refused, 'Email,FirstName,LastName\nrefused.one@example.org,Re,Fused\nrefused.poison@example.org,Poi,Son\n');
    await onDatabase(env(), {
      sqlite: `create trigger refuse_poison before insert on accounts when new.email = 'refused.poison@example.org'
               begin select raise(abort, 'the disk is full'); end`,
      postgres: [
        `create function refuse_poison() returns trigger language plpgsql as $$
         begin if new.email = 'refused.poison@example.org' then raise exception 'the disk is full'; end if; return new; end $$`,
        'create trigger refuse_poison before insert on accounts for each row execute function refuse_poison()',
      ],
    });
    try {
      const { code, stdout, stderr } = await runCli(['import', refused, '--org', 'Fresno County', '--yes'], env());
      assert.equal(code, 1, stdout);
      assert.doesNotMatch(stdout, /Import completed|undo it with/);
      assert.match(stdout, /Applied before the import stopped \(0 of 2 rows\): 2 rows — create 0/);
      const lastLine = stderr.trim().split('\n').at(-1) ?? '';
      assert.match(
        lastLine,
        /^Error: The import \S+ did not complete \(failed\): Stopped before any row was applied: the disk is full\. Nothing was changed\.$/,
      );
    } finally {
      await onDatabase(env(), {
        sqlite: 'drop trigger refuse_poison',
        postgres: ['drop trigger refuse_poison on accounts', 'drop function refuse_poison'],
      });
    }
  });

  test('a tenant that asks for a confirmation: refused without --attest, naming the sentence; --attest applies it and the audit says so', async () => {
    const sentence = 'Every person in this file agreed to the terms.';
    const attestFile = join(mkdtempSync(join(tmpdir(), 'registrar-cli-attest-')), 'attest.csv');
    writeFileSync(attestFile, 'Email,FirstName,LastName\nattest.one@example.org,Att,Est\n');
    const setSentence = (value: string | null) =>
      checkThroughApi(env(), async (server, cookie) => {
        const orgs = await call<{ items: Array<{ id: string; name: string }> }>(server, 'GET', '/api/orgs', { cookie });
        const tenant = orgs.body.items.find((o) => o.name === 'CLI State');
        assert.ok(tenant);
        const saved = await call(server, 'PATCH', `/api/tenants/${tenant.id}/settings`, { cookie }, { attestation: value });
        assert.equal(saved.status, 200);
      });
    await setSentence(sentence);
    try {
      const refused = await runCli(['import', attestFile, '--org', 'Fresno County', '--yes'], env());
      assert.equal(refused.code, 1, refused.stdout);
      assert.match(refused.stderr, /Every person in this file agreed to the terms\..*--attest/);
      assert.doesNotMatch(refused.stdout, /Preview/, 'refused before the file is read');
      const { code, stdout, stderr } = await runCli(['import', attestFile, '--org', 'Fresno County', '--yes', '--attest'], env());
      assert.equal(code, 0, stderr);
      assert.match(stdout, /Import completed: 1 row — create 1/);
      await checkThroughApi(env(), async (server, cookie) => {
        const audit = await call<{ items: Array<{ after: { attested?: string } }> }>(server, 'GET', '/api/audit?action=import.committed', {
          cookie,
        });
        assert.equal(audit.body.items[0]?.after.attested, sentence);
      });
    } finally {
      await setSentence(null);
    }
  });
});
