import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';

describeEachDatabase('organizations moved (the subtree follows, roles re-checked) and removed when empty', (ctx) => {
  let ohio: OrgRef;
  let franklin: OrgRef;
  let delaware: OrgRef;
  let lincoln: OrgRef;
  let room: OrgRef;
  let tenantAdmin: Session;
  let franklinAdmin: Session;
  let delawareAdmin: Session;
  let student: AccountRef;
  let coach: AccountRef;

  const roleKeys = async (id: string) =>
    ((await ctx().call('GET', `/api/accounts/${id}`, { as: ctx().root })).json().roles as Array<{ key: string; orgName: string }>).map(
      (r) => `${r.key}@${r.orgName}`,
    );

  test('setup: a school in Franklin County with a room below it, its student, and a Franklin coach who administers the school', async () => {
    ohio = await createOrg(ctx(), 'Ohio');
    franklin = await createOrg(ctx(), 'Franklin County', ohio);
    delaware = await createOrg(ctx(), 'Delaware County', ohio);
    lincoln = await createOrg(ctx(), 'Lincoln High', franklin, 'school');
    room = await createOrg(ctx(), 'Room 1', lincoln, 'room');
    tenantAdmin = (await signedInAdmin(ctx(), ohio)).session;
    franklinAdmin = (await signedInAdmin(ctx(), franklin)).session;
    delawareAdmin = (await signedInAdmin(ctx(), delaware)).session;
    student = await createAccount(ctx(), { orgId: room.id, role: 'learner' });
    // The student also holds a role at Franklin (above their home): it fits today, and not once the school leaves Franklin.
    const up = await ctx().call('POST', `/api/accounts/${student.id}/roles`, {
      as: ctx().root,
      body: { role: 'learner', orgId: franklin.id },
    });
    assert.equal(up.statusCode, 201, up.body);
    coach = await createAccount(ctx(), { orgId: franklin.id });
    const grant = await ctx().call('POST', `/api/accounts/${coach.id}/roles`, {
      as: ctx().root,
      body: { role: 'admin', orgId: lincoln.id },
    });
    assert.equal(grant.statusCode, 201, grant.body);
  });

  test('a county administrator cannot move their school to a county they do not administer (404), nor a tenant be moved (409)', async () => {
    const far = await ctx().call('POST', `/api/orgs/${lincoln.id}/move`, { as: franklinAdmin, body: { parentId: delaware.id } });
    assert.equal(far.statusCode, 404, far.body);
    const root = await ctx().call('POST', `/api/orgs/${ohio.id}/move`, { as: ctx().root, body: { parentId: franklin.id } });
    assert.equal(root.statusCode, 409);
    const intoItself = await ctx().call('POST', `/api/orgs/${franklin.id}/move`, { as: tenantAdmin, body: { parentId: room.id } });
    assert.equal(intoItself.statusCode, 409);
    assert.match(intoItself.json().error.message, /into itself or below itself/);
    const bad = await ctx().call('POST', `/api/orgs/${lincoln.id}/move`, { as: tenantAdmin, body: { parentId: '' } });
    assert.equal(bad.statusCode, 400);
  });

  test('moved by the tenant administrator, the school and its room follow; reach follows the new place; roles that no longer fit go', async () => {
    const moved = await ctx().call('POST', `/api/orgs/${lincoln.id}/move`, { as: tenantAdmin, body: { parentId: delaware.id } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().parentId, delaware.id);
    assert.equal(moved.json().depth, 2);

    // The room below came along: Delaware reaches it and its student, Franklin no longer does.
    assert.equal((await ctx().call('GET', `/api/orgs/${room.id}`, { as: delawareAdmin })).statusCode, 200);
    assert.equal((await ctx().call('GET', `/api/orgs/${room.id}`, { as: franklinAdmin })).statusCode, 404);
    assert.equal((await ctx().call('GET', `/api/accounts/${student.id}`, { as: delawareAdmin })).statusCode, 200);
    assert.equal((await ctx().call('GET', `/api/accounts/${student.id}`, { as: franklinAdmin })).statusCode, 404);
    const inDelaware = (await ctx().call('GET', `/api/accounts?orgId=${delaware.id}`, { as: delawareAdmin })).json().items;
    assert.ok(
      inDelaware.some((a: { id: string }) => a.id === student.id),
      'searching the new county finds the moved student',
    );

    assert.deepEqual(await roleKeys(student.id), ['learner@Room 1'], 'the role at Franklin no longer sits above the student');
    assert.deepEqual(await roleKeys(coach.id), [], 'the Franklin coach no longer administers a school outside Franklin');
    const audit = (await ctx().call('GET', `/api/audit?targetId=${lincoln.id}`, { as: tenantAdmin })).json().items;
    assert.equal(audit[0].action, 'organization.moved');
    const revoked = (await ctx().call('GET', `/api/audit?action=role.revoked&personId=${coach.id}`, { as: tenantAdmin })).json();
    assert.equal(revoked.total, 1);
    assert.match(JSON.stringify(revoked.items[0].after), /Lincoln High moved under Delaware County/);
  });

  test('a move that would take away a role beyond the mover is refused (403 account_beyond_reach) and changes nothing', async () => {
    // Someone of the school administers Franklin County: moving the school within Delaware would take that role away,
    // and the Delaware administrator does not reach Franklin.
    const principal = await createAccount(ctx(), { orgId: lincoln.id });
    const wide = await ctx().call('POST', `/api/accounts/${principal.id}/roles`, {
      as: ctx().root,
      body: { role: 'admin', orgId: franklin.id },
    });
    assert.equal(wide.statusCode, 201, wide.body);
    const site = await createOrg(ctx(), 'Annex', delaware, 'site');
    const refused = await ctx().call('POST', `/api/orgs/${lincoln.id}/move`, { as: delawareAdmin, body: { parentId: site.id } });
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error.code, 'account_beyond_reach');
    assert.equal((await ctx().call('GET', `/api/orgs/${lincoln.id}`, { as: tenantAdmin })).json().parentId, delaware.id);
    assert.deepEqual(await roleKeys(principal.id), ['admin@Franklin County']);
  });

  test('an organization is removed only when empty, with a message naming what is still there', async () => {
    const full = await ctx().call('DELETE', `/api/orgs/${lincoln.id}`, { as: tenantAdmin });
    assert.equal(full.statusCode, 409);
    assert.match(full.json().error.message, /Lincoln High is not empty: it still has 1 organization below it, 1 account/);
    const empty = await createOrg(ctx(), 'Closed Site', delaware, 'site');
    assert.equal((await ctx().call('DELETE', `/api/orgs/${empty.id}`, { as: franklinAdmin })).statusCode, 404, 'outside reach');
    assert.equal((await ctx().call('DELETE', `/api/orgs/${empty.id}`, { as: delawareAdmin })).statusCode, 204);
    assert.equal((await ctx().call('GET', `/api/orgs/${empty.id}`, { as: tenantAdmin })).statusCode, 404);
    const removed = (await ctx().call('GET', `/api/audit?action=organization.removed`, { as: tenantAdmin })).json().items;
    assert.ok(removed.some((e: { targetId: string }) => e.targetId === empty.id));
    assert.equal((await ctx().call('DELETE', `/api/orgs/${ohio.id}`, { as: ctx().root })).statusCode, 409, 'a tenant is not removed here');
  });
});
