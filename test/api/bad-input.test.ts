import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';

describeEachDatabase('bad input gets a clear 4xx and changes nothing', (ctx) => {
  let org: OrgRef;
  let otherTenantOrg: OrgRef;

  before(async () => {
    org = await createOrg(ctx(), 'Input Tenant');
    otherTenantOrg = await createOrg(ctx(), 'Other Tenant');
  });

  const post = (url: string, payload: string) =>
    ctx().app.inject({
      method: 'POST',
      url,
      payload,
      headers: { cookie: ctx().root.cookie as string, 'content-type': 'application/json' },
    });

  test('malformed JSON answers 400 invalid_json', async () => {
    const response = await post('/api/accounts', '{"orgId": ');
    assert.equal(response.statusCode, 400);
    assert.equal(response.json().error.code, 'invalid_json');
  });

  test('wrong types, unknown fields, invalid emails and over-long strings name their fields', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ orgId: org.id, firstName: 42, lastName: 'X', email: 'x@example.org' }, 'firstName'],
      [{ orgId: org.id, firstName: 'A', lastName: 'B', email: 'not-an-email' }, 'email'],
      [{ orgId: org.id, firstName: 'A'.repeat(101), lastName: 'B', email: 'long@example.org' }, 'firstName'],
      [{ orgId: org.id, firstName: 'A', lastName: 'B', email: 'x2@example.org', favouriteColour: 'blue' }, 'favouriteColour'],
      [{ orgId: org.id, firstName: 'A', lastName: 'B', email: 'x3@example.org', dateHire: '2026-02-30' }, 'dateHire'],
      [{ orgId: org.id, firstName: 'A', lastName: 'B', email: 'x4@example.org', dateHire: '11/01/2026' }, 'dateHire'],
      [{ firstName: 'A', lastName: 'B', email: 'x5@example.org' }, 'orgId'],
    ];
    for (const [body, field] of cases) {
      const response = await ctx().call('POST', '/api/accounts', { as: ctx().root, body });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      const error = response.json().error;
      assert.equal(error.code, 'validation_failed');
      assert.ok(Object.keys(error.details.fields).includes(field), `${field} missing in ${JSON.stringify(error.details)}`);
    }
  });

  test('a 2 MB body answers 413', async () => {
    const response = await post('/api/accounts', JSON.stringify({ orgId: org.id, firstName: 'x'.repeat(2_000_000) }));
    assert.equal(response.statusCode, 413);
    assert.equal(response.json().error.code, 'payload_too_large');
  });

  test('unknown ids and ids from another tenant answer 404', async () => {
    const foreign = await createAccount(ctx(), { orgId: otherTenantOrg.id });
    const tenantAdmin = await createAccount(ctx(), { orgId: org.id, role: 'admin', password: 'Temporary-pass-1' });
    const s = await ctx().signIn(tenantAdmin.email, 'Temporary-pass-1');
    await ctx().call('POST', '/api/auth/change-password', {
      as: s,
      body: { currentPassword: 'Temporary-pass-1', newPassword: 'chosen-passphrase-1' },
    });
    for (const url of ['/api/accounts/does-not-exist', `/api/accounts/${foreign.id}`, `/api/orgs/${otherTenantOrg.id}`]) {
      const response = await ctx().call('GET', url, { as: s });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json().error.code, 'not_found');
    }
    const move = await ctx().call('PATCH', `/api/accounts/${tenantAdmin.id}`, { as: ctx().root, body: { orgId: otherTenantOrg.id } });
    assert.equal(move.statusCode, 400);
  });

  test('a create that fails on its role leaves no account behind', async () => {
    const email = 'rolled-back@example.org';
    const response = await ctx().call('POST', '/api/accounts', {
      as: ctx().root,
      body: { orgId: org.id, firstName: 'R', lastName: 'B', email, role: 'wizard' },
    });
    assert.equal(response.statusCode, 400);
    assert.match(response.json().error.message, /wizard/);
    const search = await ctx().call('GET', `/api/accounts?q=${email}`, { as: ctx().root });
    assert.equal(search.json().total, 0);
  });

  test('bad search parameters answer 400', async () => {
    for (const url of [
      '/api/accounts?limit=0',
      '/api/accounts?limit=abc',
      '/api/accounts?status=sleeping',
      '/api/accounts?cursor=garbage',
      '/api/accounts?sort=shoeSize',
      '/api/accounts?bogus=1',
    ]) {
      const response = await ctx().call('GET', url, { as: ctx().root });
      assert.equal(response.statusCode, 400, url);
      assert.equal(response.json().error.code, 'validation_failed', url);
    }
  });

  test('an unknown route answers a JSON 404', async () => {
    const response = await ctx().call('GET', '/api/nothing-here', { as: ctx().root });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json().error.code, 'not_found');
  });

  test('a temporary password that is too short or equals the email is refused', async () => {
    for (const password of ['short', 'same@example.org']) {
      const response = await ctx().call('POST', '/api/accounts', {
        as: ctx().root,
        body: { orgId: org.id, firstName: 'P', lastName: 'W', email: 'same@example.org', password },
      });
      assert.equal(response.statusCode, 400, password);
      assert.equal(response.json().error.code, 'weak_password');
    }
  });
});
