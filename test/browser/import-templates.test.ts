import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';
import { chooseFile, runJobsInBackground } from './imports-support.ts';

/** Picks an option of a Mantine select by its label: open it, then choose. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeInBrowser('console: import templates', (env) => {
  runJobsInBackground(() => env().ctx);
  let page: Page;
  let tenant: OrgRef;
  let county: OrgRef;

  before(async () => {
    const { ctx } = env();
    tenant = await createOrg(ctx, 'Partner State');
    county = await createOrg(ctx, 'Fresno County', tenant, 'county');
    const admin = await signedInAdmin(ctx, tenant);
    page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password as string);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('an administrator builds a strict template column by column, checks a pasted file against it, and imports with it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Import templates' });
    await section.getByRole('heading', { name: 'Accounts', level: 3 }).waitFor();
    await assertAccessible(page, 'settings with import templates');
    await section.getByRole('link', { name: 'New template' }).click();
    await page.getByRole('heading', { name: 'New import template', level: 1 }).waitFor();

    await page.getByRole('textbox', { name: 'Key' }).fill('partners');
    await page.getByRole('textbox', { name: 'Name' }).fill('Partners');
    // Column 1 starts as a required Email column; add Last Name, First Name and Affiliation.
    for (const [n, header, fills] of [
      [2, 'Last Name', 'Last name'],
      [3, 'First Name', 'First name'],
      [4, 'Affiliation', 'Affiliation'],
    ] as const) {
      await page.getByRole('button', { name: 'Add a column' }).click();
      await page.getByRole('textbox', { name: `Header of column ${n}` }).fill(header);
      await choose(page, `What column ${n} fills`, fills);
    }
    await page.getByRole('checkbox', { name: 'Column 2 is required' }).check();
    await page.getByRole('textbox', { name: 'Allowed values for column 4, separated by commas' }).fill('California Community Partners');
    await page.getByRole('textbox', { name: 'Default for column 4' }).fill('California Community Partners');
    // Last Name goes first, as the partners' spreadsheet has it.
    await page.getByRole('button', { name: 'Move column 2 (Last Name) up' }).click();
    assert.equal(await page.getByRole('textbox', { name: 'Header of column 1' }).inputValue(), 'Last Name');
    await page.getByRole('switch', { name: 'Strict header' }).check();
    assert.equal(await page.getByRole('checkbox', { name: 'Create and update' }).isChecked(), true, 'every mode is allowed at first');
    await page.getByRole('checkbox', { name: 'Update only' }).uncheck();

    // The live check reads a pasted file with the template as it stands, before saving.
    const pasted = page.getByRole('textbox', { name: 'First lines of a file' });
    await pasted.fill('Last Name,Email,First Name,Affiliation,Notes\nLee,al.lee@partners.example,Al,california  community partners,called');
    const readings = page.getByRole('table', { name: 'How each column is read' });
    await readings.getByRole('row').filter({ hasText: 'Affiliation' }).getByText('Stored as California Community Partners').waitFor();
    await page.getByText('"Notes" is not one of this strict template\'s columns.', { exact: false }).waitFor();
    await assertAccessible(page, 'import template editor with live check');
    await screenshot(page, '90-import-template-editor');
    await pasted.fill('Last Name,Email,First Name,Affiliation\nLee,al.lee@partners.example,Al,california  community partners');
    await page.getByText('The header fits this template.').waitFor();

    await page.getByRole('button', { name: 'Create template' }).click();
    await page.getByRole('heading', { name: 'Partners', level: 1 }).waitFor();
    const stored = (await env().ctx.call('GET', `/api/import-templates/partners?orgId=${tenant.id}`, { as: env().ctx.root })).json();
    assert.equal(stored.headerMode, 'strict');
    assert.deepEqual(stored.modes, ['create', 'upsert']);
    assert.deepEqual(
      stored.columns.map((c: { name: string; field: string }) => `${c.name}:${c.field}`),
      ['Last Name:lastName', 'Email:email', 'First Name:firstName', 'Affiliation:affiliation'],
    );

    // Import with it: the wizard offers the new template and the preview shows the list's spelling at work.
    await page.goto('/imports/new');
    await page.getByRole('heading', { name: 'New import', level: 1 }).waitFor();
    await choose(page, 'Organization', 'Partner State › Fresno County');
    await choose(page, 'Template', 'Partners');
    await page.getByText('The first line must list these columns exactly, in this order.', { exact: false }).waitFor();
    const workbook = await page.getByRole('link', { name: 'Excel workbook' }).getAttribute('href');
    assert.match(workbook ?? '', /^\/api\/import-templates\/partners\/template\.xlsx\?orgId=/);
    assert.equal(await page.getByRole('radio', { name: /Update only/ }).isDisabled(), true, 'the template does not allow updates only');
    await chooseFile(
      page,
      'partners.csv',
      'Last Name,Email,First Name,Affiliation\r\nLee,al.lee@partners.example,Al,california  community partners\r\nPark,jo.park@partners.example,Jo,\r\n',
    );
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Import now' }).click();
    await page.getByText(/^Import completed/).waitFor({ timeout: 20_000 });
    await assertAccessible(page, 'import completed with a tenant template');

    const found = (await env().ctx.call('GET', `/api/accounts?orgId=${county.id}`, { as: env().ctx.root })).json().items;
    assert.deepEqual(found.map((a: { email: string; affiliation: string }) => `${a.email}:${a.affiliation}`).sort(), [
      'al.lee@partners.example:California Community Partners',
      'jo.park@partners.example:California Community Partners',
    ]);
  });
});
