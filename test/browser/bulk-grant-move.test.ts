import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { accountTotalCap } from '../../src/common/schemas/accounts.ts';
import { insertAccountsDirectly } from '../support/bulk-accounts.ts';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/** Picks an option of a select inside `within` (the list beside the dialog has selects of the same name). */
async function choose(page: Page, within: Locator, label: string, option: string): Promise<void> {
  await within.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

// Issue #16: give a role and move from the accounts list's action bar (a dialog for the role and the
// organization, a confirmation stating the count and the effect, the result with failures, undo), and
// "select all N matching" past the list's cap, counted exactly before anything is confirmed.
describeInBrowser('console: bulk grant, move and select all past the cap', (env) => {
  let page: Page;
  let county: OrgRef;
  let full: OrgRef;

  const selectPage = async (url: string, total: string) => {
    await page.goto(url);
    await page.getByText(total).waitFor();
    await page.getByRole('checkbox', { name: 'Select every account on this page' }).check();
    return page.getByRole('region', { name: 'Selected accounts' });
  };
  const accountsOf = async (domain: string) =>
    (await env().ctx.call('GET', `/api/accounts?emailDomain=${domain}&limit=100`, { as: env().ctx.root })).json().items as {
      orgId: string;
      roles: { key: string; orgId: string }[];
    }[];

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'Grant State');
    county = await createOrg(ctx, 'Grant County', state, 'county');
    full = await createOrg(ctx, 'Full Site', county, 'site');
    for (let i = 0; i < 4; i++) await createAccount(ctx, { orgId: county.id, lastName: `Granted${i}`, email: `g${i}@grant.example` });
    for (let i = 0; i < 3; i++) await createAccount(ctx, { orgId: county.id, lastName: `Mover${i}`, email: `m${i}@move.example` });
    const contract = await ctx.call('POST', '/api/seat-contracts', {
      as: ctx.root,
      body: { orgId: full.id, seats: 2, startsOn: '2026-01-01', endsOn: '2099-12-31', warnAt: 90, mode: 'block' },
    });
    assert.equal(contract.statusCode, 201, contract.body);
    page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('give a role to the selected accounts at an organization, see the result, then undo it', async () => {
    const bar = await selectPage('/accounts?emailDomain=grant.example', '4 accounts match');
    await bar.getByText('4 accounts selected').waitFor();
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Give a role…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Give a role 4 accounts?' });
    assert.equal(await dialog.getByRole('button', { name: 'Give a role 4 accounts' }).isDisabled(), true, 'nothing to confirm yet');
    await choose(page, dialog, 'Where the role is held', 'Grant State › Grant County');
    await choose(page, dialog, 'Role', 'Learner');
    await dialog.getByText(/4 accounts will be given the role Learner at Grant State › Grant County/).waitFor();
    await assertAccessible(page, 'bulk grant dialog');
    await screenshot(page, 'bulk-grant-confirm');
    await dialog.getByRole('button', { name: 'Give a role 4 accounts' }).click();

    await page.getByRole('heading', { name: 'Give a role: 4 accounts', level: 1 }).waitFor();
    await page.getByText(/Role learner at Grant County/).waitFor();
    await env().ctx.drainJobs();
    await page.getByText('Completed', { exact: true }).waitFor();
    for (const a of await accountsOf('grant.example')) {
      assert.ok(
        a.roles.some((r) => r.key === 'learner' && r.orgId === county.id),
        'each account holds the role at the county',
      );
    }
    await assertAccessible(page, 'bulk grant result');

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('dialog', { name: 'Undo this grant?' }).getByRole('button', { name: 'Undo' }).click();
    await env().ctx.drainJobs();
    await page.getByText('Undone', { exact: true }).waitFor();
    for (const a of await accountsOf('grant.example')) {
      assert.ok(!a.roles.some((r) => r.key === 'learner' && r.orgId === county.id), 'the grant is taken back');
    }
  });

  test('move the selected accounts into a site with two free seats: two move, the third fails for its seat; undo', async () => {
    const bar = await selectPage('/accounts?emailDomain=move.example', '3 accounts match');
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Move…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move 3 accounts?' });
    await choose(page, dialog, 'Move to', 'Grant State › Grant County › Full Site');
    await dialog.getByText(/3 accounts will be moved to Grant State › Grant County › Full Site; roles they hold outside it/).waitFor();
    await assertAccessible(page, 'bulk move dialog');
    await screenshot(page, 'bulk-move-confirm');
    await dialog.getByRole('button', { name: 'Move 3 accounts' }).click();

    await page.getByRole('heading', { name: 'Move: 3 accounts', level: 1 }).waitFor();
    await env().ctx.drainJobs();
    await page.getByText('Completed', { exact: true }).waitFor();
    const failures = page.getByRole('table');
    await failures.getByText(/Full Site has no free seat: 2 of its 2 seats are taken/).waitFor();
    assert.equal(await failures.getByRole('row').count(), 2, 'a header and one failed account');
    assert.deepEqual((await accountsOf('move.example')).map((a) => a.orgId).sort(), [county.id, full.id, full.id].sort());
    await assertAccessible(page, 'bulk move result with a seat failure');
    await screenshot(page, 'bulk-move-result');

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('dialog', { name: 'Undo this move?' }).getByRole('button', { name: 'Undo' }).click();
    await env().ctx.drainJobs();
    await page.getByText('Undone', { exact: true }).waitFor();
    assert.deepEqual(
      (await accountsOf('move.example')).map((a) => a.orgId),
      [county.id, county.id, county.id],
    );
  });

  test('past the cap, "select all" counts every match exactly and the confirmation states that number', async () => {
    const many = accountTotalCap + 5;
    const manyText = many.toLocaleString('en-US');
    // A thousand accounts through the API would take a while: written in bulk with the service's derived columns.
    const people = Array.from({ length: many }, (_, i) => ({
      email: `capped.${i}@capped.example`,
      firstName: `Cap${i}`,
      lastName: 'Capped',
    }));
    await insertAccountsDirectly(env().ctx.database.db, county, people);

    const bar = await selectPage('/accounts?emailDomain=capped.example', '1,000+ accounts match');
    await bar.getByRole('button', { name: 'Select all 1,000+ accounts matching' }).click();
    await bar.getByText(`${manyText} accounts selected`).waitFor();
    await assertAccessible(page, 'every match selected past the cap');
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: `Export ${manyText} accounts?` });
    await dialog.getByText(new RegExp(`${manyText} accounts will be written`)).waitFor();
    await screenshot(page, 'bulk-select-all-past-cap');
    await dialog.getByRole('button', { name: `Export ${manyText} accounts` }).click();
    await page.getByRole('heading', { name: `Export: ${manyText} accounts`, level: 1 }).waitFor();
    await env().ctx.drainJobs();
    await page.getByText('Completed', { exact: true }).waitFor();
  });

  test('past the cap, "Count all" counts every match, and the last page and "Enroll all" come back', async () => {
    const many = accountTotalCap + 3;
    const manyText = many.toLocaleString('en-US');
    const people = Array.from({ length: many }, (_, i) => ({
      email: `counted.${String(i).padStart(4, '0')}@counted.example`,
      firstName: `Count${i}`,
      lastName: 'Counted',
    }));
    await insertAccountsDirectly(env().ctx.database.db, county, people);

    await page.goto('/accounts?emailDomain=counted.example');
    await page.getByText('1,000+ accounts match').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Last', exact: true }).count(), 0, 'no last row to count from');
    await page.getByRole('button', { name: 'Count all' }).click();
    await page.getByText(`${manyText} accounts match`).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Count all' }).count(), 0, 'the count is exact now');
    await page.getByRole('button', { name: `Enroll all ${manyText} matching` }).waitFor();
    await assertAccessible(page, 'every match counted');
    await page.getByRole('button', { name: 'Last', exact: true }).click();
    await page.getByText(`Showing ${(many - 24).toLocaleString('en-US')}–${manyText} of ${manyText}`).waitFor();
  });
});
