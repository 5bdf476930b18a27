import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

// Issue #12, finding 4: the edit form says, before saving, which roles a move to another organization removes.
describeInBrowser('console: moving an account', (env) => {
  let page: Page;
  let roosevelt: OrgRef;
  let lea: { id: string };

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'Move State');
    const county = await createOrg(ctx, 'Tulare County', state, 'county');
    const lincoln = await createOrg(ctx, 'Lincoln High', county, 'site');
    roosevelt = await createOrg(ctx, 'Roosevelt High', county, 'site');
    lea = await createAccount(ctx, { orgId: lincoln.id, firstName: 'Lea', lastName: 'Site', email: 'lea@lincoln.example', role: 'admin' });
    page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('choosing another site shows the role that will be removed, and saving removes it', async () => {
    await page.goto(`/accounts/${lea.id}/edit`);
    await page.getByRole('heading', { name: 'Edit Lea Site', level: 1 }).waitFor();
    assert.equal(await page.getByTestId('move-notice').count(), 0, 'no notice until another organization is chosen');
    await page.getByRole('combobox', { name: 'Organization', exact: true }).click();
    await page.getByRole('option', { name: 'Move State › Tulare County › Roosevelt High', exact: true }).click();
    const notice = page.getByTestId('move-notice');
    await notice.getByText('Administrator at Lincoln High will be removed.').waitFor();
    assert.match(await notice.innerText(), /Moving to Roosevelt High/);
    await assertAccessible(page, 'edit account form with a move notice');
    await screenshot(page, 'move-notice');
    await page.getByRole('button', { name: 'Save changes' }).click();
    // The edit page's own heading ("Edit Lea Site") would match a loose pattern before the save returns.
    await page.waitForURL((url) => url.pathname === `/accounts/${lea.id}`);
    await page.getByRole('heading', { name: /^Lea Site/, level: 1 }).waitFor();
    const saved = await env().ctx.call('GET', `/api/accounts/${lea.id}`, { as: env().ctx.root });
    assert.equal(saved.json().orgId, roosevelt.id);
    assert.deepEqual(saved.json().roles, []);
  });
});
