import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { educatorCatalog } from '../support/catalogs.ts';

describeEachDatabase('roles on accounts and per-organization limits', (ctx) => {
  let tenant: OrgRef;
  let district: OrgRef;
  let lincoln: OrgRef;
  let roosevelt: OrgRef;
  let tenantAdmin: Session;
  let districtAdmin: Session;

  before(async () => {
    tenant = await createOrg(ctx(), 'California Colleges');
    district = await createOrg(ctx(), 'Lincoln Unified', tenant, 'district');
    lincoln = await createOrg(ctx(), 'Lincoln High', district, 'site');
    roosevelt = await createOrg(ctx(), 'Roosevelt High', district, 'site');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await educatorCatalog(ctx(), tenantAdmin);
    districtAdmin = (await signedInAdmin(ctx(), district, 'District Admin')).session;
  });

  const grant = (accountId: string, role: string, orgId: string, as: Session) =>
    ctx().call('POST', `/api/accounts/${accountId}/roles`, { as, body: { role, orgId } });

  test('a role is given on the profile, shows on the account with its grant id, and is taken back; both audited', async () => {
    const teacher = await createAccount(ctx(), { orgId: lincoln.id }, districtAdmin);
    const given = await grant(teacher.id, 'educator', lincoln.id, districtAdmin);
    assert.equal(given.statusCode, 201, given.body);
    assert.deepEqual(given.json().warnings, []);
    const account = (await ctx().call('GET', `/api/accounts/${teacher.id}`, { as: districtAdmin })).json();
    assert.deepEqual(
      account.roles.map((r: { key: string; orgName: string; grantId: string }) => [r.key, r.orgName, r.grantId]),
      [['educator', 'Lincoln High', given.json().id]],
    );
    const again = await grant(teacher.id, 'Educator', lincoln.id, districtAdmin);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'already_held');
    const taken = await ctx().call('DELETE', `/api/accounts/${teacher.id}/roles/${given.json().id}`, { as: districtAdmin });
    assert.equal(taken.statusCode, 204, taken.body);
    assert.deepEqual((await ctx().call('GET', `/api/accounts/${teacher.id}`, { as: districtAdmin })).json().roles, []);
    const audit = await ctx().call('GET', `/api/audit?targetId=${teacher.id}`, { as: tenantAdmin });
    const actions = audit.json().items.map((e: { action: string }) => e.action);
    assert.deepEqual(actions.slice(0, 2), ['role.revoked', 'role.granted']);
  });

  test('the accounts list shows each account’s roles as its profile does, from the top of the tree down', async () => {
    const none = await createAccount(ctx(), { orgId: roosevelt.id, lastName: 'Listedroles', firstName: 'None' }, tenantAdmin);
    const one = await createAccount(ctx(), { orgId: lincoln.id, lastName: 'Listedroles', firstName: 'One' }, tenantAdmin);
    const two = await createAccount(ctx(), { orgId: lincoln.id, lastName: 'Listedroles', firstName: 'Two' }, tenantAdmin);
    assert.equal((await grant(one.id, 'educator', lincoln.id, tenantAdmin)).statusCode, 201);
    // Given at the school first, then at the district: the district (higher in the tree) still comes first.
    const atSchool = (await grant(two.id, 'educator', lincoln.id, tenantAdmin)).json().id as string;
    const atDistrict = (await grant(two.id, 'District Admin', district.id, tenantAdmin)).json().id as string;
    type Held = { grantId: string; key: string; label: string; orgId: string; orgName: string };
    const list = (await ctx().call('GET', '/api/accounts?q=listedroles', { as: tenantAdmin })).json().items as {
      id: string;
      roles: Held[];
    }[];
    assert.deepEqual(
      list.map((a) => a.id),
      [none.id, one.id, two.id],
    );
    for (const listed of list) {
      const profile = (await ctx().call('GET', `/api/accounts/${listed.id}`, { as: tenantAdmin })).json();
      assert.deepEqual(listed.roles, profile.roles, 'the list and the profile agree');
    }
    assert.deepEqual(list[0]?.roles, []);
    assert.deepEqual(
      list[2]?.roles.map((r) => [r.grantId, r.key, r.orgName]),
      [
        [atDistrict, 'district_admin', 'Lincoln Unified'],
        [atSchool, 'educator', 'Lincoln High'],
      ],
    );
  });

  test('a role outside the giver’s mayGrant is refused with role_not_allowed', async () => {
    const siteAdmin = await signedInAdmin(ctx(), roosevelt, 'Site Admin');
    const person = await createAccount(ctx(), { orgId: roosevelt.id }, siteAdmin.session);
    const response = await grant(person.id, 'District Admin', district.id, siteAdmin.session);
    assert.equal(response.statusCode, 404, 'the district is above the site admin’s reach');
    const atSite = await ctx().call('POST', '/api/roles', { as: siteAdmin.session, body: { label: 'x' } });
    assert.equal(atSite.statusCode, 403);
    const other = await createAccount(ctx(), { orgId: roosevelt.id }, districtAdmin);
    const districtRole = await grant(other.id, 'district_admin', district.id, siteAdmin.session);
    assert.equal(districtRole.statusCode, 404);
    const learner = await grant(other.id, 'learner', roosevelt.id, siteAdmin.session);
    assert.equal(learner.statusCode, 403, learner.body);
    assert.equal(learner.json().error.code, 'role_not_allowed');
  });

  test('the third Site Admin at Lincoln High is refused with role_limit naming the role, the school and the count', async () => {
    for (let i = 0; i < 2; i += 1) {
      const person = await createAccount(ctx(), { orgId: lincoln.id }, districtAdmin);
      assert.equal((await grant(person.id, 'Site Admin', lincoln.id, districtAdmin)).statusCode, 201);
    }
    const third = await createAccount(ctx(), { orgId: lincoln.id }, districtAdmin);
    const refused = await grant(third.id, 'site admin', lincoln.id, districtAdmin);
    assert.equal(refused.statusCode, 409, refused.body);
    const error = refused.json().error;
    assert.equal(error.code, 'role_limit');
    assert.match(error.message, /Lincoln High already has 2 Site Admin accounts/);
    assert.deepEqual(
      { role: error.details.role, orgName: error.details.orgName, held: error.details.held, max: error.details.max },
      { role: 'site_admin', orgName: 'Lincoln High', held: 2, max: 2 },
    );
    const created = await ctx().call('POST', '/api/accounts', {
      as: districtAdmin,
      body: { orgId: lincoln.id, firstName: 'Third', lastName: 'Admin', email: 'third.admin@example.org', role: 'Site Admin' },
    });
    assert.equal(created.statusCode, 409);
    assert.equal(created.json().error.code, 'role_limit');
    const nothing = await ctx().call('GET', '/api/accounts/duplicates?email=third.admin@example.org', { as: districtAdmin });
    assert.deepEqual(nothing.json().exact, [], 'the refused account was not created');
  });

  test('with the limit in warn mode the grant goes through and the answer carries a warning', async () => {
    const patch = await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 2, mode: 'warn' } } });
    assert.equal(patch.statusCode, 200, patch.body);
    const created = await ctx().call('POST', '/api/accounts', {
      as: districtAdmin,
      body: { orgId: lincoln.id, firstName: 'Warned', lastName: 'Admin', email: 'warned.admin@example.org', role: 'Site Admin' },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().warnings[0].code, 'role_limit');
    assert.match(created.json().warnings[0].message, /Lincoln High now has 3 Site Admin accounts/);
    await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 2, mode: 'block' } } });
  });

  test('the catalog asked for one school shows how many hold each role there', async () => {
    const roles = (await ctx().call('GET', `/api/roles?orgId=${lincoln.id}`, { as: districtAdmin })).json().items;
    const siteAdmin = roles.find((r: { key: string }) => r.key === 'site_admin');
    assert.equal(siteAdmin.atOrg.held, 3);
    assert.equal(siteAdmin.atOrg.youMayGrant, true);
  });

  test('two requests for the last place at once: exactly one wins', async () => {
    const a = await createAccount(ctx(), { orgId: roosevelt.id }, districtAdmin);
    const b = await createAccount(ctx(), { orgId: roosevelt.id }, districtAdmin);
    const c = await createAccount(ctx(), { orgId: roosevelt.id }, districtAdmin);
    assert.equal((await grant(a.id, 'site_admin', roosevelt.id, districtAdmin)).statusCode, 201);
    const held = (await ctx().call('GET', `/api/roles?orgId=${roosevelt.id}`, { as: districtAdmin })).json();
    assert.equal(held.items.find((r: { key: string }) => r.key === 'site_admin').atOrg.held, 2, 'the site admin made above and a');
    await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 3, mode: 'block' } } });
    const results = await Promise.all([
      grant(b.id, 'site_admin', roosevelt.id, districtAdmin),
      grant(c.id, 'site_admin', roosevelt.id, districtAdmin),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409], results.map((r) => r.body).join('\n'));
    await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 2, mode: 'block' } } });
  });
});
