import assert from 'node:assert/strict';
import { test } from 'node:test';
import { call, describeEachInstall, signIn, withServer } from './harness.ts';

const admin = { REGISTRAR_ADMIN_EMAIL: 'root@example.org', REGISTRAR_ADMIN_PASSWORD: 'root password from env' };

describeEachInstall('data survives a restart of registrar serve', (env) => {
  const before = { cookie: '', token: '', orgId: '' };

  test('before the restart: an organization, a session and a token are created', async () => {
    await withServer({ ...env(), ...admin }, async (server) => {
      const session = await signIn(server, admin.REGISTRAR_ADMIN_EMAIL, admin.REGISTRAR_ADMIN_PASSWORD);
      assert.equal(session.status, 200);
      before.cookie = session.cookie;
      const org = await call<{ id: string }>(
        server,
        'POST',
        '/api/orgs',
        { cookie: session.cookie },
        { name: 'Statewide Training', kind: 'platform' },
      );
      assert.equal(org.status, 201, JSON.stringify(org.body));
      before.orgId = org.body.id;
      const token = await call<{ token: string }>(server, 'POST', '/api/tokens', { cookie: session.cookie }, { name: 'survivor' });
      assert.equal(token.status, 201);
      before.token = token.body.token;
    });
  });

  test('after the restart: the organization is listed, the session and the token still work', async () => {
    await withServer({ ...env(), ...admin }, async (server) => {
      const withCookie = await call<{ items: { id: string; name: string }[] }>(server, 'GET', '/api/orgs', { cookie: before.cookie });
      assert.equal(withCookie.status, 200, 'the session cookie outlives the process');
      assert.ok(withCookie.body.items.some((o) => o.id === before.orgId && o.name === 'Statewide Training'));
      const withToken = await call<{ items: { id: string }[] }>(server, 'GET', '/api/orgs', { bearer: before.token });
      assert.equal(withToken.status, 200);
      assert.ok(withToken.body.items.some((o) => o.id === before.orgId));
    });
  });
});
