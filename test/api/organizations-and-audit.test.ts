import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

describeEachDatabase('organizations, usernames and audit', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;
  let countyAdmin: Session;

  before(async () => {
    state = await createOrg(ctx(), 'Org State');
    county = await createOrg(ctx(), 'Fresno County', state);
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
  });

  test('a new tenant starts with the admin and learner roles', async () => {
    const tenant = await createOrg(ctx(), 'Roles Tenant');
    const admin = await createAccount(ctx(), { orgId: tenant.id, role: 'admin' });
    const learner = await createAccount(ctx(), { orgId: tenant.id, role: 'learner' });
    assert.equal(admin.roles instanceof Array && (admin.roles as Array<{ key: string }>)[0]?.key, 'admin');
    assert.equal((learner.roles as Array<{ key: string }>)[0]?.key, 'learner');
  });

  test('a county admin creates and renames organizations inside the county, listed as a tree', async () => {
    const site = await ctx().call('POST', '/api/orgs', {
      as: countyAdmin,
      body: { name: 'Clovis Office', kind: 'site', parentId: county.id },
    });
    assert.equal(site.statusCode, 201, site.body);
    assert.equal(site.json().depth, 2);
    const renamed = await ctx().call('PATCH', `/api/orgs/${site.json().id}`, { as: countyAdmin, body: { name: 'Clovis Field Office' } });
    assert.equal(renamed.json().name, 'Clovis Field Office');
    const list = await ctx().call('GET', '/api/orgs', { as: countyAdmin });
    assert.deepEqual(
      list.json().items.map((o: { name: string }) => o.name),
      ['Fresno County', 'Clovis Field Office'],
    );
  });

  test('two siblings cannot share a name', async () => {
    await ctx().call('POST', '/api/orgs', { as: ctx().root, body: { name: 'Twin', kind: 'site', parentId: county.id } });
    const again = await ctx().call('POST', '/api/orgs', { as: ctx().root, body: { name: 'twin', kind: 'site', parentId: county.id } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'name_taken');
  });

  test('the username defaults to the email; only a system administrator may change it', async () => {
    const account = await createAccount(ctx(), { orgId: county.id, email: 'kim@fresno.gov', password: 'Temporary-pass-3' });
    assert.equal(account.username, 'kim@fresno.gov');
    const byCounty = await ctx().call('PATCH', `/api/accounts/${account.id}`, { as: countyAdmin, body: { username: 'kim.lee' } });
    assert.equal(byCounty.statusCode, 403);
    const setOnCreate = await ctx().call('POST', '/api/accounts', {
      as: countyAdmin,
      body: { orgId: county.id, firstName: 'A', lastName: 'B', email: 'ab@fresno.gov', username: 'ab' },
    });
    assert.equal(setOnCreate.statusCode, 403);
    const byRoot = await ctx().call('PATCH', `/api/accounts/${account.id}`, { as: ctx().root, body: { username: 'kim.lee' } });
    assert.equal(byRoot.statusCode, 200, byRoot.body);
    assert.equal(byRoot.json().username, 'kim.lee');
    const signIn = await ctx().call('POST', '/api/auth/login', { body: { username: 'KIM.LEE', password: 'Temporary-pass-3' } });
    assert.equal(signIn.statusCode, 200);
  });

  test('a county admin cannot grant a role they do not hold the right to give', async () => {
    const tenant = await createOrg(ctx(), 'Grant Tenant');
    const site = await createOrg(ctx(), 'Grant Site', tenant, 'site');
    const learnerAdmin = (await signedInAdmin(ctx(), site)).session;
    const ok = await ctx().call('POST', '/api/accounts', {
      as: learnerAdmin,
      body: { orgId: site.id, firstName: 'L', lastName: 'R', email: 'lr@grant.org', role: 'learner' },
    });
    assert.equal(ok.statusCode, 201);
    const outside = await ctx().call('POST', '/api/accounts', {
      as: learnerAdmin,
      body: { orgId: tenant.id, firstName: 'L', lastName: 'S', email: 'ls@grant.org', role: 'admin' },
    });
    assert.equal(outside.statusCode, 404);
  });

  test('edits are audited with before and after, source and request id', async () => {
    const account = await createAccount(ctx(), { orgId: county.id, jobTitle: 'Clerk' });
    const patched = await ctx().call('PATCH', `/api/accounts/${account.id}`, {
      as: countyAdmin,
      body: { jobTitle: 'Senior Clerk', lastName: 'Renamed' },
      headers: { 'x-request-id': 'req-audit-1', 'x-registrar-client': 'console' },
    });
    assert.equal(patched.statusCode, 200);
    const audit = await ctx().call('GET', `/api/audit?targetId=${account.id}&action=account.updated`, { as: countyAdmin });
    const [event] = audit.json().items;
    assert.deepEqual(event.before, { jobTitle: 'Clerk', lastName: account.lastName });
    assert.deepEqual(event.after, { jobTitle: 'Senior Clerk', lastName: 'Renamed' });
    assert.equal(event.source, 'console');
    assert.equal(event.requestId, 'req-audit-1');
    const unchanged = await ctx().call('PATCH', `/api/accounts/${account.id}`, { as: countyAdmin, body: { jobTitle: 'Senior Clerk' } });
    assert.equal(unchanged.statusCode, 200);
    const again = await ctx().call('GET', `/api/audit?targetId=${account.id}&action=account.updated`, { as: countyAdmin });
    assert.equal(again.json().items.length, 1, 'a no-op edit writes no event');
  });

  test('audit pages with a cursor, newest first', async () => {
    const first = await ctx().call('GET', '/api/audit?limit=3', { as: ctx().root });
    const second = await ctx().call('GET', `/api/audit?limit=3&cursor=${first.json().nextCursor}`, { as: ctx().root });
    const a = first.json().items;
    const b = second.json().items;
    assert.equal(a.length, 3);
    assert.ok(b.length > 0);
    assert.ok(a[2].at >= b[0].at);
    assert.ok(!a.some((e: { id: string }) => b.some((f: { id: string }) => f.id === e.id)));
  });
});

describeEachDatabase('OpenAPI', (ctx) => {
  test('the OpenAPI 3.1 document lists the contract calls and the docs page loads', async () => {
    const response = await ctx().call('GET', '/api/openapi.json');
    assert.equal(response.statusCode, 200);
    const doc = response.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of [
      '/api/auth/login',
      '/api/accounts',
      '/api/accounts/{id}',
      '/api/accounts/duplicates',
      '/api/orgs',
      '/api/tokens',
      '/api/audit',
    ]) {
      assert.ok(doc.paths[path], `${path} documented`);
    }
    assert.ok(doc.paths['/api/accounts'].post.requestBody);
    assert.deepEqual(
      Object.keys(doc.paths).filter((path) => !path.startsWith('/api/')),
      [],
      'the console’s pages (GET / and GET /{*}) are not API operations',
    );
    const docs = await ctx().call('GET', '/api/docs/');
    assert.equal(docs.statusCode, 200);
    assert.match(docs.body, /swagger/i);
  });
});

describeEachDatabase('security headers', (ctx) => {
  test('the console is not forced to https when served over plain http', async () => {
    const response = await ctx().call('GET', '/api/health');
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
  });
});
