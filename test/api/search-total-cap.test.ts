import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { accountTotalCap } from '../../src/common/schemas/accounts.ts';
import { insertAccountsDirectly } from '../support/bulk-accounts.ts';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg, type OrgRef } from '../support/factories.ts';

/**
 * More matches than the cap: the search stops counting and says "1,000+" (`totalCapped`) unless asked
 * for `count=exact`. Ten thousand accounts through the API would take minutes, so they are written in
 * bulk with the same derived columns the service computes; every assertion goes through HTTP.
 */
describeEachDatabase('account search total past the cap', (ctx) => {
  let county: OrgRef;
  const many = accountTotalCap + 5;

  before(async () => {
    const state = await createOrg(ctx(), 'Cap State');
    county = await createOrg(ctx(), 'Cap County', state);
    const people = Array.from({ length: many }, (_, i) => ({
      email: `capped.${i}@capped.example.org`,
      firstName: `Cap${i}`,
      lastName: i % 2 === 0 ? 'Cappington' : 'Capstone',
    }));
    await insertAccountsDirectly(ctx().database.db, county, people);
  });

  const search = async (query: string) => {
    const response = await ctx().call('GET', `/api/accounts?orgId=${county.id}&${query}`, { as: ctx().root });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { items: unknown[]; total: number; totalCapped: boolean };
  };

  test('a filter matching more than the cap answers the cap and says it stopped counting', async () => {
    const page = await search('status=active');
    assert.equal(page.total, accountTotalCap);
    assert.equal(page.totalCapped, true);
    assert.equal(page.items.length, 50);
  });

  test('a text search past the cap is capped too; a narrower one is exact', async () => {
    const broad = await search('q=cap');
    assert.deepEqual([broad.total, broad.totalCapped], [accountTotalCap, true]);
    const narrow = await search('q=capstone');
    assert.deepEqual([narrow.total, narrow.totalCapped], [Math.floor(many / 2), false]);
  });

  test('count=exact counts every match', async () => {
    const page = await search('status=active&count=exact');
    assert.deepEqual([page.total, page.totalCapped], [many, false]);
    const text = await search('q=cap&count=exact');
    assert.deepEqual([text.total, text.totalCapped], [many, false]);
  });
});
