import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createOrg, signedInAdmin } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: my account', (env) => {
  test('a token made on My account works with curl-like calls, shows its last use, and stops when revoked', async () => {
    const { ctx, baseUrl } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const admin = await signedInAdmin(ctx, ohio);
    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await page.getByText('No API tokens').waitFor();
    await assertAccessible(page, 'my account');

    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Name').fill('nightly sync');
    await form.getByRole('combobox', { name: 'Expires' }).click();
    await page.getByRole('option', { name: 'In 30 days' }).click();
    await form.getByRole('button', { name: 'Create token' }).click();
    const made = page.getByRole('status').filter({ hasText: 'Token “nightly sync” made' });
    const token = (await made.getByLabel('New API token').textContent()) ?? '';
    assert.match(token, /^rgt_/);
    await assertAccessible(page, 'token made');
    await screenshot(page, '95-my-account-token');

    // Used as a script would (curl -H "Authorization: Bearer …"): it acts as its maker.
    const used = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(used.status, 200);
    assert.equal(((await used.json()) as { account: { email: string } }).account.email, admin.account.email);

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: 'nightly sync' });
    await row.getByText('Just now').waitFor();
    await row.getByText(/^Works until /).waitFor();
    assert.equal(await page.getByText(token).count(), 0, 'the secret is not shown again');

    await row.getByRole('button', { name: 'Revoke nightly sync' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/^Revoked /).waitFor();
    const refused = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(refused.status, 401);
    await page.context().close();
  });

  test('the person sees where they are signed in, signs out everywhere else, and changes their password', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Iowa');
    const admin = await signedInAdmin(ctx, ohio);
    const elsewhere = await ctx.signIn(admin.account.email, admin.account.password ?? '');
    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.goto('/me');
    await page.getByText('This browser').waitFor();
    await page.getByRole('button', { name: /Sign out everywhere else \(\d+ sessions?\)/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByRole('status').filter({ hasText: 'Signed out everywhere else' }).waitFor();
    assert.equal((await ctx.call('GET', '/api/auth/me', { as: elsewhere })).statusCode, 401);
    await assertAccessible(page, 'signed out elsewhere');

    const form = page.getByRole('form', { name: 'Change your password' });
    await form.getByLabel('Current password').fill(admin.account.password ?? '');
    await form.getByLabel('New password', { exact: true }).fill('harbor lantern quiet 57');
    await form.getByLabel('Confirm new password').fill('harbor lantern quiet 57');
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('status').filter({ hasText: 'Password changed' }).waitFor();
    await ctx.signIn(admin.account.email, 'harbor lantern quiet 57');
    await page.context().close();
  });
});
