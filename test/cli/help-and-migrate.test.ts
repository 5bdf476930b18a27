import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachInstall, runCli, signIn, withServer } from './harness.ts';

const noStackTrace = (text: string) => assert.doesNotMatch(text, /^\s+at /m, `expected no stack trace in:\n${text}`);

test('--help lists every command with a one-line description', async () => {
  const { code, stdout } = await runCli(['--help'], {});
  assert.equal(code, 0);
  assert.match(stdout, /Usage: registrar/);
  assert.match(stdout, /serve \[options\]\s+start the HTTP server/);
  assert.match(stdout, /migrate \[options\]\s+bring the database schema up to date/);
  assert.match(stdout, /admin\s+manage global administrators/);
  assert.match(stdout, /token\s+manage API tokens/);
});

test('the help of a subcommand lists its options', async () => {
  const admin = await runCli(['admin', 'create', '--help'], {});
  assert.equal(admin.code, 0);
  for (const option of ['--email', '--password', '--password-stdin', '--first-name', '--last-name'])
    assert.ok(admin.stdout.includes(option), option);
  const token = await runCli(['token', 'create', '--help'], {});
  assert.equal(token.code, 0);
  for (const option of ['--email', '--name', '--quiet', '--tenant']) assert.ok(token.stdout.includes(option), option);
});

test('an unknown command fails and points to --help', async () => {
  const { code, stderr } = await runCli(['frobnicate'], {});
  assert.notEqual(code, 0);
  assert.match(stderr, /unknown command 'frobnicate'/);
  assert.match(stderr, /registrar --help/);
});

test('a missing required option is named', async () => {
  const { code, stderr } = await runCli(['token', 'create', '--email', 'ana@example.org'], {});
  assert.notEqual(code, 0);
  assert.match(stderr, /required option '--name <name>' not specified/);
});

test('a bad configuration is reported readably, without a stack trace', async () => {
  const { code, stdout, stderr } = await runCli(['migrate'], { DATABASE_URL: 'mysql://localhost/registrar', PORT: 'eighty' });
  assert.equal(code, 1);
  assert.equal(stdout, '');
  assert.match(stderr, /^Invalid configuration:/);
  assert.match(stderr, /DATABASE_URL: must start with postgres:\/\/, postgresql:\/\/ or sqlite:/);
  assert.match(stderr, /PORT:/);
  noStackTrace(stderr);
});

test('an unreachable database is reported readably, without a stack trace', async () => {
  const { code, stderr } = await runCli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/registrar' });
  assert.equal(code, 1);
  assert.match(stderr, /^Error: could not open the database/);
  noStackTrace(stderr);
});

describeEachInstall('registrar migrate', (env) => {
  test('the first run lists the migrations it applied', async () => {
    const { code, stdout, stderr } = await runCli(['migrate'], env());
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^Applied \d+ migrations? to (SQLite|PostgreSQL) at /);
    assert.match(stdout, /^ {2}\d{4}-\d{2}-\d{2}-\d{2}-foundation$/m);
  });

  test('the second run says the database is up to date', async () => {
    const { code, stdout } = await runCli(['migrate'], env());
    assert.equal(code, 0);
    assert.match(stdout, /is up to date .*no migrations to run/);
    assert.doesNotMatch(stdout, /foundation/);
  });

  test('a PostgreSQL password never appears in the output', async (t) => {
    const url = env().DATABASE_URL;
    if (!url) return t.skip('SQLite has no URL');
    const withPassword = new URL(url);
    withPassword.password = 'not-to-be-printed';
    const { stdout, stderr } = await runCli(['migrate'], { ...env(), DATABASE_URL: withPassword.toString() });
    assert.ok(!`${stdout}${stderr}`.includes('not-to-be-printed'));
  });

  test('--bootstrap also creates the first administrator from the environment, once; a second run leaves it alone', async () => {
    const admin = { REGISTRAR_ADMIN_EMAIL: 'boot.ops@example.org', REGISTRAR_ADMIN_PASSWORD: 'bootstrap password 1' };
    const first = await runCli(['migrate', '--bootstrap'], { ...env(), ...admin });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Created the administrator boot\.ops@example\.org from REGISTRAR_ADMIN_EMAIL/);
    const second = await runCli(['migrate', '--bootstrap'], { ...env(), ...admin });
    assert.equal(second.code, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /Created the administrator/);
    // The server started afterwards finds it and creates none.
    const { output } = await withServer({ ...env(), ...admin }, async (server) => {
      assert.equal((await signIn(server, admin.REGISTRAR_ADMIN_EMAIL, admin.REGISTRAR_ADMIN_PASSWORD)).status, 200);
    });
    assert.doesNotMatch(output, /Created the administrator|A first administrator was created/);
  });
});
