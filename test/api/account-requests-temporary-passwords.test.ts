import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix } from '../support/factories.ts';
import { submitRequest } from '../support/requests.ts';

describeEachDatabase('account requests in a tenant that gives temporary passwords', (ctx) => {
  test('the handler creates the account with a temporary password, which the person must change at first sign-in', async () => {
    const tenant = await createOrg(ctx(), 'Temporary Password Programme');
    const admin = (await signedInAdmin(ctx(), tenant)).session;
    const settings = await ctx().call('PATCH', `/api/tenants/${tenant.id}/settings`, {
      as: admin,
      body: { onboarding: 'temporary_password', passwordMinLength: 9 },
    });
    assert.equal(settings.statusCode, 200, settings.body);
    const email = `staff-${uniqueSuffix()}@example.org`;
    const sent = await submitRequest(ctx(), { tenant: tenant.id, firstName: 'Sam', lastName: 'Staffer', email });
    assert.equal(sent.statusCode, 202, sent.body);
    const request = (await ctx().call('GET', `/api/account-requests?q=${encodeURIComponent(email)}`, { as: admin })).json().items[0];
    assert.ok(request, 'the request reached the tenant administrator');

    const without = await ctx().call('POST', `/api/account-requests/${request.id}/create-account`, {
      as: admin,
      body: { orgId: tenant.id },
    });
    assert.equal(without.statusCode, 400, without.body);
    assert.equal(without.json().error.code, 'temporary_password_required');

    const created = await ctx().call('POST', `/api/account-requests/${request.id}/create-account`, {
      as: admin,
      body: { orgId: tenant.id, password: 'Welcome-26*' },
    });
    assert.equal(created.statusCode, 200, created.body);
    const thread = created.json().messages as Array<{ body: string }>;
    assert.ok(
      thread.some((m) => m.body.includes('a temporary password was set')),
      JSON.stringify(thread.map((m) => m.body)),
    );

    const signIn = await ctx().call('POST', '/api/auth/login', { body: { username: email, password: 'Welcome-26*' } });
    assert.equal(signIn.statusCode, 200, signIn.body);
    assert.equal(signIn.json().mustChangePassword, true);
  });
});
