import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createOrg, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';
import { chooseFile, csv, runJobsInBackground, type Person } from './imports-support.ts';

const people: Person[] = ['Ana', 'Ben', 'Cruz', 'Dana'].map((first) => ({
  first,
  last: 'Seated',
  email: `${first.toLowerCase()}.seated@seats.example`,
}));

// Issue #16: a contract of 3 seats and an import of 4 new accounts: the first three go in, the 4th row
// fails with "No seats left" in the import's log, naming the full organization; nothing else is refused.
describeInBrowser('console: a seat contract in an import', (env) => {
  runJobsInBackground(() => env().ctx);
  let site: OrgRef;

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'Seat State');
    const county = await createOrg(ctx, 'Seat County', state, 'county');
    site = await createOrg(ctx, 'Three Seat Site', county, 'site');
    const contract = await ctx.call('POST', '/api/seat-contracts', {
      as: ctx.root,
      body: { orgId: site.id, seats: 3, startsOn: '2026-01-01', endsOn: '2099-12-31', warnAt: 90, mode: 'block' },
    });
    assert.equal(contract.statusCode, 201, contract.body);
  });

  test('an import of 4 new accounts into 3 seats: the 4th row fails seat_limit and the log says so', async () => {
    const { ctx } = env();
    const page: Page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.goto('/imports/new');
    await page.getByRole('combobox', { name: 'Organization' }).click();
    await page.getByRole('option', { name: /Three Seat Site/ }).click();
    await chooseFile(page, 'four-people.csv', csv(people));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog', { name: 'Import four-people.csv?' }).getByRole('button', { name: 'Import now' }).click();
    await page.getByText(/^Import completed .*, but 1 of 4 rows failed$/).waitFor({ timeout: 20_000 });
    await page.getByText('3 created; 1 row failed.').waitFor();
    await screenshot(page, 'import-seat-limit-done');
    const fourth = page.getByRole('row').filter({ hasText: 'dana.seated@seats.example' }).filter({ hasText: 'No seats left' });
    await fourth.waitFor();
    assert.match(await fourth.innerText(), /^5\s/, 'line 5 of the file, the fourth person');
    assert.match(await fourth.innerText(), /Three Seat Site has no free seat: 3 of its 3 seats are taken/);
    await assertAccessible(page, 'import log with a row refused for lack of seats');

    const seats = (await ctx.call('GET', `/api/seats?orgId=${site.id}`, { as: ctx.root })).json();
    assert.deepEqual([seats.used, seats.free], [3, 0]);
  });
});
