import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemActor } from '../support/context.ts';
import { createAccount, createOrg } from '../support/factories.ts';
import { adminEmail, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: signing in', (env) => {
  test('the sign-in page is labelled, accessible, and says when the credentials are wrong', async () => {
    const page = await env().newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.title(), 'Sign in · Registrar');
    await assertAccessible(page, 'sign-in page');
    await screenshot(page, '01-sign-in');

    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your email or username.').waitFor();

    await signIn(page, adminEmail, 'not the password');
    await page.getByRole('alert').filter({ hasText: 'Wrong email, username or password' }).waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '', 'the wrong password is cleared');
    await screenshot(page, '02-sign-in-wrong-password');
    await page.context().close();
  });

  test('repeated wrong passwords pause sign-in with a message that says so', async () => {
    const { ctx } = env();
    const org = await createOrg(ctx, 'Throttle State');
    const account = await createAccount(ctx, { orgId: org.id, password: 'Temporary-pass-2024' });
    for (let i = 0; i < 5; i++) await ctx.call('POST', '/api/auth/login', { body: { username: account.email, password: `wrong-${i}` } });

    const page = await env().newPage();
    await signIn(page, account.email, 'Temporary-pass-2024');
    const alert = page.getByRole('alert').filter({ hasText: 'Too many sign-in attempts' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Try again in \d+ minutes?/);
    await screenshot(page, '03-sign-in-throttled');
    await page.context().close();
  });

  test('a temporary password must be changed before anything else, then the console opens', async () => {
    const { ctx } = env();
    const org = await createOrg(ctx, 'Nevada');
    const account = await createAccount(ctx, {
      orgId: org.id,
      firstName: 'Tamsin',
      lastName: 'Okafor',
      role: 'admin',
      password: 'Temporary-pass-2024',
    });

    const page = await env().newPage();
    await page.goto('/accounts?status=active');
    await page.getByLabel('Email or username').fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill('Temporary-pass-2024');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByText('Welcome, Tamsin').waitFor();
    await assertAccessible(page, 'change-password page');
    await screenshot(page, '04-change-password');

    await page.getByLabel('Current password').fill('Temporary-pass-2024');
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('Confirm new password').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();

    await page.getByLabel('New password', { exact: true }).fill('lantern orchard velvet 93');
    await page.getByLabel('Confirm new password').fill('lantern orchard velvet 93');
    await page.getByRole('button', { name: 'Change password' }).click();

    // The page asked for before signing in opens, with its filters.
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    assert.match(page.url(), /\/accounts\?status=active$/);
    await page.getByRole('navigation').getByText('Tamsin Okafor').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, account.email, 'lantern orchard velvet 93');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.context().close();
  });

  test('changing the password revokes the API tokens unless "Keep my API tokens working" is ticked', async () => {
    const { ctx } = env();
    const org = await createOrg(ctx, 'Token Keepers');
    for (const keep of [false, true]) {
      const account = await createAccount(ctx, { orgId: org.id, role: 'admin', password: 'Temporary-pass-2024' });
      const owner = { id: account.id, tenantId: org.tenantId, status: 'active' };
      const { token } = await ctx.services.tokens.createTokenForAccount(systemActor('cli'), owner, 'nightly sync');

      const page = await env().newPage();
      await signIn(page, account.email, 'Temporary-pass-2024');
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      const box = page.getByRole('checkbox', { name: 'Keep my API tokens working' });
      assert.equal(await box.isChecked(), false, 'off unless the person asks');
      if (keep) await box.check();
      await page.getByLabel('Current password').fill('Temporary-pass-2024');
      await page.getByLabel('New password', { exact: true }).fill('harbor maple cinder 17');
      await page.getByLabel('Confirm new password').fill('harbor maple cinder 17');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
      const me = await ctx.call('GET', '/api/auth/me', { as: { bearer: token } });
      assert.equal(me.statusCode, keep ? 200 : 401, keep ? 'kept when ticked' : 'revoked by default');
      await page.context().close();
    }
  });

  test('an unbuilt address under /api answers JSON, while any other address loads the console', async () => {
    const { baseUrl } = env();
    const api = await fetch(`${baseUrl}/api/nothing-here`);
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'not_found');
    const deep = await fetch(`${baseUrl}/accounts/some-id/edit`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /<div id="root">/);
  });
});
