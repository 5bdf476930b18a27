import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { educatorCatalog } from '../support/catalogs.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';
import { chooseFile, header, runJobsInBackground } from './imports-support.ts';

/** Importing Site Admins: `Role` is the ninth column of the accounts template. */
const siteAdminRow = (first: string, email: string) => [email, 'Vega', first, email, 'Active', '', '', '', 'Site Admin', '', ''].join(',');

describeInBrowser('console: a role limit in an import, confirmed with the tenant’s sentence', (env) => {
  runJobsInBackground(() => env().ctx);
  let district: OrgRef;
  let lincoln: OrgRef;
  const sentence = 'I have reviewed the district’s agreement and entered the information as described.';

  before(async () => {
    const { ctx } = env();
    // A district is the tenant here: its administrator runs the catalog and the imports.
    district = await createOrg(ctx, 'Lincoln Unified', undefined, 'district');
    lincoln = await createOrg(ctx, 'Lincoln High', district, 'site');
    const tenantAdmin = await signedInAdmin(ctx, district);
    await educatorCatalog(ctx, tenantAdmin.session);
    await ctx.call('PATCH', '/api/roles/site_admin', { as: tenantAdmin.session, body: { perOrgLimit: null } });
  });

  test('the district admin limits Site Admin to 2 per school; in an import of three, the third fails role_limit and the rest go in', async () => {
    const { ctx } = env();
    const admin = await signedInAdmin(ctx, district);
    // Set after the administrator exists: from now on, creating accounts and importing need the sentence confirmed.
    const saved = await ctx.call('PATCH', `/api/tenants/${district.id}/settings`, { as: admin.session, body: { attestation: sentence } });
    assert.equal(saved.statusCode, 200, saved.body);
    const page: Page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Edit Site Admin' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit Site Admin' });
    await drawer.getByRole('switch', { name: 'Limit how many people hold it at one organization' }).check({ force: true });
    await drawer.getByRole('textbox', { name: 'At most' }).fill('2');
    await drawer.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('cell', { name: 'At most 2 (refuse)' }).waitFor();

    await page.goto('/imports/new');
    await page.getByRole('combobox', { name: 'Organization' }).click();
    await page.getByRole('option', { name: /Lincoln High/ }).click();
    const file = [
      header,
      siteAdminRow('Ana', 'ana.vega@lincoln.example'),
      siteAdminRow('Bea', 'bea.vega@lincoln.example'),
      siteAdminRow('Cruz', 'cruz.vega@lincoln.example'),
    ].join('\r\n');
    await chooseFile(page, 'lincoln-site-admins.csv', `${file}\r\n`);
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    const counts = page.getByRole('list', { name: 'What the import will do' });
    await counts.getByRole('listitem').filter({ hasText: 'Create' }).getByText('2', { exact: true }).waitFor();
    await counts.getByRole('listitem').filter({ hasText: 'Fail' }).getByText('1', { exact: true }).waitFor();
    const third = page.getByRole('row').filter({ hasText: 'cruz.vega@lincoln.example' });
    await third.getByText('Role limit reached').waitFor();
    assert.match(await third.innerText(), /^4\s/, 'line 4 of the file, the third Site Admin');
    assert.match(await third.innerText(), /Lincoln High/, 'the message names the school');
    await assertAccessible(page, 'import preview with a role limit');
    await screenshot(page, '64-import-role-limit-preview');

    // The tenant asks for its sentence to be confirmed: the import starts only once the box is ticked.
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Import lincoln-site-admins.csv?' });
    const tick = confirm.getByRole('checkbox', { name: sentence });
    await tick.waitFor();
    const importNow = confirm.getByRole('button', { name: 'Import now' });
    assert.equal(await importNow.isDisabled(), true, 'nothing starts before the sentence is confirmed');
    await assertAccessible(page, 'import confirmation with the tenant’s sentence');
    await screenshot(page, '65-import-attestation');
    await tick.check();
    await importNow.click();
    await page.getByText(/^Import completed/).waitFor({ timeout: 20_000 });
    await page.getByText('2 created; 1 row failed.').waitFor();
    await page.getByRole('row').filter({ hasText: 'cruz.vega@lincoln.example' }).getByText('Role limit reached').waitFor();
    await screenshot(page, '66-import-role-limit-done');

    const held = await ctx.call('GET', `/api/accounts?orgId=${lincoln.id}&role=site_admin`, { as: ctx.root });
    assert.deepEqual((held.json().items as Array<{ email: string }>).map((a) => a.email).sort(), [
      'ana.vega@lincoln.example',
      'bea.vega@lincoln.example',
    ]);
    const audit = await ctx.call('GET', '/api/audit?action=import.committed', { as: ctx.root });
    assert.equal(audit.json().items[0].after.attested, sentence);
  });
});
