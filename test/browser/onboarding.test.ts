import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import type { TestContext } from '../support/context.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/**
 * The path of the link in the newest held message of this kind to this address. Links carry the
 * server's public URL (http://localhost:3000 without REGISTRAR_PUBLIC_URL), not the test server's
 * port, so the test keeps only the path and opens it on its own server.
 */
async function linkIn(ctx: TestContext, email: string, kind: string, route: 'register' | 'reset-password'): Promise<string> {
  const messages = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).filter((m) => m.kind === kind);
  assert.ok(messages.length > 0, `no ${kind} message to ${email}`);
  const newest = messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
  const match = new RegExp(`https?://[^/\\s]+(/${route}/[A-Za-z0-9_-]+)`).exec(newest.bodyText);
  assert.ok(match, `no /${route}/ link in:\n${newest.bodyText}`);
  return match[1]!;
}

/** What the checklist item says, as a screen reader reads it ("Done: …" or "Not yet: …"). */
async function checklistItem(page: Page, label: string): Promise<string> {
  const text = await page.getByRole('listitem').filter({ hasText: label }).textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

async function expectSignedInAs(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByText(name).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describeInBrowser('console: onboarding', (env) => {
  test('an invited learner opens the activation link, is refused a weak password, sets a good one and lands signed in', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
    const email = 'wren.adler@franklin.example';
    const account = await createAccount(ctx, { orgId: franklin.id, firstName: 'Wren', lastName: 'Adler', email });
    assert.equal(account.status, 'invited', 'without a password the account waits for its owner');
    await ctx.drainJobs();
    const path = await linkIn(ctx, email, 'welcome_activation', 'register');

    const page = await env().newPage();
    await page.goto(path);
    await page.getByRole('heading', { name: 'Set up your account', level: 1 }).waitFor();
    assert.equal(await page.title(), 'Set up your account · Registrar');
    // Who invited them to what: the bootstrap administrator created the account in Franklin County, part of Ohio.
    await page.getByText('System Administrator invited you to Franklin County (Ohio).').waitFor();
    const username = page.getByLabel('Email and username');
    assert.equal(await username.inputValue(), email);
    assert.equal(await username.getAttribute('readonly'), '', 'the username cannot be changed here');
    assert.equal(await page.getByLabel('First name').inputValue(), 'Wren');
    assert.equal(await page.getByLabel('Last name').inputValue(), 'Adler');
    await assertAccessible(page, 'registration page');
    await screenshot(page, '70-register');

    // The checklist follows the typing, and is the password field's description.
    const password = page.getByLabel('Password', { exact: true });
    const describedBy = ((await password.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
    const items = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"] [role="listitem"]`).count()));
    assert.ok(
      items.some((n) => n === 3),
      "the checklist is among the password field's descriptions",
    );
    await password.fill('wren.adler');
    assert.equal(await checklistItem(page, 'At least 10 characters'), 'Done: At least 10 characters');
    assert.equal(await checklistItem(page, 'Not your username or email'), 'Not yet: Not your username or email');
    await password.fill('wren');
    assert.equal(await checklistItem(page, 'At least 10 characters'), 'Not yet: At least 10 characters');
    await page.getByLabel('Confirm password').fill('wren');
    assert.equal(await checklistItem(page, 'Both passwords match'), 'Done: Both passwords match');
    await page.getByRole('button', { name: 'Set up account and sign in' }).click();
    await page.getByText('Use at least 10 characters.').waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');

    // Long enough and not their name, but among the most common passwords: only the server knows, and says so on the field.
    await password.fill('password123');
    await page.getByLabel('Confirm password').fill('password123');
    assert.equal(await checklistItem(page, 'Not your username or email'), 'Done: Not your username or email');
    await page.getByRole('button', { name: 'Set up account and sign in' }).click();
    const refusal = page.getByText('This password is one of the most common passwords; choose another.');
    await refusal.waitFor();
    const errorId = await refusal.getAttribute('id');
    assert.ok(
      errorId && (await password.getAttribute('aria-describedby'))?.split(/\s+/).includes(errorId),
      'the refusal is tied to the password field',
    );
    await assertAccessible(page, 'registration page with a refused password');
    await screenshot(page, '70-register-weak-password');

    // The name is theirs to correct before the account is set up.
    await page.getByLabel('Last name').fill('Adler-Moss');
    await password.fill('heron quarry lantern 47');
    await page.getByLabel('Confirm password').fill('heron quarry lantern 47');
    await page.getByRole('button', { name: 'Set up account and sign in' }).click();
    await expectSignedInAs(page, 'Wren Adler-Moss');
    assert.equal(new URL(page.url()).pathname.startsWith('/register'), false, 'the console opened');
    // A learner has nothing to administer: their own account, not a refusal.
    await page.getByRole('heading', { name: 'Welcome, Wren', level: 1 }).waitFor();
    await assertAccessible(page, 'a learner’s home page');
    await screenshot(page, '70-register-signed-in');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, email, 'heron quarry lantern 47');
    await expectSignedInAs(page, 'Wren Adler-Moss');

    // The link did its job once; opened again it says so and points to sign-in.
    const again = await env().newPage();
    await again.goto(path);
    await again.getByRole('heading', { name: 'This link has already been used', level: 1 }).waitFor();
    assert.equal(await again.getByLabel('Password', { exact: true }).count(), 0, 'no form');
    await again.getByRole('link', { name: 'Go to sign in' }).click();
    await again.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.context().close();
    await again.context().close();
  });

  test('an expired activation link and an unknown one are refused with what to do next, and no form', async () => {
    const { ctx } = env();
    const nevada = await createOrg(ctx, 'Nevada');
    const email = 'jonah.price@nevada.example';
    const account = await createAccount(ctx, { orgId: nevada.id, firstName: 'Jonah', lastName: 'Price', email });
    const path = await linkIn(ctx, email, 'welcome_activation', 'register');
    await ctx.database.db
      .updateTable('oneTimeTokens')
      .set({ expiresAt: '2000-01-01T00:00:00.000Z' })
      .where('accountId', '=', account.id)
      .where('purpose', '=', 'activation')
      .execute();

    const page = await env().newPage();
    await page.goto(path);
    await page.getByRole('heading', { name: 'This link has expired', level: 1 }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Ask your administrator to send you a new one.' }).waitFor();
    assert.equal(await page.getByLabel('Password', { exact: true }).count(), 0, 'no form for an expired link');
    assert.equal(await page.getByText('Jonah').count(), 0, 'an expired link shows nothing of the account');
    await assertAccessible(page, 'expired activation link');
    await screenshot(page, '70-register-expired');

    await page.goto('/register/not-a-link-anyone-was-sent');
    await page.getByRole('heading', { name: 'This link is not valid', level: 1 }).waitFor();
    await page.getByText('Check that you opened the whole link from your email').waitFor();
    await assertAccessible(page, 'unknown activation link');
    await screenshot(page, '70-register-unknown');
    await page.context().close();
  });

  test('a forgotten password is reset from the sign-in page: the link sets a new one, once, and the old one stops working', async () => {
    const { ctx } = env();
    const utah = await createOrg(ctx, 'Utah');
    const { account } = await signedInAdmin(ctx, utah);
    const oldPassword = account.password ?? '';

    const page = await env().newPage();
    await page.goto('/');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password', level: 1 }).waitFor();
    await assertAccessible(page, 'forgot-password page');
    await screenshot(page, '70-forgot-password');

    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('Enter your email or username.').waitFor();

    // Nobody has this address; the answer is the same as for a real account.
    await page.getByLabel('Email or username').fill('nobody-here@utah.example');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email', level: 1 }).waitFor();
    const unknownAnswer = await page.getByRole('status').innerText();
    await page.getByRole('button', { name: 'Try another email or username' }).click();

    await page.getByLabel('Email or username').fill(account.email);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email', level: 1 }).waitFor();
    assert.equal(
      (await page.getByRole('status').innerText()).replace(account.email, 'X'),
      unknownAnswer.replace('nobody-here@utah.example', 'X'),
    );
    await assertAccessible(page, 'reset requested');
    await screenshot(page, '70-forgot-password-sent');

    await ctx.drainJobs();
    const path = await linkIn(ctx, account.email, 'password_reset', 'reset-password');
    await page.goto(path);
    await page.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    assert.equal(await page.getByLabel('Username').inputValue(), account.email);
    await assertAccessible(page, 'reset-password page');

    const password = page.getByLabel('New password', { exact: true });
    await password.fill('short');
    await page.getByLabel('Confirm new password').fill('shorter');
    assert.equal(await checklistItem(page, 'At least 10 characters'), 'Not yet: At least 10 characters');
    assert.equal(await checklistItem(page, 'Both passwords match'), 'Not yet: Both passwords match');
    await screenshot(page, '70-reset-password');
    await password.fill('copper meadow signal 82');
    await page.getByLabel('Confirm new password').fill('copper meadow signal 82');
    assert.equal(await checklistItem(page, 'Both passwords match'), 'Done: Both passwords match');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Your password has been changed', level: 1 }).waitFor();
    await assertAccessible(page, 'password changed');
    await screenshot(page, '70-reset-password-done');

    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await signIn(page, account.email, oldPassword);
    await page.getByRole('alert').filter({ hasText: 'Wrong email, username or password' }).waitFor();
    await signIn(page, account.email, 'copper meadow signal 82');
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();

    const again = await env().newPage();
    await again.goto(path);
    await again.getByRole('heading', { name: 'This link has already been used', level: 1 }).waitFor();
    assert.equal(await again.getByLabel('New password', { exact: true }).count(), 0, 'no form');
    await again.getByRole('link', { name: 'Request a new link' }).waitFor();
    await assertAccessible(again, 'used reset link');
    await screenshot(again, '70-reset-password-used');
    await page.context().close();
    await again.context().close();
  });

  // Last in the suite: it uses up this client's reset requests for the next 15 minutes.
  test('asking for links too often is paused with the wait shown', async () => {
    const { ctx } = env();
    for (let i = 0; i < 15; i++) {
      const response = await ctx.call('POST', '/api/auth/password-reset', { body: { username: `flood-${i}@example.org` } });
      if (response.statusCode === 429) break;
    }
    const page = await env().newPage();
    await page.goto('/forgot-password');
    await page.getByLabel('Email or username').fill('someone@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Too many requests' });
    await alert.waitFor();
    assert.match(await alert.innerText(), /Wait \d+ minutes? before asking for another link/);
    await assertAccessible(page, 'reset requests paused');
    await screenshot(page, '70-forgot-password-throttled');
    await page.context().close();
  });
});
