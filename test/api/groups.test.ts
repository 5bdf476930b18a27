import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { coachingCatalog } from '../support/catalogs.ts';

describeEachDatabase('groups and default groups', (ctx) => {
  let program: OrgRef;
  let otherProgram: OrgRef;
  let lead: { session: Session; account: AccountRef };
  let groupId: string;

  before(async () => {
    const tenant = await createOrg(ctx(), 'Washington CECI');
    program = await createOrg(ctx(), 'Early Learning North', tenant, 'program');
    otherProgram = await createOrg(ctx(), 'Early Learning South', tenant, 'program');
    const tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    await coachingCatalog(ctx(), tenantAdmin);
    lead = await signedInAdmin(ctx(), program, 'Coach Lead');
  });

  test('a coach lead creates a group in their program; the same name twice is refused', async () => {
    const created = await ctx().call('POST', '/api/groups', { as: lead.session, body: { orgId: program.id, name: 'North coaches' } });
    assert.equal(created.statusCode, 201, created.body);
    assert.deepEqual(
      { name: created.json().name, orgName: created.json().orgName, memberCount: created.json().memberCount },
      { name: 'North coaches', orgName: 'Early Learning North', memberCount: 0 },
    );
    groupId = created.json().id;
    const again = await ctx().call('POST', '/api/groups', { as: lead.session, body: { orgId: program.id, name: ' north COACHES ' } });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'name_taken');
    const elsewhere = await ctx().call('POST', '/api/groups', { as: lead.session, body: { orgId: otherProgram.id, name: 'South' } });
    assert.equal(elsewhere.statusCode, 404, 'another program is out of reach');
  });

  test('members are added and removed; people outside the group’s organization are not', async () => {
    const coach = await createAccount(ctx(), { orgId: program.id });
    const added = await ctx().call('POST', `/api/groups/${groupId}/members`, { as: lead.session, body: { accountId: coach.id } });
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(
      added.json().members.map((m: { id: string }) => m.id),
      [coach.id],
    );
    const outsider = await createAccount(ctx(), { orgId: otherProgram.id });
    const refused = await ctx().call('POST', `/api/groups/${groupId}/members`, { as: lead.session, body: { accountId: outsider.id } });
    assert.equal(refused.statusCode, 404, 'an account out of reach is not found');
    const list = await ctx().call('GET', `/api/groups?orgId=${program.id}`, { as: lead.session });
    assert.equal(list.json().items[0].memberCount, 1);
    const removed = await ctx().call('DELETE', `/api/groups/${groupId}/members/${coach.id}`, { as: lead.session });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().memberCount, 0);
    const audit = await ctx().call('GET', `/api/audit?targetId=${groupId}`, { as: ctx().root });
    assert.deepEqual(
      audit.json().items.map((e: { action: string }) => e.action),
      ['group.member_removed', 'group.member_added', 'group.created'],
    );
  });

  test('a coach lead sets their own default group; a group out of reach is refused', async () => {
    const set = await ctx().call('PATCH', `/api/accounts/${lead.account.id}`, { as: lead.session, body: { defaultGroupId: groupId } });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal(set.json().defaultGroupId, groupId);
    const south = await ctx().call('POST', '/api/groups', { as: ctx().root, body: { orgId: otherProgram.id, name: 'South coaches' } });
    const refused = await ctx().call('PATCH', `/api/accounts/${lead.account.id}`, {
      as: lead.session,
      body: { defaultGroupId: south.json().id },
    });
    assert.equal(refused.statusCode, 400, refused.body);
    const otherField = await ctx().call('PATCH', `/api/accounts/${lead.account.id}`, { as: lead.session, body: { jobTitle: 'Lead' } });
    assert.equal(otherField.statusCode, 403, 'a coach lead changes only their default group on their own account');
  });

  test('someone who may not manage groups cannot create one', async () => {
    const coach = await signedInAdmin(ctx(), program, 'Coach');
    const response = await ctx().call('POST', '/api/groups', { as: coach.session, body: { orgId: program.id, name: 'Mine' } });
    assert.equal(response.statusCode, 403, response.body);
    const list = await ctx().call('GET', '/api/groups', { as: coach.session });
    assert.equal(list.statusCode, 200, 'a coach sees the groups of their program');
  });
});
