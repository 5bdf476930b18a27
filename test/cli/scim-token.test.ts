import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, describeEachInstall, runCli, signIn, startServer, type RunningServer } from './harness.ts';

describeEachInstall('registrar token create --scim', (env) => {
  let server: RunningServer;
  let countyA = { id: '', name: 'Kern County' };

  before(async () => {
    const admin = await runCli(['admin', 'create', '--email', 'ops@example.org', '--password', 'operator password 1'], env());
    assert.equal(admin.code, 0, admin.stderr);
    server = await startServer(env());
    const session = await signIn(server, 'ops@example.org', 'operator password 1');
    const as = { cookie: session.cookie };
    const state = await call<{ id: string }>(server, 'POST', '/api/orgs', as, { name: 'Golden State', kind: 'state' });
    const a = await call<{ id: string }>(server, 'POST', '/api/orgs', as, { name: 'Kern County', kind: 'county', parentId: state.body.id });
    await call(server, 'POST', '/api/orgs', as, { name: 'Inyo County', kind: 'county', parentId: state.body.id });
    countyA = { id: a.body.id, name: 'Kern County' };
    const person = {
      orgId: countyA.id,
      firstName: 'Kay',
      lastName: 'Admin',
      email: 'kay@kern.example',
      role: 'admin',
      password: 'temporary password 9',
    };
    assert.equal((await call(server, 'POST', '/api/accounts', as, person)).status, 201);
  });
  after(async () => {
    await server.stop();
  });

  test('a SCIM token for a county admin, landing by organization name, works on /scim/v2 only', async () => {
    const made = await runCli(
      ['token', 'create', '--scim', '--email', 'kay@kern.example', '--org', 'kern county', '--name', 'Entra ID'],
      env(),
    );
    assert.equal(made.code, 0, made.stderr);
    const token = /shown only this once:\n {2}(rgscim_\S+)\n/.exec(made.stdout)?.[1];
    assert.ok(token, made.stdout);
    assert.match(made.stdout, /new users land in Kern County/);
    const response = await fetch(`${server.url}/scim/v2/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'lee@kern.example',
        name: { givenName: 'Lee', familyName: 'Park' },
      }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    assert.match(response.headers.get('content-type') ?? '', /^application\/scim\+json/);
    const user = (await response.json()) as Record<string, unknown>;
    assert.equal(
      (user['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'] as { organization: string }).organization,
      'Kern County',
    );
    assert.equal((await call(server, 'GET', '/api/orgs', { bearer: token })).status, 401, 'not a REST API token');
  });

  test('--scim needs --org; an organization beyond the account’s reach is refused', async () => {
    const missing = await runCli(['token', 'create', '--scim', '--email', 'kay@kern.example', '--name', 'x'], env());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: A SCIM token needs --org/);
    const beyond = await runCli(['token', 'create', '--scim', '--email', 'kay@kern.example', '--org', 'Inyo County', '--name', 'x'], env());
    assert.equal(beyond.code, 1);
    assert.match(beyond.stderr, /^Error: The account cannot see an organization named or numbered "Inyo County"/);
  });
});
