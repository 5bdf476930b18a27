import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

describeEachInstall('registrar token create', (env) => {
  let server: RunningServer;
  let token = '';
  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', 'ops@example.org', '--password', 'operator password 1'], env());
    assert.equal(admin.code, 0, admin.stderr);
    server = await startServer(env());
  });
  after(async () => {
    await server.stop();
  });

  test('prints the token once with how to use it', async () => {
    const { code, stdout, stderr } = await runCli(['token', 'create', '--email', 'ops@example.org', '--name', 'nightly-sync'], env());
    assert.equal(code, 0, stderr);
    const match = /shown only this once:\n {2}(rgt_\S+)\n/.exec(stdout);
    assert.ok(match?.[1], stdout);
    token = match[1];
    assert.equal(stdout.split(token).length - 1, 1);
    assert.match(stdout, /Authorization: Bearer/);
  });

  test('the token authenticates API calls as its account', async () => {
    const orgs = await call<{ items: unknown }>(server, 'GET', '/api/orgs', { bearer: token });
    assert.equal(orgs.status, 200);
    assert.ok(Array.isArray(orgs.body.items));
  });

  test('--quiet prints only the token, for scripts', async () => {
    const { code, stdout } = await runCli(['token', 'create', '--email', 'ops@example.org', '--name', 'ci', '--quiet'], env());
    assert.equal(code, 0);
    assert.match(stdout, /^rgt_[\w-]+\n$/);
    assert.equal((await call(server, 'GET', '/api/orgs', { bearer: stdout.trim() })).status, 200);
  });

  test('the creation is audited with the source cli', async () => {
    const session = await signIn(server, 'ops@example.org', 'operator password 1');
    const audit = await call<{ items: { source: string }[] }>(server, 'GET', '/api/audit?action=token.created', { cookie: session.cookie });
    assert.equal(audit.status, 200);
    assert.equal(audit.body.items.length, 2);
    for (const event of audit.body.items) assert.equal(event.source, 'cli');
  });

  test('an unknown email is refused without a stack trace', async () => {
    const { code, stdout, stderr } = await runCli(['token', 'create', '--email', 'nobody@example.org', '--name', 'x'], env());
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.equal(stderr, 'Error: No account has the email or username nobody@example.org.\n');
  });

  test('an empty name is refused', async () => {
    const { code, stderr } = await runCli(['token', 'create', '--email', 'ops@example.org', '--name', '  '], env());
    assert.equal(code, 1);
    assert.match(stderr, /^Error: Name the token/);
  });

  test('an email with accounts in several tenants needs --tenant', async () => {
    const session = await signIn(server, 'ops@example.org', 'operator password 1');
    const tenant = await call<{ id: string; tenantId: string }>(
      server,
      'POST',
      '/api/orgs',
      { cookie: session.cookie },
      { name: 'Acme Training', kind: 'platform' },
    );
    assert.equal(tenant.status, 201, JSON.stringify(tenant.body));
    const account = await call<{ id: string }>(
      server,
      'POST',
      '/api/accounts',
      { cookie: session.cookie },
      {
        orgId: tenant.body.id,
        firstName: 'Otto',
        lastName: 'Ops',
        email: 'ops@example.org',
        password: 'temporary password 9',
      },
    );
    assert.equal(account.status, 201, JSON.stringify(account.body));

    const ambiguous = await runCli(['token', 'create', '--email', 'ops@example.org', '--name', 'acme'], env());
    assert.equal(ambiguous.code, 1);
    assert.match(ambiguous.stderr, /^Error: ops@example.org has accounts in several tenants; choose one with --tenant:/);
    assert.ok(ambiguous.stderr.includes(`--tenant ${tenant.body.tenantId}   Otto Ops, Acme Training`), ambiguous.stderr);

    const chosen = await runCli(
      ['token', 'create', '--email', 'ops@example.org', '--name', 'acme', '--tenant', tenant.body.tenantId, '-q'],
      env(),
    );
    assert.equal(chosen.code, 0, chosen.stderr);
    const me = await call<{ account: { id: string } }>(server, 'GET', '/api/auth/me', { bearer: chosen.stdout.trim() });
    assert.equal(me.status, 200);
    assert.equal(me.body.account.id, account.body.id);
  });
});
