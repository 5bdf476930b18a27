import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { addRole, educatorCatalog } from '../support/catalogs.ts';

describeEachDatabase('role catalog', (ctx) => {
  let tenant: OrgRef;
  let district: OrgRef;
  let site: OrgRef;
  let tenantAdmin: Session;
  let districtAdmin: Session;

  before(async () => {
    tenant = await createOrg(ctx(), 'California Colleges');
    district = await createOrg(ctx(), 'Lincoln Unified', tenant, 'district');
    site = await createOrg(ctx(), 'Lincoln High', district, 'site');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    districtAdmin = (await signedInAdmin(ctx(), district)).session;
  });

  test('a new tenant lists its default roles, and every permission with a sentence', async () => {
    const response = await ctx().call('GET', '/api/roles', { as: tenantAdmin });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json();
    assert.deepEqual(
      body.items.map((r: { key: string }) => r.key),
      ['admin', 'learner'],
    );
    const invite = body.permissions.find((p: { key: string }) => p.key === 'invitations.send');
    assert.match(invite.description, /invite/i);
  });

  test('the tenant administrator adds the educator guide’s roles; keys come from labels', async () => {
    await educatorCatalog(ctx(), tenantAdmin);
    const roles = (await ctx().call('GET', '/api/roles', { as: tenantAdmin })).json().items;
    const caseload = roles.find((r: { label: string }) => r.label === 'Counselor—Caseload Only');
    assert.equal(caseload.key, 'counselor_caseload_only');
    const siteAdmin = roles.find((r: { key: string }) => r.key === 'site_admin');
    assert.deepEqual(siteAdmin.perOrgLimit, { max: 2, mode: 'block' });
    assert.deepEqual(siteAdmin.mayGrant, ['educator', 'counselor', 'counselor_caseload_only', 'site_admin']);
  });

  test('a role whose name reads like another’s is refused with name_taken', async () => {
    const response = await ctx().call('POST', '/api/roles', { as: tenantAdmin, body: { label: 'counselor - CASELOAD only' } });
    assert.equal(response.statusCode, 409, response.body);
    assert.equal(response.json().error.code, 'name_taken');
  });

  test('only roles.manage at the tenant’s top organization edits the catalog', async () => {
    const create = await ctx().call('POST', '/api/roles', { as: districtAdmin, body: { label: 'Volunteer' } });
    assert.equal(create.statusCode, 403, create.body);
    const edit = await ctx().call('PATCH', '/api/roles/educator', { as: districtAdmin, body: { bulkCreatable: false } });
    assert.equal(edit.statusCode, 403, edit.body);
  });

  test('an account is created with a role named by its label, any case, any dash', async () => {
    const districtLead = (await signedInAdmin(ctx(), district, 'District Admin')).session;
    for (const name of ['Counselor—Caseload Only', 'counselor - caseload only', 'COUNSELOR–CASELOAD ONLY']) {
      const account = await createAccount(ctx(), { orgId: site.id, role: name }, districtLead);
      assert.deepEqual(
        (account.roles as Array<{ key: string }>).map((r) => r.key),
        ['counselor_caseload_only'],
        name,
      );
    }
  });

  test('a change to a role’s permissions applies to its holders’ next request', async () => {
    await addRole(ctx(), tenantAdmin, { key: 'viewer', label: 'Viewer', permissions: ['accounts.read'] });
    const viewer = await signedInAdmin(ctx(), district, 'Viewer');
    assert.equal((await ctx().call('GET', '/api/accounts', { as: viewer.session })).statusCode, 200);
    const patch = await ctx().call('PATCH', '/api/roles/viewer', { as: tenantAdmin, body: { permissions: [] } });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal((await ctx().call('GET', '/api/accounts', { as: viewer.session })).statusCode, 403);
    const audit = await ctx().call('GET', '/api/audit?action=role.updated', { as: tenantAdmin });
    const event = audit.json().items.find((e: { targetId: string }) => e.targetId === 'viewer');
    assert.deepEqual(event.before.permissions, ['accounts.read']);
    assert.deepEqual(event.after.permissions, []);
  });

  test('a held role cannot be deleted, only retired; a retired role takes nobody new', async () => {
    const refused = await ctx().call('DELETE', '/api/roles/Viewer', { as: tenantAdmin });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'role_in_use');
    const retired = await ctx().call('PATCH', '/api/roles/viewer', { as: tenantAdmin, body: { retired: true } });
    assert.equal(retired.json().retired, true);
    const grant = await ctx().call('POST', '/api/accounts', {
      as: tenantAdmin,
      body: { orgId: district.id, firstName: 'New', lastName: 'Viewer', email: 'new.viewer@example.org', role: 'viewer' },
    });
    assert.equal(grant.statusCode, 409, grant.body);
    assert.equal(grant.json().error.code, 'role_retired');
    await addRole(ctx(), tenantAdmin, { label: 'Unused' });
    assert.equal((await ctx().call('DELETE', '/api/roles/unused', { as: tenantAdmin })).statusCode, 204);
    const keys = (await ctx().call('GET', '/api/roles', { as: tenantAdmin })).json().items.map((r: { key: string }) => r.key);
    assert.ok(!keys.includes('unused'));
  });

  test('a role held only at some kinds of organization is refused elsewhere', async () => {
    const response = await ctx().call('POST', '/api/accounts', {
      as: tenantAdmin,
      body: { orgId: district.id, firstName: 'Wrong', lastName: 'Place', email: 'wrong.place@example.org', role: 'Site Admin' },
    });
    assert.equal(response.statusCode, 400, response.body);
    assert.ok(response.json().error.details.fields.orgId);
  });
});
