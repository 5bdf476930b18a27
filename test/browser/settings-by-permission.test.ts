import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: settings open to a role that manages the catalog', (env) => {
  let tenant: OrgRef;

  before(async () => {
    const { ctx } = env();
    tenant = await createOrg(ctx, 'Catalog Keepers Network');
    const admin = await signedInAdmin(ctx, tenant);
    const made = await ctx.call('POST', '/api/roles', {
      as: admin.session,
      body: { key: 'catalog_keeper', label: 'Catalog Keeper', permissions: ['roles.manage', 'accounts.read', 'orgs.read'] },
    });
    assert.equal(made.statusCode, 201, made.body);
  });

  test('someone holding roles.manage at the top organization (not admin) finds Settings with the role catalog alone, and edits it', async () => {
    const { ctx } = env();
    const keeper = await signedInAdmin(ctx, tenant, 'Catalog Keeper');
    const page = await env().newPage();
    await signIn(page, keeper.account.email, keeper.account.password ?? '');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Roles' }).waitFor();
    assert.equal(
      await page.getByRole('heading', { name: 'Password policy and confirmation' }).count(),
      0,
      'tenant-wide settings stay with administrators',
    );
    await page.getByRole('button', { name: 'Edit Learner' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit Learner' });
    await drawer.getByRole('switch', { name: 'Limit how many people hold it at one organization' }).check({ force: true });
    await drawer.getByRole('textbox', { name: 'At most' }).fill('3');
    await drawer.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('cell', { name: 'At most 3 (refuse)' }).waitFor();
    await assertAccessible(page, 'settings for a catalog keeper');
    await screenshot(page, 'settings-catalog-keeper');
  });
});
