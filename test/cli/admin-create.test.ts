import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

const noStackTrace = (text: string) => assert.doesNotMatch(text, /^\s+at /m, `expected no stack trace in:\n${text}`);

describeEachInstall('registrar admin create', (env) => {
  let server: RunningServer;
  let generated = '';
  before(async () => {
    server = await startServer(env());
  });
  after(async () => {
    await server.stop();
  });

  test('with --password creates an administrator who signs in with it, no change required', async () => {
    const { code, stdout, stderr } = await runCli(
      [
        'admin',
        'create',
        '--email',
        'ana@example.org',
        '--password',
        'correct horse battery',
        '--first-name',
        'Ana',
        '--last-name',
        'Lopez',
      ],
      env(),
    );
    assert.equal(code, 0, stderr);
    assert.equal(stdout, 'Created the global administrator ana@example.org (Ana Lopez).\n');
    const session = await signIn(server, 'ana@example.org', 'correct horse battery');
    assert.equal(session.status, 200);
    assert.equal(session.mustChangePassword, false);
  });

  test('without --password prints a generated password exactly once', async () => {
    const { code, stdout } = await runCli(['admin', 'create', '--email', 'ben@example.org'], env());
    assert.equal(code, 0);
    const match = /must be changed at first sign-in:\n {2}(\S+)\n$/.exec(stdout);
    assert.ok(match?.[1], stdout);
    generated = match[1];
    assert.equal(stdout.split(generated).length - 1, 1, 'the password appears once');
  });

  test('a generated password is temporary: signing in with it requires a change', async () => {
    const session = await signIn(server, 'ben@example.org', generated);
    assert.equal(session.status, 200);
    assert.equal(session.mustChangePassword, true);
  });

  test('--password-stdin reads the password from standard input', async () => {
    const { code, stderr } = await runCli(
      ['admin', 'create', '--email', 'cleo@example.org', '--password-stdin'],
      env(),
      'piped password 42\n',
    );
    assert.equal(code, 0, stderr);
    assert.equal((await signIn(server, 'cleo@example.org', 'piped password 42')).status, 200);
  });

  test('a second administrator with the same email is refused', async () => {
    const { code, stdout, stderr } = await runCli(
      ['admin', 'create', '--email', 'ANA@example.org', '--password', 'another good password'],
      env(),
    );
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^Error: ANA@example.org already has an account/);
    noStackTrace(stderr);
  });

  test('a weak password is refused with the reasons', async () => {
    const { code, stderr } = await runCli(['admin', 'create', '--email', 'dan@example.org', '--password', 'password'], env());
    assert.equal(code, 1);
    assert.match(stderr, /^Error: the password was refused\. Use at least 10 characters\./);
    noStackTrace(stderr);
    assert.equal((await signIn(server, 'dan@example.org', 'password')).status, 401, 'no account was made');
  });

  test('an invalid email is refused before touching the database', async () => {
    const { code, stderr } = await runCli(['admin', 'create', '--email', 'not-an-email'], env());
    assert.equal(code, 1);
    assert.match(stderr, /^Error: --email: Enter a valid email address/);
  });
});
