import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

const password = 'Registrar-Demo-2026';

describeEachInstall('registrar demo', (env) => {
  let firstRun = '';
  let server: RunningServer;
  before(async () => {
    const loaded = await runCli(['demo', '--partners', '60'], env());
    assert.equal(loaded.code, 0, loaded.stderr);
    firstRun = loaded.stdout;
    server = await startServer(env());
  });
  after(async () => {
    await server.stop();
  });

  test('prints a sign-in for a persona of each guide, and each signs in with the demo password', async () => {
    assert.match(firstRun, /Every person below signs in with the password Registrar-Demo-2026/);
    for (const email of ['dolores.ybarra@gscwt.example.org', 'priya.raman@pcpn.example.org', 'tomas.reyes@celc.example.org']) {
      assert.ok(firstRun.includes(email), `${email} is printed`);
      const session = await signIn(server, email, password);
      assert.equal(session.status, 200, email);
      assert.equal(session.mustChangePassword, false, email);
    }
  });

  test('the statewide world: 58 counties, the guide’s templates and imported partners, some archived', async () => {
    const { cookie } = await signIn(server, 'dolores.ybarra@gscwt.example.org', password);
    const orgs = await call<{ items: Array<{ kind: string }> }>(server, 'GET', '/api/orgs', { cookie });
    assert.equal(orgs.body.items.filter((o) => o.kind === 'county').length, 58);
    const templates = await call<{ items: Array<{ key: string }> }>(server, 'GET', '/api/import-templates', { cookie });
    assert.deepEqual(templates.body.items.map((t) => t.key).sort(), [
      'accounts',
      'county-archival',
      'county-community-partners',
      'enrollments',
    ]);
    const partners = await call<{ total: number }>(server, 'GET', '/api/accounts?affiliation=California%20Community%20Partners', {
      cookie,
    });
    assert.ok(partners.body.total >= 60, `partners: ${partners.body.total}`);
    const archived = await call<{ total: number }>(server, 'GET', '/api/accounts?status=archived', { cookie });
    assert.ok(archived.body.total > 0);

    const courses = await call<{ items: Array<{ code: string; sections: Array<{ code: string }> }> }>(server, 'GET', '/api/courses', {
      cookie,
    });
    const mandated = courses.body.items.find((c) => c.code === 'MR-101');
    assert.deepEqual(mandated?.sections.map((x) => x.code).sort(), ['MR-101-A', 'MR-101-B']);
    const paths = await call<{ items: Array<{ code: string }> }>(server, 'GET', '/api/learning-paths', { cookie });
    assert.ok(paths.body.items.some((p) => p.code === 'CPF-100'));
    const contracts = await call<{ items: Array<{ orgName: string; mode: string }> }>(server, 'GET', '/api/seat-contracts', { cookie });
    assert.deepEqual(contracts.body.items.map((c) => `${c.orgName}: ${c.mode}`).sort(), [
      'Alpine County: block',
      'Los Angeles County: warn',
    ]);
  });

  test('the college world: Site Admin limited to 2 per school, invitations pending and expired', async () => {
    const { cookie } = await signIn(server, 'priya.raman@pcpn.example.org', password);
    const roles = await call<{ items: Array<{ key: string; perOrgLimit: unknown }> }>(server, 'GET', '/api/roles', { cookie });
    assert.deepEqual(roles.body.items.find((r) => r.key === 'site_admin')?.perOrgLimit, { max: 2, mode: 'block' });
    const pending = await call<{ items: unknown[] }>(server, 'GET', '/api/invitations?status=pending', { cookie });
    assert.equal(pending.body.items.length, 3);
    const expired = await call<{ items: unknown[] }>(server, 'GET', '/api/invitations?status=expired', { cookie });
    assert.equal(expired.body.items.length, 2);
  });

  test('the coaching world: a coach lead whose default group holds the coaches', async () => {
    const { cookie } = await signIn(server, 'tomas.reyes@celc.example.org', password);
    const me = await call<{ account: { id: string } }>(server, 'GET', '/api/auth/me', { cookie });
    const account = await call<{ defaultGroupId: string | null }>(server, 'GET', `/api/accounts/${me.body.account.id}`, { cookie });
    assert.ok(account.body.defaultGroupId);
    const group = await call<{ name: string; memberCount: number }>(server, 'GET', `/api/groups/${account.body.defaultGroupId}`, {
      cookie,
    });
    assert.equal(group.body.name, 'North Sound coaches');
    assert.equal(group.body.memberCount, 4);

    const desk = await signIn(server, 'leslie.janes@celc.example.org', password);
    const count = async (status: string) =>
      (await call<{ items: unknown[] }>(server, 'GET', `/api/account-requests?status=${status}`, { cookie: desk.cookie })).body.items
        .length;
    assert.deepEqual(
      { open: await count('open'), waiting: await count('waiting'), resolved: await count('resolved') },
      { open: 2, waiting: 1, resolved: 1 },
    );
    const tagged = await call<{ items: unknown[] }>(server, 'GET', `/api/account-requests?tag=${encodeURIComponent('New CECI Account')}`, {
      cookie: desk.cookie,
    });
    assert.equal(tagged.body.items.length, 1);
  });

  test('running it again adds nothing', async () => {
    const { cookie } = await signIn(server, 'dolores.ybarra@gscwt.example.org', password);
    const before = await call<{ total: number }>(server, 'GET', '/api/accounts?count=exact', { cookie });
    const imports = await call<{ items: unknown[] }>(server, 'GET', '/api/imports', { cookie });
    await server.stop();
    const again = await runCli(['demo', '--partners', '60'], env());
    assert.equal(again.code, 0, again.stderr);
    server = await startServer(env());
    const { cookie: fresh } = await signIn(server, 'dolores.ybarra@gscwt.example.org', password);
    assert.equal(
      (await call<{ total: number }>(server, 'GET', '/api/accounts?count=exact', { cookie: fresh })).body.total,
      before.body.total,
    );
    assert.equal(
      (await call<{ items: unknown[] }>(server, 'GET', '/api/imports', { cookie: fresh })).body.items.length,
      imports.body.items.length,
    );
  });

  test('a partner count out of range is refused with one line', async () => {
    const refused = await runCli(['demo', '--partners', 'lots'], env());
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, 'Error: --partners must be a whole number from 10 to 1000000, not "lots".\n');
  });
});
