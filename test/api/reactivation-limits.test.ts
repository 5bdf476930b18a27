import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { educatorCatalog } from '../support/catalogs.ts';
import { importHeader, importRows, planImport } from '../support/imports.ts';

describeEachDatabase('reactivation and per-organization limits', (ctx) => {
  let tenantAdmin: Session;
  let districtAdmin: Session;
  let district: OrgRef;

  before(async () => {
    const tenant = await createOrg(ctx(), 'California Colleges');
    district = await createOrg(ctx(), 'Lincoln Unified', tenant, 'district');
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await educatorCatalog(ctx(), tenantAdmin);
    districtAdmin = (await signedInAdmin(ctx(), district, 'District Admin')).session;
  });

  /** A school with two Site Admins, the first of them archived and then replaced: the school is full again. */
  async function fullSchoolWithArchivedAdmin(name: string): Promise<{ school: OrgRef; archived: AccountRef; replacement: string }> {
    const school = await createOrg(ctx(), name, district, 'site');
    const [first, second, third] = [
      await createAccount(ctx(), { orgId: school.id }, districtAdmin),
      await createAccount(ctx(), { orgId: school.id }, districtAdmin),
      await createAccount(ctx(), { orgId: school.id }, districtAdmin),
    ] as [AccountRef, AccountRef, AccountRef];
    for (const person of [first, second]) {
      const given = await ctx().call('POST', `/api/accounts/${person.id}/roles`, {
        as: districtAdmin,
        body: { role: 'Site Admin', orgId: school.id },
      });
      assert.equal(given.statusCode, 201, given.body);
    }
    assert.equal((await ctx().call('POST', `/api/accounts/${first.id}/archive`, { as: districtAdmin })).statusCode, 200);
    const replaced = await ctx().call('POST', `/api/accounts/${third.id}/roles`, {
      as: districtAdmin,
      body: { role: 'Site Admin', orgId: school.id },
    });
    assert.equal(replaced.statusCode, 201, 'an archived holder frees its place');
    return { school, archived: first, replacement: replaced.json().id };
  }

  test('reactivating a Site Admin at a full school is refused with role_limit; once a place is free it goes through', async () => {
    const { archived } = await fullSchoolWithArchivedAdmin('Roosevelt High');
    const refused = await ctx().call('POST', `/api/accounts/${archived.id}/reactivate`, { as: districtAdmin });
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'role_limit');
    assert.match(refused.json().error.message, /Roosevelt High already has 2 Site Admin accounts/);
    const still = (await ctx().call('GET', `/api/accounts/${archived.id}`, { as: districtAdmin })).json();
    assert.equal(still.status, 'archived', 'nothing changed');

    // Taking the role away from the returning person first lets them come back.
    const grantId = still.roles.find((r: { key: string }) => r.key === 'site_admin').grantId;
    assert.equal((await ctx().call('DELETE', `/api/accounts/${archived.id}/roles/${grantId}`, { as: districtAdmin })).statusCode, 204);
    const back = await ctx().call('POST', `/api/accounts/${archived.id}/reactivate`, { as: districtAdmin });
    assert.equal(back.statusCode, 200, back.body);
    assert.notEqual(back.json().status, 'archived');
  });

  test('in warn mode the reactivation goes through with a warning', async () => {
    const { archived } = await fullSchoolWithArchivedAdmin('Jefferson High');
    await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 2, mode: 'warn' } } });
    try {
      const back = await ctx().call('POST', `/api/accounts/${archived.id}/reactivate`, { as: districtAdmin });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(back.json().warnings[0].code, 'role_limit');
      assert.match(back.json().warnings[0].message, /Jefferson High now has 3 Site Admin accounts/);
    } finally {
      await ctx().call('PATCH', '/api/roles/site_admin', { as: tenantAdmin, body: { perOrgLimit: { max: 2, mode: 'block' } } });
    }
  });

  test('an import row that reactivates a Site Admin at a full school fails role_limit', async () => {
    const { school, archived } = await fullSchoolWithArchivedAdmin('Madison High');
    const current = (await ctx().call('GET', `/api/accounts/${archived.id}`, { as: districtAdmin })).json();
    const file = `${importHeader}\n,${current.lastName},${current.firstName},${archived.email},Active,,,,,,\n`;
    const planned = await planImport(ctx(), districtAdmin, school.id, file);
    assert.equal(planned.counts.failed, 1, JSON.stringify(planned.counts));
    const [row] = await importRows(ctx(), districtAdmin, planned.id);
    assert.equal(row?.reason, 'role_limit');
    assert.match(row?.message ?? '', /holds Site Admin, and Madison High already has 2 Site Admin accounts/);
  });
});
