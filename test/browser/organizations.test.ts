import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: organizations moved and removed', (env) => {
  test('a tenant administrator moves a school to another county, and removes an empty site but not a full one', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
    await createOrg(ctx, 'Delaware County', ohio, 'county');
    const lincoln = await createOrg(ctx, 'Lincoln High', franklin, 'school');
    await createOrg(ctx, 'Old Annex', franklin, 'site');
    await createAccount(ctx, { orgId: lincoln.id, firstName: 'Ada', lastName: 'Stone', password: 'Temporary-pass-2024' });
    const admin = await signedInAdmin(ctx, ohio);
    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Organizations' }).click();
    await page.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    await page.getByText('5 organizations').waitFor();

    await page.getByRole('button', { name: 'Move Lincoln High', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Move Lincoln High' });
    await dialog.getByRole('combobox', { name: 'New parent' }).click();
    assert.equal(await page.getByRole('option', { name: 'Ohio › Franklin County', exact: true }).count(), 0, 'not where it already is');
    await page.getByRole('option', { name: 'Ohio › Delaware County', exact: true }).click();
    await assertAccessible(page, 'move dialog');
    await screenshot(page, '97-org-move');
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    const note = page.getByText('Lincoln High is now under Delaware County.');
    await note.waitFor();
    // Messages stack at the bottom right, clear of the page header's buttons.
    const box = await note.boundingBox();
    assert.ok(box && box.y > 450 && box.x > 683, `the message sits at the bottom right (${JSON.stringify(box)})`);
    // The tree shows the school inside Delaware County now.
    const delaware = page.getByRole('listitem').filter({ has: page.getByText('Delaware County', { exact: true }) });
    await delaware.getByText('Lincoln High').waitFor();

    await page.getByRole('button', { name: 'Remove Lincoln High' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText(/Lincoln High is not empty: it still has 1 account/).waitFor();

    await page.getByRole('button', { name: 'Remove Old Annex' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
    await page.getByText('4 organizations').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Rename Old Annex' }).count(), 0, 'gone from the tree');
    await assertAccessible(page, 'organizations after the changes');
    await page.context().close();
  });
});
