import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/** A text field by its accessible name (the label, without the required-field asterisk). */
const field = (page: Page, label: string) => page.getByRole('textbox', { name: label, exact: true });

/** Picks an option of a Mantine select by its label: open it, then choose. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeInBrowser('console: accounts', (env) => {
  let page: Page;
  let california: OrgRef;
  let losAngeles: OrgRef;
  let maria: { id: string; email: string };

  before(async () => {
    const { ctx } = env();
    california = await createOrg(ctx, 'California');
    losAngeles = await createOrg(ctx, 'Los Angeles County', california, 'county');
    const fresno = await createOrg(ctx, 'Fresno County', california, 'county');
    maria = await createAccount(ctx, {
      orgId: losAngeles.id,
      firstName: 'Maria',
      lastName: 'Garcia',
      email: 'maria.garcia@lacounty.example',
      affiliation: 'Head Start',
      employeeType: 'Teacher',
      password: 'Temporary-pass-2024',
    });
    await createAccount(ctx, {
      orgId: losAngeles.id,
      firstName: 'James',
      lastName: 'Nguyen',
      email: 'james.nguyen@lacounty.example',
      role: 'admin',
      employeeType: 'Director',
    });
    await createAccount(ctx, {
      orgId: fresno.id,
      firstName: 'Aiyana',
      lastName: 'Whitehorse',
      email: 'aiyana@fresno.example',
      affiliation: 'Early Head Start',
    });
    const archived = await createAccount(ctx, {
      orgId: fresno.id,
      firstName: 'Dmitri',
      lastName: 'Volkov',
      email: 'dmitri@fresno.example',
      password: 'Temporary-pass-2024',
    });
    await ctx.call('POST', `/api/accounts/${archived.id}/archive`, { as: ctx.root });
    for (let i = 1; i <= 30; i++)
      await createAccount(ctx, {
        orgId: fresno.id,
        firstName: 'Learner',
        lastName: `Number${String(i).padStart(2, '0')}`,
        email: `learner${i}@fresno.example`,
      });

    page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('the list shows the total, pages by cursor, searches, filters from the address and sorts', async () => {
    await page.getByText('35 accounts in your organizations').waitFor();
    const table = page.getByRole('table');
    await table.getByRole('link', { name: 'Maria Garcia' }).waitFor();
    for (const header of ['Name', 'Email', 'Organization', 'Status', 'Roles', 'Last activity'])
      await table.getByRole('columnheader', { name: header }).first().waitFor();
    await page.getByText('Showing 1–25 of 35').waitFor();
    await assertAccessible(page, 'accounts list');
    await screenshot(page, '10-accounts-list');

    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Showing 26–35 of 35').waitFor();
    assert.match(page.url(), /cursor=/);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Showing 1–25 of 35').waitFor();
    // Last: the final 25 rows in the list's own order, then back towards the start, and First again.
    // The answer is held back a moment, so the first page stays on screen while the last one loads: it must stay
    // as it was (same order, same count), never the first page turned round and counted as the last.
    const slowSearch = '**/api/accounts?*';
    await page.route(slowSearch, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Last', exact: true }).click();
    await page.waitForTimeout(150);
    await page.getByText('Showing 1–25 of 35').waitFor();
    const rows = table.getByRole('row');
    assert.match((await rows.nth(1).textContent()) ?? '', /Administrator|Garcia/, 'while loading, the first page in its own order');
    await page.getByText('Showing 11–35 of 35').waitFor();
    await page.unroute(slowSearch);
    assert.match((await rows.last().textContent()) ?? '', /Whitehorse/, 'the last row of the list, in name order');
    assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Previous' }).click();
    await page.getByText('Showing 1–10 of 35').waitFor();
    await page.getByRole('button', { name: 'First', exact: true }).click();
    await page.getByText('Showing 1–25 of 35').waitFor();

    await page.getByRole('searchbox', { name: 'Search accounts' }).fill('garc');
    await page.waitForURL(/q=garc/);
    await page.getByText('1 account match').waitFor();
    await table.getByRole('link', { name: 'Maria Garcia' }).waitFor();
    assert.equal(await table.getByRole('row').count(), 2, 'a header row and one account');
    await screenshot(page, '11-accounts-search');

    // A bookmarked view: archived accounts of the Fresno subtree, sorted by email, newest last.
    await page.goto('/accounts?status=archived&sort=email');
    await table.getByRole('link', { name: 'Dmitri Volkov' }).waitFor();
    await page.getByText('1 account match').waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Search accounts' }).inputValue(), '');
    await page.getByRole('columnheader', { name: /Email/ }).getByRole('button').click();
    await page.waitForURL(/direction=desc/);
    await page.locator('th[aria-sort="descending"]', { hasText: 'Email' }).waitFor();

    await page.goto('/accounts?q=nobody-is-called-this');
    await page.getByText('No accounts match').waitFor();
    await screenshot(page, '12-accounts-empty');
    await page.getByRole('button', { name: 'Clear search and filters' }).first().click();
    await page.getByText('35 accounts in your organizations').waitFor();
  });

  test('adding an account warns about the same email and a likely same person, shows API field errors, then creates it', async () => {
    await page.goto('/accounts');
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    for (const label of ['First name', 'Last name', 'Email', 'Affiliation', 'Employee type', 'Date of hire', 'Temporary password'])
      await field(page, label).waitFor();
    for (const label of ['Training manager', 'Supervisor']) await page.getByRole('checkbox', { name: label, exact: true }).waitFor();
    for (const label of ['Organization', 'Role']) await page.getByRole('combobox', { name: label, exact: true }).waitFor();

    await field(page, 'First name').fill('Mariah');
    await field(page, 'Last name').fill('Garcia');
    await field(page, 'Email').fill('MARIA.GARCIA@lacounty.example ');
    const exact = page.getByRole('alert').filter({ hasText: 'This email already has an account' });
    const warning = page.getByTestId('duplicate-check');
    await warning.getByText('This email already has an account', { exact: true }).waitFor();
    await warning.getByRole('link', { name: /Open Maria Garcia/ }).waitFor();
    assert.equal(await exact.count(), 0, 'the duplicate notice is advice, not an error alert');
    await assertAccessible(page, 'add account form with a duplicate warning');
    await screenshot(page, '13-add-account-duplicate-email');

    // Saving anyway: the API refuses, and says so next to the Email field.
    await choose(page, 'Organization', 'California › Los Angeles County');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page
      .getByText(/already/i)
      .filter({ hasNot: page.getByRole('link') })
      .first()
      .waitFor();
    const emailError = await field(page, 'Email').getAttribute('aria-invalid');
    assert.equal(emailError, 'true', 'the Email field is marked invalid');

    // A new email, same name: a likely same person.
    await field(page, 'Email').fill('mgarcia@newschool.example');
    await warning.getByText('This may be someone who already has an account', { exact: true }).waitFor();
    await warning.getByRole('link', { name: /Open Maria Garcia/ }).waitFor();
    await screenshot(page, '14-add-account-likely-same-person');

    await choose(page, 'Role', 'Learner');
    await field(page, 'Affiliation').fill('Head Start');
    await field(page, 'Employee type').fill('Aide');
    await field(page, 'Date of hire').fill('2024-08-19');
    await page.getByRole('checkbox', { name: 'Supervisor', exact: true }).check();
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByRole('heading', { name: /Mariah Garcia/, level: 1 }).waitFor();
    const created = page.getByRole('alert').filter({ hasText: 'Account created' });
    // Without SMTP the activation email is held, and the notification says so rather than "on its way".
    await created
      .getByText(
        /An activation link for mgarcia@newschool.example was made\. No SMTP server is configured, so the email is not sent: it is held on the Mail page\./,
      )
      .waitFor();
    const details = page.getByRole('heading', { name: 'Details' }).locator('..');
    await details.getByText('Aug 19, 2024').waitFor();
    await details.getByText('California › Los Angeles County').waitFor();
    await page.getByText('Invited', { exact: true }).first().waitFor();
  });

  test('a county administrator who adds an invited account is told the email is held on the Mail page, which they can open', async () => {
    const admin = await signedInAdmin(env().ctx, losAngeles);
    const other = await env().newPage();
    await signIn(other, admin.account.email, admin.account.password ?? '');
    await other.getByRole('link', { name: 'Add account' }).click();
    await field(other, 'First name').fill('Tomas');
    await field(other, 'Last name').fill('Reyes');
    await field(other, 'Email').fill('tomas.reyes@lacounty.example');
    await other.getByRole('button', { name: 'Create account' }).click();
    const created = other.getByRole('alert').filter({ hasText: 'Account created' });
    await created.getByText(/the email is not sent: it is held on the Mail page\./).waitFor();
    await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await other.getByRole('row').filter({ hasText: 'tomas.reyes@lacounty.example' }).waitFor();
    await other.close();
  });

  test('an account can be edited, and the change appears in its history with before and after', async () => {
    await page.goto(`/accounts/${maria.id}`);
    await page.getByRole('heading', { name: /Maria Garcia/, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await assertAccessible(page, 'account profile');
    await screenshot(page, '15-account-profile');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit Maria Garcia', level: 1 }).waitFor();
    assert.equal(await field(page, 'Employee type').inputValue(), 'Teacher');
    await field(page, 'Last name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Enter a name.').waitFor();
    await field(page, 'Last name').fill('Garcia-Lopez');
    await field(page, 'Employee type').fill('Lead Teacher');
    // Every field the profile shows can be changed here.
    await field(page, 'Job title').fill('Head of Science');
    await field(page, 'Department').fill('Science');
    await field(page, 'External id').fill('LA-4471');
    await page.getByLabel('Date of transfer').fill('2026-09-01');
    await page.getByRole('checkbox', { name: 'Training manager', exact: true }).check();
    await assertAccessible(page, 'edit account form');
    await screenshot(page, '16-edit-account');
    await page.getByRole('button', { name: 'Save changes' }).click();

    await page.getByRole('heading', { name: /Maria Garcia-Lopez/, level: 1 }).waitFor();
    const details = page.getByRole('heading', { name: 'Details' }).locator('..');
    await details.getByText('Lead Teacher').waitFor();
    await details.getByText('Head of Science').waitFor();
    await details.getByText('Science', { exact: true }).waitFor();
    await details.getByText('LA-4471').waitFor();
    await details.getByText('Sep 1, 2026').waitFor();
    const history = page.getByRole('heading', { name: 'History' }).locator('..');
    await history.getByText('Account updated').waitFor();
    await history
      .getByRole('button', { name: /Show changes of Account updated/ })
      .first()
      .click();
    await history.getByRole('cell', { name: 'Teacher', exact: true }).waitFor();
    await history.getByRole('cell', { name: 'Lead Teacher', exact: true }).waitFor();
    await screenshot(page, '17-account-history');
  });

  test('archiving and reactivating ask for confirmation and change the status', async () => {
    await page.goto(`/accounts/${maria.id}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: /Archive Maria Garcia-Lopez/ });
    await dialog.waitFor();
    await assertAccessible(page, 'archive confirmation');
    await screenshot(page, '18-archive-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { level: 1 }).getByText('Active').waitFor();

    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('heading', { level: 1 }).getByText('Archived').waitFor();
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await page
      .getByRole('dialog', { name: /Reactivate/ })
      .getByRole('button', { name: 'Reactivate' })
      .click();
    await page.getByRole('heading', { level: 1 }).getByText('Active').waitFor();
    const history = page.getByRole('heading', { name: 'History' }).locator('..');
    await history.getByText('Account archived').waitFor();
    await history.getByText('Account reactivated').waitFor();
  });

  test('the audit page lists events from the console with their changes, filtered from the address', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Account reactivated' }).first().waitFor();
    await assertAccessible(page, 'audit page');
    await page
      .getByRole('button', { name: /Show changes of Account updated/ })
      .first()
      .click();
    await page.getByRole('cell', { name: 'Lead Teacher', exact: true }).waitFor();
    await screenshot(page, '19-audit');

    await page.goto('/audit?action=account.archived');
    await page.getByRole('cell', { name: 'Account archived' }).first().waitFor();
    assert.equal(await page.getByRole('cell', { name: 'Account updated' }).count(), 0);
    await page.getByRole('cell', { name: 'Console' }).first().waitFor();
    void losAngeles;
  });
});
