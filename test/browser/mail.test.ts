import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: mail', (env) => {
  test('without SMTP an administrator reads the held welcome on the Mail page; a county administrator has no Mail link', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
    await createAccount(ctx, { orgId: franklin.id, firstName: 'Wren', lastName: 'Adler', email: 'wren@franklin.example', password: 'Temporary-pass-2024' });
    await ctx.drainJobs();

    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'wren@franklin.example' });
    await row.getByText('Held (no SMTP)').waitFor();
    await assertAccessible(page, 'mail list');
    await screenshot(page, '60-mail-list');

    await row.getByRole('link', { name: 'Your account is ready' }).click();
    await page.getByRole('heading', { name: 'Your account is ready', level: 1 }).waitFor();
    await page.getByText(/An account has been created for you/).waitFor();
    assert.equal(await page.getByText('Temporary-pass-2024').count(), 0, 'the password is not in the message');
    await assertAccessible(page, 'mail message');

    const county = await signedInAdmin(ctx, franklin);
    const other = await env().newPage();
    await signIn(other, county.account.email, county.account.password ?? '');
    await other.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    assert.equal(await other.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).count(), 0);
  });
});
