import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';

// Issue #12, finding 4: moving an account takes away the roles it held away from its new home.
describeEachDatabase('moving an account', (ctx) => {
  let county: OrgRef;
  let lincoln: OrgRef;
  let roosevelt: OrgRef;
  let countyAdmin: Session;

  const rolesOf = (account: { roles: Array<{ key: string; orgId: string }> }) => account.roles.map((r) => [r.key, r.orgId]);

  before(async () => {
    const state = await createOrg(ctx(), 'Moves State');
    county = await createOrg(ctx(), 'Tulare County', state);
    lincoln = await createOrg(ctx(), 'Lincoln High', county, 'site');
    roosevelt = await createOrg(ctx(), 'Roosevelt High', county, 'site');
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
  });

  test('a site administrator moved to another site loses the role at the old one, and the audit says so', async () => {
    const created = await ctx().call('POST', '/api/accounts', {
      as: countyAdmin,
      body: { orgId: lincoln.id, firstName: 'Lea', lastName: 'Site', email: 'lea@lincoln.edu', role: 'admin' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const moved = await ctx().call('PATCH', `/api/accounts/${id}`, { as: countyAdmin, body: { orgId: roosevelt.id } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(rolesOf(moved.json()), []);
    const audit = await ctx().call('GET', `/api/audit?targetId=${id}&action=role.revoked`, { as: countyAdmin });
    const [event] = audit.json().items as Array<{ before: unknown; after: unknown }>;
    assert.deepEqual(event?.before, { role: 'admin', orgId: lincoln.id });
    assert.deepEqual(event?.after, { reason: 'moved to Roosevelt High' });
  });

  test('roles held above or inside the new home stay', async () => {
    const created = await ctx().call('POST', '/api/accounts', {
      as: countyAdmin,
      body: { orgId: county.id, firstName: 'Cy', lastName: 'County', email: 'cy@tulare.gov', role: 'admin' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const down = await ctx().call('PATCH', `/api/accounts/${id}`, { as: countyAdmin, body: { orgId: lincoln.id } });
    assert.equal(down.statusCode, 200, down.body);
    assert.deepEqual(rolesOf(down.json()), [['admin', county.id]], 'the county role covers the site it moved to');
    const across = await ctx().call('PATCH', `/api/accounts/${id}`, { as: countyAdmin, body: { orgId: roosevelt.id } });
    assert.deepEqual(rolesOf(across.json()), [['admin', county.id]]);
  });
});
