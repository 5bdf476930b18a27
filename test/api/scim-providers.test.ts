import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { enterpriseUrn, groupUrn, patchUrn, scim, scimToken, userUrn } from '../support/scim.ts';

/*
 * Each identity provider's sequence as it sends it: create → find by filter → update → deactivate →
 * reactivate → group membership, with that provider's habits (RFC-wise quirks included).
 */

const ok = (response: LightMyRequestResponse, status = 200) => {
  assert.equal(response.statusCode, status, response.body);
  return response.json();
};
const q = (filter: string) => encodeURIComponent(filter);

describeEachDatabase('SCIM as identity providers send it', (ctx) => {
  let district: OrgRef;
  let admin: Session;
  let token: string;
  const status = async (id: string) => (await ctx().call('GET', `/api/accounts/${id}`, { as: admin })).json().status as string;

  before(async () => {
    const state = await createOrg(ctx(), 'Provider State');
    district = await createOrg(ctx(), 'North District', state, 'district');
    await createOrg(ctx(), 'Lincoln High', district, 'site');
    admin = (await signedInAdmin(ctx(), district)).session;
    token = (await scimToken(ctx(), admin, district)).token;
  });

  test('Entra ID: capitalised ops, booleans as strings, dotted names in a value, the enterprise URN as a path prefix', async () => {
    const c = ctx();
    const none = ok(await scim(c, token, 'GET', `/Users?filter=${q('userName eq "mia.chen@north.example"')}`));
    assert.equal(none.totalResults, 0);
    const created = ok(
      await scim(c, token, 'POST', '/Users', {
        schemas: [userUrn, enterpriseUrn],
        externalId: 'mia.chen',
        userName: 'mia.chen@north.example',
        active: true,
        displayName: 'Mia Chen',
        emails: [{ primary: true, type: 'work', value: 'mia.chen@north.example' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Mia Chen', familyName: 'Chen', givenName: 'Mia' },
        title: 'Teacher',
        [enterpriseUrn]: { employeeNumber: '1001', department: 'Math', manager: { value: 'someone' } },
      }),
      201,
    );
    const found = ok(await scim(c, token, 'GET', `/Users?filter=${q('externalId eq "mia.chen"')}`));
    assert.deepEqual(
      found.Resources.map((u: { id: string }) => u.id),
      [created.id],
    );
    const updated = ok(
      await scim(c, token, 'PATCH', `/Users/${created.id}`, {
        schemas: [patchUrn],
        Operations: [
          { op: 'Replace', path: 'title', value: 'Lead Teacher' },
          { op: 'Replace', value: { 'name.givenName': 'Mia-Lin', 'name.familyName': 'Chen' } },
          { op: 'Add', path: `${enterpriseUrn}:department`, value: 'Mathematics' },
          { op: 'Replace', path: `${enterpriseUrn}:organization`, value: 'Lincoln High' },
        ],
      }),
    );
    assert.deepEqual(
      [updated.title, updated.name.givenName, updated[enterpriseUrn].department, updated[enterpriseUrn].organization],
      ['Lead Teacher', 'Mia-Lin', 'Mathematics', 'Lincoln High'],
    );
    const off = ok(
      await scim(c, token, 'PATCH', `/Users/${created.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
      }),
    );
    assert.equal(off.active, false);
    assert.equal(await status(created.id), 'archived');
    const on = ok(
      await scim(c, token, 'PATCH', `/Users/${created.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
      }),
    );
    assert.equal(on.active, true);
    assert.notEqual(await status(created.id), 'archived');

    const noGroup = ok(await scim(c, token, 'GET', `/Groups?filter=${q('displayName eq "Math Department"')}&excludedAttributes=members`));
    assert.equal(noGroup.totalResults, 0);
    const group = ok(
      await scim(c, token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'Math Department', externalId: 'grp-1' }),
      201,
    );
    ok(
      await scim(c, token, 'PATCH', `/Groups/${group.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: created.id }] }],
      }),
    );
    const withMember = ok(await scim(c, token, 'GET', `/Groups/${group.id}`));
    assert.deepEqual(
      withMember.members.map((m: { value: string }) => m.value),
      [created.id],
    );
    const restGroup = (await c.call('GET', `/api/groups/${group.id}`, { as: admin })).json();
    assert.deepEqual(
      restGroup.members.map((m: { id: string }) => m.id),
      [created.id],
      'the SCIM group is the Registrar group',
    );
    ok(
      await scim(c, token, 'PATCH', `/Groups/${group.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'Remove', path: 'members', value: [{ value: created.id }] }],
      }),
    );
    assert.deepEqual(ok(await scim(c, token, 'GET', `/Groups/${group.id}`)).members, []);
    const audit = (await c.call('GET', `/api/audit?targetId=${created.id}`, { as: c.root })).json();
    assert.deepEqual(
      audit.items.map((e: { action: string; source: string }) => `${e.action}/${e.source}`),
      ['account.reactivated/scim', 'account.archived/scim', 'account.updated/scim', 'account.created/scim'],
      'every change made over SCIM is audited with source scim',
    );
  });

  test('Okta: a filtered GET with startIndex=1&count=100 before every create, PUT of the whole user, groups by PATCH', async () => {
    const c = ctx();
    const lookup = `/Users?filter=${q('userName eq "noah.kim@north.example"')}&startIndex=1&count=100`;
    const before = ok(await scim(c, token, 'GET', lookup));
    assert.deepEqual([before.totalResults, before.startIndex, before.Resources], [0, 1, []]);
    const created = ok(
      await scim(c, token, 'POST', '/Users', {
        schemas: [userUrn],
        userName: 'noah.kim@north.example',
        name: { givenName: 'Noah', familyName: 'Kim' },
        emails: [{ primary: true, value: 'noah.kim@north.example', type: 'work' }],
        displayName: 'Noah Kim',
        locale: 'en-US',
        externalId: '00u1okta',
        groups: [],
        password: 'Okta-temporary-pass-42',
        active: true,
      }),
      201,
    );
    assert.equal(await status(created.id), 'active', 'the password Okta sent is the temporary password');
    const after = ok(await scim(c, token, 'GET', lookup));
    assert.equal(after.totalResults, 1);
    const whole = { ...after.Resources[0], name: { givenName: 'Noah', familyName: 'Kim-Park' }, title: 'Coach' };
    const put = ok(await scim(c, token, 'PUT', `/Users/${created.id}`, whole));
    assert.deepEqual([put.name.familyName, put.title, put.externalId], ['Kim-Park', 'Coach', '00u1okta']);
    const off = ok(
      await scim(c, token, 'PATCH', `/Users/${created.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'replace', value: { active: false } }],
      }),
    );
    assert.equal(off.active, false);
    assert.equal(await status(created.id), 'archived');
    ok(
      await scim(c, token, 'PATCH', `/Users/${created.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'replace', value: { active: true } }],
      }),
    );
    assert.notEqual(await status(created.id), 'archived');

    const group = ok(await scim(c, token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'Coaches', members: [] }), 201);
    ok(
      await scim(c, token, 'PATCH', `/Groups/${group.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'add', path: 'members', value: [{ value: created.id, display: 'noah.kim@north.example' }] }],
      }),
    );
    const renamed = ok(
      await scim(c, token, 'PATCH', `/Groups/${group.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'replace', value: { id: group.id, displayName: 'Lead Coaches' } }],
      }),
    );
    assert.equal(renamed.displayName, 'Lead Coaches');
    assert.equal(renamed.members.length, 1);
    const removed = ok(
      await scim(c, token, 'PATCH', `/Groups/${group.id}`, {
        schemas: [patchUrn],
        Operations: [{ op: 'remove', path: `members[value eq "${created.id}"]` }],
      }),
    );
    assert.deepEqual(removed.members, []);
    const byName = ok(await scim(c, token, 'GET', `/Groups?filter=${q('displayName eq "lead coaches"')}&startIndex=1&count=100`));
    assert.deepEqual(
      byName.Resources.map((g: { id: string }) => g.id),
      [group.id],
    );
  });

  test('Google: pages with startIndex and count until the total is read; updates by PUT, deactivation by PUT active false', async () => {
    const c = ctx();
    const made: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const user = ok(
        await scim(c, token, 'POST', '/Users', {
          schemas: [userUrn],
          userName: `g${n}@gpage.example`,
          name: { givenName: `G${n}`, familyName: 'Paged' },
          emails: [{ value: `g${n}@gpage.example`, primary: true }],
          active: true,
        }),
        201,
      );
      made.push(user.id);
    }
    const filter = q('userName ew "@gpage.example"');
    const seen: string[] = [];
    let startIndex = 1;
    let total = Infinity;
    while (startIndex <= total) {
      const page = ok(await scim(c, token, 'GET', `/Users?filter=${filter}&startIndex=${startIndex}&count=2`));
      total = page.totalResults;
      assert.ok(page.itemsPerPage <= 2);
      seen.push(...page.Resources.map((u: { id: string }) => u.id));
      startIndex += page.itemsPerPage;
      if (page.itemsPerPage === 0) break;
    }
    assert.deepEqual(seen.sort(), [...made].sort(), 'every user once, none twice');
    const first = ok(await scim(c, token, 'GET', `/Users/${made[0]}`));
    const put = ok(await scim(c, token, 'PUT', `/Users/${made[0]}`, { ...first, active: false, title: 'Gone' }));
    assert.equal(put.active, false);
    assert.equal(await status(made[0] as string), 'archived');
    ok(await scim(c, token, 'PUT', `/Users/${made[0]}`, { ...first, active: true }));
    assert.notEqual(await status(made[0] as string), 'archived');
    const group = ok(
      await scim(c, token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'G Paged', members: made.map((value) => ({ value })) }),
      201,
    );
    assert.equal(group.members.length, 5);
    const put2 = ok(
      await scim(c, token, 'PUT', `/Groups/${group.id}`, { schemas: [groupUrn], displayName: 'G Paged', members: [{ value: made[1] }] }),
    );
    assert.deepEqual(
      put2.members.map((m: { value: string }) => m.value),
      [made[1]],
    );
  });

  test('OneLogin: startIndex below 1 reads as 1, a count above the maximum is capped, PUT updates, DELETE ends it', async () => {
    const c = ctx();
    const created = ok(
      await scim(c, token, 'POST', '/Users', {
        schemas: [userUrn],
        userName: 'olivia@onelogin.example',
        name: { givenName: 'Olivia', familyName: 'Stone' },
        emails: [{ value: 'olivia@onelogin.example', primary: true }],
      }),
      201,
    );
    const zero = ok(await scim(c, token, 'GET', `/Users?filter=${q('userName eq "olivia@onelogin.example"')}&startIndex=0&count=5000`));
    assert.deepEqual([zero.startIndex, zero.totalResults, zero.itemsPerPage], [1, 1, 1]);
    const everything = ok(await scim(c, token, 'GET', '/Users?count=5000'));
    assert.ok(everything.itemsPerPage <= 1000);
    const sc = ok(await scim(c, token, 'GET', '/ServiceProviderConfig'));
    assert.equal(sc.filter.maxResults, 1000);
    const updated = ok(
      await scim(c, token, 'PUT', `/Users/${created.id}`, { ...created, name: { givenName: 'Olivia', familyName: 'Stone-Ray' } }),
    );
    assert.equal(updated.name.familyName, 'Stone-Ray');
    const group = ok(
      await scim(c, token, 'POST', '/Groups', { schemas: [groupUrn], displayName: 'OneLogin people', members: [{ value: created.id }] }),
      201,
    );
    assert.equal(group.members.length, 1);
    assert.equal((await scim(c, token, 'DELETE', `/Users/${created.id}`)).statusCode, 204);
    assert.equal((await scim(c, token, 'GET', `/Users/${created.id}`)).statusCode, 404);
    assert.equal((await scim(c, token, 'DELETE', `/Groups/${group.id}`)).statusCode, 204);
    assert.equal((await scim(c, token, 'GET', `/Groups/${group.id}`)).statusCode, 404);
  });
});
