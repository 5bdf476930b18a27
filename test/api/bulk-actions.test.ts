import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session, type TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';

// Issue #16: bulk actions over the list's own filter or a list of ids, with the count check, the
// tenant's change threshold, per-account results, reach checked for every account, and undo.
describeEachDatabase('bulk actions', (ctx) => {
  let tenant: OrgRef;
  let countyA: OrgRef;
  let countyB: OrgRef;
  let tenantAdmin: Session;
  let adminA: Session;
  let adminB: Session;

  const bulk = (as: Session, body: Record<string, unknown>) => ctx().call('POST', '/api/bulk-actions', { as, body });
  const get = (as: Session, id: string) => ctx().call('GET', `/api/bulk-actions/${id}`, { as });
  const statusOf = async (id: string) => (await ctx().call('GET', `/api/accounts/${id}`, { as: ctx().root })).json().status as string;
  /** `n` accounts in `org` that share an affiliation and an email domain found nowhere else. */
  const people = async (c: TestContext, org: OrgRef, n: number, extra: Record<string, unknown> = {}) => {
    const tag = uniqueSuffix();
    const made = [];
    for (let i = 0; i < n; i++) {
      made.push(
        await createAccount(c, { orgId: org.id, affiliation: `Partner ${tag}`, email: `p${i}-${tag}@${tag}.example.org`, ...extra }),
      );
    }
    return { ids: made.map((a) => a.id), filter: { affiliation: `Partner ${tag}`, emailDomain: `${tag}.example.org` } };
  };

  before(async () => {
    tenant = await createOrg(ctx(), `Bulk State ${uniqueSuffix()}`);
    countyA = await createOrg(ctx(), 'County A', tenant);
    countyB = await createOrg(ctx(), 'County B', tenant);
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    adminA = (await signedInAdmin(ctx(), countyA)).session;
    adminB = (await signedInAdmin(ctx(), countyB)).session;
  });

  test('a filter selects exactly what the list shows: a wrong count is selection_changed, a large one asks for confirmation, then it archives and undoes', async () => {
    const { ids, filter } = await people(ctx(), countyA, 5);
    const listed = await ctx().call(
      'GET',
      `/api/accounts?affiliation=${encodeURIComponent(filter.affiliation)}&emailDomain=${filter.emailDomain}`,
      {
        as: adminA,
      },
    );
    assert.equal(listed.json().total, 5);

    const stale = await bulk(adminA, { action: 'archive', filter, expectedCount: 4 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, 'selection_changed');
    assert.equal(stale.json().error.details.count, 5);

    // The tenant has a handful of active accounts: its default threshold (a tenth, at least 1) is below 5.
    const unconfirmed = await bulk(adminA, { action: 'archive', filter, expectedCount: 5 });
    assert.equal(unconfirmed.statusCode, 409, unconfirmed.body);
    assert.equal(unconfirmed.json().error.code, 'confirmation_required');
    assert.equal(unconfirmed.json().error.details.count, 5);
    for (const id of ids) assert.equal(await statusOf(id), 'invited', 'nothing changed before confirmation');

    const started = await bulk(adminA, { action: 'archive', filter, expectedCount: 5, confirm: true });
    assert.equal(started.statusCode, 202, started.body);
    const bulkId = started.json().id as string;
    assert.equal(started.json().status, 'queued');
    await ctx().drainJobs();

    const done = (await get(adminA, bulkId)).json();
    assert.equal(done.status, 'completed');
    assert.equal(done.total, 5);
    assert.deepEqual(done.counts, { succeeded: 5, failed: 0, skipped: 0, undone: 0, notUndone: 0 });
    assert.equal(done.undoable, true);
    for (const id of ids) assert.equal(await statusOf(id), 'archived');

    const history = await ctx().call('GET', `/api/audit?targetId=${ids[0]}`, { as: ctx().root });
    const archived = history.json().items.find((e: { action: string }) => e.action === 'account.archived');
    assert.equal(archived?.after.bulkActionId, bulkId, 'the account’s history names the bulk action');

    const undo = await ctx().call('POST', `/api/bulk-actions/${bulkId}/undo`, { as: adminA });
    assert.equal(undo.statusCode, 202, undo.body);
    await ctx().drainJobs();
    const undone = (await get(adminA, bulkId)).json();
    assert.equal(undone.status, 'undone');
    assert.equal(undone.counts.undone, 5);
    for (const id of ids) assert.equal(await statusOf(id), 'invited', 'back as they were (never registered: invited)');
    const again = await ctx().call('POST', `/api/bulk-actions/${bulkId}/undo`, { as: adminA });
    assert.equal(again.statusCode, 409, 'an undone action cannot be undone twice');
  });

  test('the tenant’s own threshold decides when confirmation is needed', async () => {
    const settings = await ctx().call('PATCH', `/api/tenants/${tenant.id}/settings`, { as: tenantAdmin, body: { bulkChangeThreshold: 3 } });
    assert.equal(settings.statusCode, 200, settings.body);
    const small = await people(ctx(), countyA, 3);
    const under = await bulk(adminA, { action: 'archive', filter: small.filter, expectedCount: 3 });
    assert.equal(under.statusCode, 202, under.body);
    const large = await people(ctx(), countyA, 4);
    const over = await bulk(adminA, { action: 'archive', filter: large.filter, expectedCount: 4 });
    assert.equal(over.statusCode, 409);
    assert.deepEqual(over.json().error.details, { count: 4, threshold: 3 });
    // An export changes nothing: no threshold.
    const exported = await bulk(adminA, { action: 'export', filter: large.filter, expectedCount: 4 });
    assert.equal(exported.statusCode, 202, exported.body);
    await ctx().drainJobs();
    await ctx().call('PATCH', `/api/tenants/${tenant.id}/settings`, { as: tenantAdmin, body: { bulkChangeThreshold: null } });
  });

  test('ids outside the admin’s reach fail one by one as out of scope, and the failures list says so', async () => {
    const mine = await people(ctx(), countyA, 2);
    const theirs = await people(ctx(), countyB, 1);
    const started = await bulk(adminA, {
      action: 'archive',
      accountIds: [...mine.ids, ...theirs.ids, 'no-such-id'],
      expectedCount: 4,
      confirm: true,
    });
    assert.equal(started.statusCode, 202, started.body);
    await ctx().drainJobs();
    const id = started.json().id as string;
    assert.deepEqual((await get(adminA, id)).json().counts, { succeeded: 2, failed: 2, skipped: 0, undone: 0, notUndone: 0 });
    const failed = await ctx().call('GET', `/api/bulk-actions/${id}/results?outcome=failed`, { as: adminA });
    assert.equal(failed.statusCode, 200, failed.body);
    assert.deepEqual(
      failed.json().items.map((r: { accountId: string; reason: string; label: string }) => [r.accountId, r.reason, r.label]),
      [
        [theirs.ids[0], 'out_of_scope', theirs.ids[0]],
        ['no-such-id', 'out_of_scope', 'no-such-id'],
      ],
      'the label of an account out of reach is its id alone: nothing about it leaks',
    );
    assert.equal(await statusOf(theirs.ids[0] as string), 'invited');
    assert.equal((await get(adminB, id)).statusCode, 404, 'another county’s admin does not see it');
    assert.equal((await get(tenantAdmin, id)).statusCode, 200, 'the tenant’s administrator does');
  });

  test('undo re-checks reach now: an account moved out of the county since is left alone, and its row says why', async () => {
    const site = await createOrg(ctx(), `Site ${uniqueSuffix()}`, countyA, 'site');
    const { ids, filter } = await people(ctx(), countyA, 2);
    const moved = await bulk(adminA, { action: 'move', filter, expectedCount: 2, confirm: true, orgId: site.id });
    assert.equal(moved.statusCode, 202, moved.body);
    await ctx().drainJobs();
    const id = moved.json().id as string;
    assert.equal((await get(adminA, id)).json().counts.succeeded, 2);
    const [away, stays] = ids as [string, string];
    assert.equal((await ctx().call('GET', `/api/accounts/${stays}`, { as: adminA })).json().orgId, site.id);
    // The tenant administrator moves one of them to county B: out of county A's reach.
    assert.equal((await ctx().call('PATCH', `/api/accounts/${away}`, { as: tenantAdmin, body: { orgId: countyB.id } })).statusCode, 200);

    assert.equal((await ctx().call('POST', `/api/bulk-actions/${id}/undo`, { as: adminA })).statusCode, 202);
    await ctx().drainJobs();
    assert.equal((await ctx().call('GET', `/api/accounts/${stays}`, { as: adminA })).json().orgId, countyA.id, 'moved back');
    assert.equal((await ctx().call('GET', `/api/accounts/${away}`, { as: tenantAdmin })).json().orgId, countyB.id, 'left in county B');
    const results = (await ctx().call('GET', `/api/bulk-actions/${id}/results`, { as: adminA })).json().items;
    const awayRow = results.find((r: { accountId: string }) => r.accountId === away);
    assert.equal(awayRow.undo.done, false);
    assert.equal(awayRow.undo.reason, 'out_of_scope');
    assert.deepEqual((await get(adminA, id)).json().counts, { succeeded: 2, failed: 0, skipped: 0, undone: 1, notUndone: 1 });
  });

  test('moving to an organization outside the admin’s reach is refused up front with 404', async () => {
    const { filter } = await people(ctx(), countyA, 1);
    const refused = await bulk(adminA, { action: 'move', filter, expectedCount: 1, orgId: countyB.id });
    assert.equal(refused.statusCode, 404, refused.body);
  });

  test('grant_role gives a role to each account and undo takes exactly those grants back', async () => {
    const { ids, filter } = await people(ctx(), countyA, 2);
    const granted = await bulk(adminA, { action: 'grant_role', role: 'Learner', filter, expectedCount: 2, confirm: true });
    assert.equal(granted.statusCode, 202, granted.body);
    await ctx().drainJobs();
    const id = granted.json().id as string;
    assert.equal((await get(adminA, id)).json().counts.succeeded, 2);
    const roles = async (accountId: string) =>
      (await ctx().call('GET', `/api/accounts/${accountId}`, { as: adminA })).json().roles.map((r: { key: string }) => r.key);
    for (const accountId of ids) assert.deepEqual(await roles(accountId), ['learner']);
    await ctx().call('POST', `/api/bulk-actions/${id}/undo`, { as: adminA });
    await ctx().drainJobs();
    for (const accountId of ids) assert.deepEqual(await roles(accountId), []);
  });

  test('a selection that grew between the confirmation and the run changes nothing and says why', async () => {
    const { ids, filter } = await people(ctx(), countyA, 2);
    const started = await bulk(adminA, { action: 'archive', filter, expectedCount: 2, confirm: true });
    assert.equal(started.statusCode, 202, started.body);
    await createAccount(ctx(), { orgId: countyA.id, affiliation: filter.affiliation, email: `late@${filter.emailDomain}` });
    await ctx().drainJobs();
    const after = (await get(adminA, started.json().id)).json();
    assert.equal(after.status, 'failed');
    assert.match(after.error, /grew past the 2 accounts confirmed/);
    for (const id of ids) assert.equal(await statusOf(id), 'invited');
  });

  test('a global administrator’s filter without an organization acts in the tenant of its matches', async () => {
    const { ids, filter } = await people(ctx(), countyB, 2);
    const started = await bulk(ctx().root, { action: 'archive', filter, expectedCount: 2, confirm: true });
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().tenantId, tenant.id);
    await ctx().drainJobs();
    assert.equal((await get(ctx().root, started.json().id)).json().counts.succeeded, 2);
    for (const id of ids) assert.equal(await statusOf(id), 'archived');
    const listed = (await ctx().call('GET', '/api/bulk-actions', { as: ctx().root })).json().items.map((b: { id: string }) => b.id);
    assert.ok(listed.includes(started.json().id), 'a global administrator’s list spans tenants');
  });

  test('bad requests answer 400, never 500', async () => {
    const cases: Record<string, unknown>[] = [
      { action: 'archive', expectedCount: 1 },
      { action: 'archive', filter: {}, accountIds: ['x'], expectedCount: 1 },
      { action: 'grant_role', accountIds: ['x'], expectedCount: 1 },
      { action: 'move', accountIds: ['x'], expectedCount: 1 },
      { action: 'explode', accountIds: ['x'], expectedCount: 1 },
      { action: 'archive', filter: { status: 'gone' }, expectedCount: 1 },
    ];
    for (const body of cases) {
      const response = await bulk(adminA, body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
    }
    assert.equal((await ctx().call('GET', '/api/bulk-actions/x/results?cursor=zz', { as: ctx().root })).statusCode, 404);
  });
});
