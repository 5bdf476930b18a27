import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: Settings → SCIM tokens', (env) => {
  let page: Page;
  let county: OrgRef;

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'Sierra State');
    county = await createOrg(ctx, 'Sierra County', state);
    const admin = await signedInAdmin(ctx, county);
    page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password as string);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('a county administrator creates a SCIM token, copies it once, the provider uses it, then the token is revoked', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SCIM' }).click();
    await page.getByRole('heading', { name: 'SCIM', level: 1 }).waitFor();
    await page.getByText('No SCIM tokens yet').waitFor();
    await assertAccessible(page, 'SCIM page, empty');

    await page.getByRole('textbox', { name: 'Name' }).fill('Entra ID');
    await page.getByRole('combobox', { name: 'New users land in' }).click();
    await page.getByRole('option', { name: 'Sierra County', exact: true }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('scim-secret').textContent())?.trim() ?? '';
    assert.match(secret, /^rgscim_/);
    await page.getByRole('cell', { name: 'Entra ID', exact: true }).waitFor();
    await assertAccessible(page, 'SCIM page with a new token');
    await screenshot(page, '90-scim-token');

    const list = await env().ctx.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(list.statusCode, 200, 'the identity provider can use the token');

    await page.getByRole('button', { name: 'Revoke Entra ID' }).click();
    await page.getByText('Revoked').waitFor();
    assert.equal(await page.getByTestId('scim-secret').count(), 0, 'the secret is gone from the page');
    const after = await env().ctx.app.inject({ method: 'GET', url: '/scim/v2/Users', headers: { authorization: `Bearer ${secret}` } });
    assert.equal(after.statusCode, 401);
  });

  test('a tenant administrator chooses what a provider’s DELETE does; a county administrator is not offered the choice', async () => {
    assert.equal(await page.getByRole('heading', { name: 'Deleted users' }).count(), 0);
    const { ctx } = env();
    const state = (await ctx.call('GET', '/api/orgs', { as: ctx.root }))
      .json()
      .items.find((o: { name: string }) => o.name === 'Sierra State');
    const tenantAdmin = await signedInAdmin(ctx, state);
    const other = await env().newPage();
    await signIn(other, tenantAdmin.account.email, tenantAdmin.account.password as string);
    await other.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await other.goto('/settings/scim');
    const choice = other.getByRole('radiogroup', { name: 'When the provider deletes a user' });
    await choice.waitFor();
    assert.equal(await choice.getByRole('radio', { name: /^Archive the account/ }).isChecked(), true, 'archiving is the default');
    await assertAccessible(other, 'SCIM page for a tenant administrator');
    // A click, not check(): the choice is saved first and shown once the server has it, which check() does not wait for.
    await choice.getByRole('radio', { name: /^Erase the account/ }).click();
    await other.getByText('Deleted users will be erased.').waitFor();
    const settings = (await ctx.call('GET', `/api/tenants/${state.id}/settings`, { as: ctx.root })).json();
    assert.equal(settings.scimDelete, 'erase');
    await other.close();
  });
});
