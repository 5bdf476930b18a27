import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

describeEachDatabase('accounts API', (ctx) => {
  let state: OrgRef;
  let county: OrgRef;

  test('setup: a tenant with a county', async () => {
    state = await createOrg(ctx(), 'California');
    county = await createOrg(ctx(), 'Riverside County', state);
  });

  test('creating an account returns it with the contract fields', async () => {
    const response = await ctx().call('POST', '/api/accounts', {
      as: ctx().root,
      body: {
        orgId: county.id,
        firstName: 'Ana',
        lastName: 'Lopez',
        email: '  Ana.Lopez@Example.org ',
        affiliation: 'California Community Partners',
        employeeType: 'Riverside County Community Partner',
        dateHire: '2026-11-01',
        role: 'learner',
        password: 'Changeme1!',
      },
    });
    assert.equal(response.statusCode, 201, response.body);
    const account = response.json();
    assert.equal(account.email, 'Ana.Lopez@Example.org');
    assert.equal(account.username, 'Ana.Lopez@Example.org');
    assert.equal(account.status, 'active');
    assert.equal(account.orgId, county.id);
    assert.equal(account.dateHire, '2026-11-01');
    assert.deepEqual(
      account.roles.map((r: { key: string }) => r.key),
      ['learner'],
    );
  });

  test('the same email in another case and with spaces is refused with 409 email_taken', async () => {
    const response = await ctx().call('POST', '/api/accounts', {
      as: ctx().root,
      body: { orgId: state.id, firstName: 'Other', lastName: 'Person', email: 'ana.lopez@EXAMPLE.org' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(response.json().error.code, 'email_taken');
  });

  test('a temporary password forces a change before anything else', async () => {
    const s = await ctx().signIn('ana.lopez@example.org', 'Changeme1!');
    const me = await ctx().call('GET', '/api/accounts', { as: s });
    assert.equal(me.statusCode, 403);
    assert.equal(me.json().error.code, 'password_change_required');
    const weak = await ctx().call('POST', '/api/auth/change-password', {
      as: s,
      body: { currentPassword: 'Changeme1!', newPassword: 'password123' },
    });
    assert.equal(weak.statusCode, 400);
    assert.equal(weak.json().error.code, 'weak_password');
    const ok = await ctx().call('POST', '/api/auth/change-password', {
      as: s,
      body: { currentPassword: 'Changeme1!', newPassword: 'a-much-better-secret' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const after = await ctx().call('GET', '/api/auth/me', { as: s });
    assert.equal(after.json().mustChangePassword, false);
  });

  test('archive and reactivate change the status and are audited', async () => {
    const account = await createAccount(ctx(), { orgId: county.id, password: 'Temporary-pass-1' });
    const archived = await ctx().call('POST', `/api/accounts/${account.id}/archive`, { as: ctx().root });
    assert.equal(archived.statusCode, 200, archived.body);
    assert.equal(archived.json().status, 'archived');
    const again = await ctx().call('POST', `/api/accounts/${account.id}/archive`, { as: ctx().root });
    assert.equal(again.statusCode, 409);
    const reactivated = await ctx().call('POST', `/api/accounts/${account.id}/reactivate`, { as: ctx().root });
    assert.equal(reactivated.json().status, 'active');
    const audit = await ctx().call('GET', `/api/audit?targetId=${account.id}`, { as: ctx().root });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['account.reactivated', 'account.archived', 'account.created']);
  });

  test('a county admin sees their county and not the rest', async () => {
    const other = await createOrg(ctx(), 'Orange County', state);
    const outsider = await createAccount(ctx(), { orgId: other.id });
    const { session } = await signedInAdmin(ctx(), county);
    const list = await ctx().call('GET', '/api/accounts?limit=500', { as: session });
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json().items.every((a: { orgId: string }) => a.orgId === county.id));
    const hidden = await ctx().call('GET', `/api/accounts/${outsider.id}`, { as: session });
    assert.equal(hidden.statusCode, 404);
  });
});
