import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { SmtpSink } from '../support/smtp-sink.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn, type BrowserContext } from './harness.ts';

const sink = new SmtpSink();
await sink.start();
after(() => sink.stop());

/** A county administrator on the profile of Wren Adler, an active person in their county who forgot her password. */
async function openProfile(env: BrowserContext, email: string): Promise<{ page: Page; wren: { id: string; email: string } }> {
  const { ctx } = env;
  const ohio = await createOrg(ctx, `Ohio ${email}`);
  const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
  const wren = await createAccount(ctx, {
    orgId: franklin.id,
    firstName: 'Wren',
    lastName: 'Adler',
    email,
    password: 'Forgotten-pass-2024',
  });
  const county = await signedInAdmin(ctx, franklin);
  const page = await env.newPage();
  await signIn(page, county.account.email, county.account.password ?? '');
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.goto(`/accounts/${wren.id}`);
  await page.getByRole('heading', { name: 'Password', level: 2 }).waitFor();
  return { page, wren };
}

async function confirm(page: Page, button: string, confirmLabel: string) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await assertAccessible(page, `${button} confirmation`);
  await dialog.getByRole('button', { name: confirmLabel }).click();
}

describeInBrowser('console: an administrator helps a person back in, mail held (no SMTP)', (env) => {
  test('the reset link is shown once on the profile and lets the person choose a new password', async () => {
    const { page, wren } = await openProfile(env(), 'wren.held@franklin.example');
    await confirm(page, 'Send password reset link', 'Send the link');
    const notice = page.getByRole('status').filter({ hasText: 'Reset link made' });
    await notice.getByText(/No SMTP server is configured, so the email is not sent/).waitFor();
    assert.equal(await page.getByText(/Mail page/).count(), 0, 'a county administrator is not sent to a page they cannot open');
    const link = await notice.getByRole('textbox', { name: 'Reset link' }).inputValue();
    assert.match(link, /\/reset-password\/[\w-]+$/);
    await notice.getByRole('button', { name: 'Copy the reset link' }).waitFor();
    await assertAccessible(page, 'reset link shown once');
    await screenshot(page, '80-password-help-held-link');

    // The person follows the link the administrator handed over.
    const person = await env().newPage();
    await person.goto(new URL(link).pathname);
    await person.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    await person.getByLabel('New password', { exact: true }).fill('copper meadow signal 83');
    await person.getByLabel('Confirm new password').fill('copper meadow signal 83');
    await person.getByRole('button', { name: 'Change password' }).click();
    await person.getByRole('heading', { name: 'Your password has been changed', level: 1 }).waitFor();
    await signIn(person, wren.email, 'copper meadow signal 83');
    await person.getByLabel('Email or username').waitFor({ state: 'detached' });
    await person.context().close();

    // Reloaded, the link is gone for good: it was shown once.
    await page.reload();
    await page.getByRole('heading', { name: 'Password', level: 2 }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Reset link' }).count(), 0);
    await page.getByText('Password reset link sent').first().waitFor();
    await page.context().close();
  });

  test('a temporary password is shown once and must be replaced at sign-in', async () => {
    const { page, wren } = await openProfile(env(), 'wren.temp@franklin.example');
    await confirm(page, 'Set a temporary password', 'Set a temporary password');
    const notice = page.getByRole('status').filter({ hasText: 'Temporary password set' });
    const password = (await notice.getByLabel('Temporary password', { exact: true }).textContent()) ?? '';
    assert.match(password, /^\w{4}(-\w{4}){3}$/);
    await assertAccessible(page, 'temporary password shown once');
    await screenshot(page, '80-password-help-temporary');

    const person = await env().newPage();
    await signIn(person, wren.email, password);
    await person.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor();
    await person.getByLabel('Current password').fill(password);
    await person.getByLabel('New password', { exact: true }).fill('lantern harbor quiet 19');
    await person.getByLabel('Confirm new password').fill('lantern harbor quiet 19');
    await person.getByRole('button', { name: 'Change password' }).click();
    await person.getByRole('heading', { name: 'Choose a new password', level: 1 }).waitFor({ state: 'detached' });
    await person.context().close();
    await page.context().close();
  });
});

describeInBrowser(
  'console: an administrator helps a person back in, mail sent through SMTP',
  (env) => {
    test('the reset link is emailed, and the administrator does not see it', async () => {
      const { page, wren } = await openProfile(env(), 'wren.smtp@franklin.example');
      await confirm(page, 'Send password reset link', 'Send the link');
      await page
        .getByRole('status')
        .filter({ hasText: `A link to choose a new password is on its way to ${wren.email}` })
        .waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Reset link' }).count(), 0);
      await assertAccessible(page, 'reset link sent');
      await env().ctx.drainJobs();
      const mail = sink.received.find((m) => m.to.includes(wren.email) && m.text.includes('/reset-password/'));
      assert.ok(mail, 'Wren receives the link by email');
      await page.context().close();
    });
  },
  {
    get smtpUrl() {
      return sink.url;
    },
  },
);
