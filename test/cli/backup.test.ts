import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import pg from 'pg';
import { call, describeEachInstall, runCli, signIn, withServer, type Env } from './harness.ts';

const operator = { email: 'backup.ops@example.org', password: 'operator password 1' };
const coach = { email: 'kept.coach@example.org', password: 'Temporary-pass-77' };

/** Everything gone, as after losing the disk or a mistaken DROP: the database file, or every table. */
async function wipe(env: Env): Promise<void> {
  if (env.DATABASE_URL) {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query('drop schema public cascade');
      await client.query('create schema public');
    } finally {
      await client.end();
    }
    return;
  }
  const file = join(env.REGISTRAR_DATA_DIR as string, 'registrar.db');
  for (const path of [file, `${file}-wal`, `${file}-shm`]) rmSync(path, { force: true });
}

describeEachInstall('registrar backup and restore', (env) => {
  const dir = mkdtempSync(join(tmpdir(), 'registrar-backups-'));
  const backupFile = join(dir, 'registrar.backup');

  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', operator.email, '--password', operator.password], env());
    assert.equal(admin.code, 0, admin.stderr);
  });

  test('a backup taken while the server runs, a wipe, a restore: the accounts are back and people sign in', async () => {
    await withServer(env(), async (server) => {
      const { cookie } = await signIn(server, operator.email, operator.password);
      const tenant = await call<{ id: string }>(server, 'POST', '/api/orgs', { cookie }, { name: 'Backup County', kind: 'county' });
      assert.equal(tenant.status, 201);
      for (const [firstName, email, password] of [
        ['Kept', coach.email, coach.password],
        ['Also', 'also.kept@example.org', undefined],
      ] as const) {
        const created = await call(
          server,
          'POST',
          '/api/accounts',
          { cookie },
          { orgId: tenant.body.id, firstName, lastName: 'Coach', email, ...(password ? { password } : {}) },
        );
        assert.equal(created.status, 201, JSON.stringify(created.body));
      }
      // Online: the server keeps serving while the copy is made.
      const backup = await runCli(['backup', '--to', backupFile], env());
      assert.equal(backup.code, 0, backup.stderr);
      assert.match(backup.stdout, new RegExp(`Backed up .* to ${backupFile.replace(/[.]/g, '\\.')}`));
      assert.equal((await fetch(`${server.url}/api/health/ready`)).status, 200);
      // Made after the backup: gone after the restore.
      await call(
        server,
        'POST',
        '/api/accounts',
        { cookie },
        { orgId: tenant.body.id, firstName: 'Later', lastName: 'One', email: 'later@example.org' },
      );
    });
    assert.ok(existsSync(backupFile));
    assert.ok(!existsSync(`${backupFile}.partial`));

    await wipe(env());
    const restored = await runCli(['restore', '--from', backupFile, '--yes'], env());
    assert.equal(restored.code, 0, restored.stderr);
    assert.match(restored.stdout, /Restored .* from /);

    await withServer(env(), async (server) => {
      const admin = await signIn(server, operator.email, operator.password);
      assert.equal(admin.status, 200, 'the operator signs in with the password the backup holds');
      const search = await call<{ total: number; items: Array<{ email: string }> }>(server, 'GET', '/api/accounts?q=Coach', {
        cookie: admin.cookie,
      });
      assert.deepEqual(search.body.items.map((a) => a.email).sort(), ['also.kept@example.org', coach.email]);
      const later = await call<{ total: number }>(server, 'GET', '/api/accounts?q=later', { cookie: admin.cookie });
      assert.equal(later.body.total, 0, 'what was made after the backup is not in it');
      const person = await signIn(server, coach.email, coach.password);
      assert.equal(person.status, 200);
      assert.equal(person.mustChangePassword, true);
    });
  });

  test('a backup never overwrites a file, and a restore refuses a file that is not a backup, changing nothing', async () => {
    const again = await runCli(['backup', '--to', backupFile], env());
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    const bogus = join(dir, 'not-a-backup.db');
    writeFileSync(bogus, 'these are not the pages of a database, just some text that is long enough to look like something');
    const refused = await runCli(['restore', '--from', bogus, '--yes'], env());
    assert.equal(refused.code, 1);
    if (!env().DATABASE_URL) assert.match(refused.stderr, /not a SQLite database/);
    else assert.match(refused.stderr, /pg_restore failed/);
    await withServer(env(), async (server) => {
      assert.equal((await signIn(server, operator.email, operator.password)).status, 200, 'the database is as it was');
    });
    const missing = await runCli(['restore', '--from', join(dir, 'nothing-here.db'), '--yes'], env());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /There is no file/);
  });

  test('without a terminal, restore asks for --yes; on SQLite it refuses while a server runs', async () => {
    const noYes = await runCli(['restore', '--from', backupFile], env());
    assert.equal(noYes.code, 1);
    assert.match(noYes.stderr, /--yes/);
    if (env().DATABASE_URL) return;
    await withServer(env(), async () => {
      const beside = await runCli(['restore', '--from', backupFile, '--yes'], env());
      assert.equal(beside.code, 1);
      assert.match(beside.stderr, /A Registrar server \(process \d+\) is running/);
    });
  });
});
