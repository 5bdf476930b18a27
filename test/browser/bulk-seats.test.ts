import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

// Issue #16: the accounts list filtered by affiliation and email domain, all matching selected, archived
// in bulk after a confirmation stating the count, then undone; a contract of 3 seats refusing the 4th.
describeInBrowser('console: bulk actions and seats', (env) => {
  let page: Page;
  let county: OrgRef;
  let site: OrgRef;

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'Bulk State');
    county = await createOrg(ctx, 'Partner County', state, 'county');
    site = await createOrg(ctx, 'Small Site', county, 'site');
    for (let i = 0; i < 30; i++) {
      await createAccount(ctx, {
        orgId: county.id,
        lastName: `Partner${String(i).padStart(2, '0')}`,
        affiliation: 'Community Partners',
        email: `cp${i}@partners.example`,
      });
    }
    // Same affiliation, another domain: the filter must leave these out.
    await createAccount(ctx, {
      orgId: county.id,
      lastName: 'Elsewhere',
      affiliation: 'Community Partners',
      email: 'other@elsewhere.example',
    });
    page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('filter, select all matching, archive with a confirmation that states the count, then undo', async () => {
    await page.goto('/accounts?affiliation=Community+Partners&emailDomain=partners.example');
    await page.getByText('30 accounts match').waitFor();
    await page.getByRole('checkbox', { name: 'Select every account on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected accounts' });
    await bar.getByText('25 accounts selected').waitFor();
    await bar.getByRole('button', { name: 'Select all 30 accounts matching' }).click();
    await bar.getByText('30 accounts selected').waitFor();
    await assertAccessible(page, 'accounts list with every match selected');
    await screenshot(page, 'bulk-select-all');

    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Archive 30 accounts?' });
    await dialog.getByText(/30 accounts will be archived/).waitFor();
    await dialog.getByText(/Every account matching the list’s search and filters is included/).waitFor();
    await assertAccessible(page, 'bulk archive confirmation');
    await screenshot(page, 'bulk-archive-confirm');
    await dialog.getByRole('button', { name: 'Archive 30 accounts' }).click();

    await page.getByRole('heading', { name: 'Archive: 30 accounts', level: 1 }).waitFor();
    await env().ctx.drainJobs();
    await page.getByText('Completed', { exact: true }).waitFor();
    const other = await env().ctx.call('GET', '/api/accounts?emailDomain=elsewhere.example', { as: env().ctx.root });
    assert.equal(other.json().items[0].status, 'invited', 'the account of another domain was not selected');
    await assertAccessible(page, 'bulk action result');
    await screenshot(page, 'bulk-archive-done');

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('dialog', { name: 'Undo this archive?' }).getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Being undone', { exact: true }).waitFor();
    await env().ctx.drainJobs();
    await page.getByText('Undone', { exact: true }).waitFor();
    const back = await env().ctx.call('GET', '/api/accounts?emailDomain=partners.example&status=archived', { as: env().ctx.root });
    assert.equal(back.json().total, 0, 'every account is back');
  });

  test('a contract of 3 seats, made in the form, refuses the 4th account; the chart and the badge show it', async () => {
    await page.goto(`/seats?orgId=${site.id}`);
    await page.getByRole('heading', { name: 'Seats', level: 1 }).waitFor();
    await page.getByText('No seat contract here').waitFor();
    await page.getByRole('button', { name: 'New contract' }).click();
    const drawer = page.getByRole('dialog', { name: 'New seat contract for Small Site' });
    await drawer.getByRole('textbox', { name: 'Seats', exact: true }).fill('3');
    await drawer.getByRole('button', { name: 'Save contract' }).click();
    await page.getByRole('heading', { name: /3 seats, / }).waitFor();
    await page.getByText('Seats 0 / 3').waitFor();
    await assertAccessible(page, 'seats page with a contract and its chart');

    for (let i = 0; i < 3; i++) await createAccount(env().ctx, { orgId: site.id, email: `seat${i}@small.example` });
    await page.goto('/accounts/new');
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    await field(page, 'First name').fill('Fourth');
    await field(page, 'Last name').fill('Person');
    await field(page, 'Email').fill('fourth@small.example');
    await choose(page, 'Organization', 'Bulk State › Partner County › Small Site');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByText(/Small Site has no free seat: 3 of its 3 seats are taken/)
      .first()
      .waitFor();
    await assertAccessible(page, 'add account refused for lack of seats');
    await screenshot(page, 'seat-limit-refusal');

    await page.goto(`/seats?orgId=${site.id}`);
    await page.getByText('Seats 3 / 3 (full)').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'seats-chart');
  });
});
