import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDatabase, type Session } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';

// Issue #16: a move carries the account's seat. Into an organization under a full blocking contract it is
// refused (409 seat_limit; in a bulk move, that account fails seat_limit and the others move); within one
// contract's subtree it takes no second seat under that contract.
describeEachDatabase('seat contracts and moves', (ctx) => {
  let tenant: OrgRef;
  let county: OrgRef;
  let tenantAdmin: Session;
  let countyAdmin: Session;

  const contract = async (orgId: string, seats: number) => {
    const made = await ctx().call('POST', '/api/seat-contracts', {
      as: tenantAdmin,
      body: { orgId, seats, startsOn: '2026-01-01', endsOn: '2099-12-31', warnAt: 90, mode: 'block' },
    });
    assert.equal(made.statusCode, 201, made.body);
  };
  const newSite = async (parent: OrgRef = county) => createOrg(ctx(), `Site ${uniqueSuffix()}`, parent, 'site');
  const person = async (orgId: string): Promise<string> => {
    const made = await ctx().call('POST', '/api/accounts', {
      as: countyAdmin,
      body: { orgId, firstName: 'Seat', lastName: 'Mover', email: `mover-${uniqueSuffix()}@example.org` },
    });
    assert.equal(made.statusCode, 201, made.body);
    return made.json().id;
  };
  const move = (id: string, orgId: string) => ctx().call('PATCH', `/api/accounts/${id}`, { as: countyAdmin, body: { orgId } });
  const orgOf = async (id: string) => (await ctx().call('GET', `/api/accounts/${id}`, { as: countyAdmin })).json().orgId;
  const used = async (orgId: string) => (await ctx().call('GET', `/api/seats?orgId=${orgId}`, { as: countyAdmin })).json().used;
  const bulkMove = async (accountIds: string[], orgId: string) => {
    const started = await ctx().call('POST', '/api/bulk-actions', {
      as: countyAdmin,
      body: { action: 'move', accountIds, orgId, expectedCount: accountIds.length, confirm: true },
    });
    assert.equal(started.statusCode, 202, started.body);
    await ctx().drainJobs();
    const id = started.json().id as string;
    const done = (await ctx().call('GET', `/api/bulk-actions/${id}`, { as: countyAdmin })).json();
    const results = (await ctx().call('GET', `/api/bulk-actions/${id}/results?limit=500`, { as: countyAdmin })).json().items as {
      accountId: string;
      outcome: string;
      reason: string | null;
      message: string | null;
    }[];
    return { id, done, results };
  };

  before(async () => {
    tenant = await createOrg(ctx(), `Moves State ${uniqueSuffix()}`);
    county = await createOrg(ctx(), 'Moves County', tenant);
    tenantAdmin = (await signedInAdmin(ctx(), tenant)).session;
    countyAdmin = (await signedInAdmin(ctx(), county)).session;
  });

  test('moving an account into an organization whose block contract is full answers 409 seat_limit and leaves it where it was', async () => {
    const full = await newSite();
    const elsewhere = await newSite();
    await contract(full.id, 1);
    await person(full.id);
    const mover = await person(elsewhere.id);

    const refused = await move(mover, full.id);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.equal(refused.json().error.code, 'seat_limit');
    assert.match(refused.json().error.message, /no free seat: 1 of its 1 seats are taken/);
    assert.deepEqual([refused.json().error.details.seats, refused.json().error.details.used], [1, 1]);
    assert.equal(await orgOf(mover), elsewhere.id);
    assert.equal(await used(full.id), 1);
  });

  test('an archived account holds no seat: it moves into a full contract', async () => {
    const full = await newSite();
    const elsewhere = await newSite();
    await contract(full.id, 1);
    await person(full.id);
    const mover = await person(elsewhere.id);
    assert.equal((await ctx().call('POST', `/api/accounts/${mover}/archive`, { as: countyAdmin })).statusCode, 200);
    const moved = await move(mover, full.id);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(await used(full.id), 1);
  });

  test('moving within a full contract’s subtree is not counted twice', async () => {
    const district = await createOrg(ctx(), `District ${uniqueSuffix()}`, county, 'district');
    const schoolA = await newSite(district);
    const schoolB = await newSite(district);
    await contract(district.id, 2);
    const first = await person(schoolA.id);
    const second = await person(schoolA.id);
    assert.equal(await used(district.id), 2, 'the district’s contract is full');

    const single = await move(first, schoolB.id);
    assert.equal(single.statusCode, 200, single.body);
    const bulk = await bulkMove([second], schoolB.id);
    assert.deepEqual(bulk.done.counts, { succeeded: 1, failed: 0, skipped: 0, undone: 0, notUndone: 0 });
    assert.equal(await used(district.id), 2);
    assert.equal(await used(schoolB.id), 2);
  });

  test('a bulk move fills the free seats and fails the accounts past them with seat_limit', async () => {
    const target = await newSite();
    const origin = await newSite();
    await contract(target.id, 2);
    await person(target.id);
    const ids = [await person(origin.id), await person(origin.id), await person(origin.id)];

    const { done, results } = await bulkMove(ids, target.id);
    assert.equal(done.status, 'completed');
    assert.deepEqual([done.counts.succeeded, done.counts.failed], [1, 2]);
    const failed = results.filter((r) => r.outcome === 'failed');
    assert.deepEqual(
      failed.map((r) => r.reason),
      ['seat_limit', 'seat_limit'],
    );
    assert.match(failed[0]?.message ?? '', /has no free seat: 2 of its 2 seats are taken/);
    for (const r of failed) assert.equal(await orgOf(r.accountId), origin.id, 'a refused account stays where it was');
    assert.equal(await used(target.id), 2);
  });

  test('undoing a bulk move does not push an account back into a contract filled since', async () => {
    const home = await newSite();
    const away = await newSite();
    const mover = await person(home.id);
    const { id } = await bulkMove([mover], away.id);
    await contract(home.id, 1);
    await person(home.id);

    const undo = await ctx().call('POST', `/api/bulk-actions/${id}/undo`, { as: countyAdmin });
    assert.equal(undo.statusCode, 202, undo.body);
    await ctx().drainJobs();
    const results = (await ctx().call('GET', `/api/bulk-actions/${id}/results`, { as: countyAdmin })).json().items;
    assert.equal(results[0].undo.done, false);
    assert.equal(results[0].undo.reason, 'seat_limit');
    assert.equal(await orgOf(mover), away.id);
    assert.equal(await used(home.id), 1);
  });
});
