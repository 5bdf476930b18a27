import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { maxXlsxAccounts } from '../../src/common/schemas/bulk-actions.ts';
import { accountTotalCap } from '../../src/common/schemas/accounts.ts';
import { insertAccountsDirectly } from '../support/bulk-accounts.ts';
import { describeEachDatabase } from '../support/context.ts';
import { createOrg, signedInAdmin, uniqueSuffix, type OrgRef } from '../support/factories.ts';
import type { Session } from '../support/context.ts';

/**
 * An Excel export past 100,000 accounts is refused before the file starts (ExcelJS holds the workbook in
 * memory), with a 400 naming the limit and pointing to CSV; the same list as CSV streams. The accounts
 * are written in bulk with the service's derived columns (a hundred thousand through the API would take
 * minutes); every assertion goes through HTTP.
 */
describeEachDatabase('export limits and selections past the list’s cap', (ctx) => {
  let county: OrgRef;
  let admin: Session;
  const many = maxXlsxAccounts + 1;

  before(async () => {
    const tenant = await createOrg(ctx(), `Big Export State ${uniqueSuffix()}`);
    county = await createOrg(ctx(), 'Big Export County', tenant);
    admin = (await signedInAdmin(ctx(), county)).session;
    const people = Array.from({ length: many }, (_, i) => ({
      email: `big.${i}@big-export.example.org`,
      firstName: `Big${i}`,
      lastName: 'Exported',
    }));
    await insertAccountsDirectly(ctx().database.db, county, people);
  });

  test('an Excel export of more than 100,000 accounts is refused up front with the limit and CSV suggested', async () => {
    const response = await ctx().call('GET', `/api/accounts/export?format=xlsx&emailDomain=big-export.example.org`, { as: admin });
    assert.equal(response.statusCode, 400, response.body.slice(0, 300));
    assert.match(String(response.headers['content-type']), /application\/json/);
    const error = response.json().error;
    assert.equal(error.code, 'validation_failed');
    assert.match(error.message, /at most 100,000 accounts; this one has 100,001\. Choose CSV/);
  });

  test('“select all” past the list’s cap: the capped total is refused as selection_changed; count=exact gives the number to confirm', async () => {
    const list = (await ctx().call('GET', '/api/accounts?emailDomain=big-export.example.org&limit=1', { as: admin })).json();
    assert.deepEqual([list.total, list.totalCapped], [accountTotalCap, true]);
    const ask = (expectedCount: number) =>
      ctx().call('POST', '/api/bulk-actions', {
        as: admin,
        body: { action: 'export', filter: { emailDomain: 'big-export.example.org' }, expectedCount, confirm: true },
      });
    const capped = await ask(list.total);
    assert.equal(capped.statusCode, 409, capped.body);
    assert.equal(capped.json().error.code, 'selection_changed');
    assert.equal(capped.json().error.details.count, many);
    const exact = (await ctx().call('GET', '/api/accounts?emailDomain=big-export.example.org&limit=1&count=exact', { as: admin })).json();
    assert.deepEqual([exact.total, exact.totalCapped], [many, false]);
    const started = await ask(exact.total);
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.json().expectedCount, many);
  });

  test('the same list as CSV is written in full', async () => {
    const response = await ctx().call('GET', `/api/accounts/export?format=csv&emailDomain=big-export.example.org`, { as: admin });
    assert.equal(response.statusCode, 200);
    const lines = response.body.trimEnd().split('\r\n');
    assert.equal(lines.length, many + 1, 'the header and every account');
    assert.match(lines[1] ?? '', /^,Exported,Big0,big\.0@big-export\.example\.org,Active,/);
  });
});
