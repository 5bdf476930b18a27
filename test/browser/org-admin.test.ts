import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: an organization administrator', (env) => {
  let page: Page;
  let losAngeles: OrgRef;

  before(async () => {
    const { ctx } = env();
    const california = await createOrg(ctx, 'California');
    losAngeles = await createOrg(ctx, 'Los Angeles County', california, 'county');
    await createOrg(ctx, 'Hollywood Elementary', losAngeles, 'site');
    const fresno = await createOrg(ctx, 'Fresno County', california, 'county');
    await createAccount(ctx, { orgId: losAngeles.id, firstName: 'Maria', lastName: 'Garcia', email: 'maria.garcia@lacounty.example' });
    await createAccount(ctx, { orgId: fresno.id, firstName: 'Aiyana', lastName: 'Whitehorse', email: 'aiyana@fresno.example' });
    const admin = await signedInAdmin(ctx, losAngeles);
    await ctx.call('PATCH', `/api/accounts/${admin.account.id}`, { as: ctx.root, body: { firstName: 'Lena', lastName: 'Ortiz' } });

    page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('sees only the accounts of their subtree, and their own scope in the shell', async () => {
    const table = page.getByRole('table');
    await table.getByRole('link', { name: 'Maria Garcia' }).waitFor();
    await page.getByText('2 accounts in your organizations').waitFor();
    assert.equal(await table.getByRole('link', { name: 'Aiyana Whitehorse' }).count(), 0, 'Fresno is outside their reach');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByText('Lena Ortiz').waitFor();
    await nav.getByText('Administrator · Los Angeles County').waitFor();
    await screenshot(page, '20-org-admin-accounts');

    // Their organization filter offers only their subtree.
    await page.getByRole('combobox', { name: 'Organization', exact: true }).click();
    const options = await page.getByRole('option').allInnerTexts();
    assert.deepEqual(options.sort(), ['Los Angeles County', 'Los Angeles County › Hollywood Elementary']);
    await page.keyboard.press('Escape');
  });

  test('is told an email is taken elsewhere without seeing whose it is', async () => {
    await page.goto('/accounts/new');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('aiyana@fresno.example');
    const warning = page.getByTestId('duplicate-check');
    await warning.getByText('This email already has an account', { exact: true }).waitFor();
    await warning.getByText(/another organization/).waitFor();
    assert.equal(await warning.getByRole('link').count(), 0, 'no link to an account out of reach');
    assert.equal(await warning.getByText('Aiyana').count(), 0, 'no name of an account out of reach');
    // Their only organization is chosen for them, and clicking it again does not empty the field.
    const organization = page.getByRole('combobox', { name: 'Organization', exact: true });
    assert.equal(await organization.inputValue(), 'Los Angeles County');
    await organization.click();
    await page.getByRole('option', { name: 'Los Angeles County', exact: true }).click();
    assert.equal(await organization.inputValue(), 'Los Angeles County');
    await screenshot(page, '21-org-admin-duplicate-out-of-scope');
  });

  test('sees and edits only their part of the organization tree', async () => {
    await page.getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    const tree = page.getByRole('list', { name: 'Organization tree' });
    await tree.getByText('Los Angeles County').waitFor();
    await tree.getByText('Hollywood Elementary').waitFor();
    assert.equal(await tree.getByText('Fresno County').count(), 0);
    assert.equal(await tree.getByText('California').count(), 0);
    await assertAccessible(page, 'organizations page');

    await page.getByRole('button', { name: 'Add an organization under Los Angeles County' }).click();
    const create = page.getByRole('dialog', { name: 'Add an organization under Los Angeles County' });
    await create.getByRole('textbox', { name: 'Name', exact: true }).fill('Echo Park Preschool');
    await create.getByRole('combobox', { name: 'Kind' }).click();
    // The suggestions open upwards: they never cover Create and Cancel.
    const suggestions = page.getByRole('listbox');
    await suggestions.waitFor();
    const list = await suggestions.boundingBox();
    const createButton = await create.getByRole('button', { name: 'Create' }).boundingBox();
    assert.ok(list && createButton && list.y + list.height <= createButton.y, 'the suggestions end above the buttons');
    await create.getByRole('combobox', { name: 'Kind' }).fill('site');
    await page.keyboard.press('Escape');
    await assertAccessible(page, 'new organization dialog');
    await screenshot(page, '22-org-create-child');
    await create.getByRole('button', { name: 'Create' }).click();
    await tree.getByText('Echo Park Preschool').waitFor();

    await page.getByRole('button', { name: 'Rename Hollywood Elementary' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename Hollywood Elementary' });
    await rename.getByRole('textbox', { name: 'Name', exact: true }).fill('');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await rename.getByText('Enter a name.').waitFor();
    await rename.getByRole('textbox', { name: 'Name', exact: true }).fill('Hollywood Primary');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await tree.getByText('Hollywood Primary').waitFor();
    await rename.waitFor({ state: 'hidden' });
    await screenshot(page, '23-organizations');

    // Collapsing a branch hides its children; the keyboard reaches every control.
    await page.getByRole('button', { name: 'Collapse Los Angeles County' }).focus();
    await page.keyboard.press('Enter');
    await tree.getByText('Hollywood Primary').waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await tree.getByText('Hollywood Primary').waitFor();
  });

  test('reads the audit trail of their subtree only', async () => {
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('cell', { name: 'Organization renamed' }).first().waitFor();
    await assertAccessible(page, 'audit page for an organization administrator');
    await screenshot(page, '24-org-admin-audit');
    assert.equal(await page.getByText('aiyana@fresno.example').count(), 0);
  });
});
