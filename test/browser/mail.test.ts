import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAccount, createOrg, signedInAdmin } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

describeInBrowser('console: mail', (env) => {
  test('without SMTP an administrator reads the held welcome on the Mail page; a county administrator reads their county’s', async () => {
    const { ctx } = env();
    const ohio = await createOrg(ctx, 'Ohio');
    const franklin = await createOrg(ctx, 'Franklin County', ohio, 'county');
    await createAccount(ctx, {
      orgId: franklin.id,
      firstName: 'Wren',
      lastName: 'Adler',
      email: 'wren@franklin.example',
      password: 'Temporary-pass-2024',
    });
    await ctx.drainJobs();

    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'wren@franklin.example' });
    await row.getByText('Held (no SMTP)').waitFor();
    await page.getByText('Mail is held, not sent').waitFor();
    await assertAccessible(page, 'mail list');
    await screenshot(page, '60-mail-list');

    await row.getByRole('link', { name: 'Your Ohio account is ready' }).click();
    await page.getByRole('heading', { name: 'Your Ohio account is ready', level: 1 }).waitFor();
    await page.getByText(/An account has been created for you/).waitFor();
    assert.equal(await page.getByText('Temporary-pass-2024').count(), 0, 'the password is not in the message');
    // The address in the plain text is a link that opens a new tab; so are the HTML version's links,
    // which would otherwise turn the sandboxed frame into a blank page.
    const textLink = page.getByRole('link', { name: /^https?:\/\// }).first();
    assert.equal(await textLink.getAttribute('target'), '_blank');
    assert.match((await textLink.getAttribute('rel')) ?? '', /noopener/);
    const frame = page.locator('iframe[title="HTML version of the message"]');
    assert.match((await frame.getAttribute('sandbox')) ?? '', /allow-popups/);
    assert.doesNotMatch((await frame.getAttribute('sandbox')) ?? '', /allow-scripts/, 'scripts stay blocked');
    const [popup] = await Promise.all([page.waitForEvent('popup'), frame.contentFrame().getByRole('link').first().click()]);
    await popup.close();
    await frame
      .contentFrame()
      .getByText(/An account has been created for you/)
      .waitFor();
    await assertAccessible(page, 'mail message');

    // A county administrator reads the mail of their own county, filtered by recipient, without Send held or Settings.
    await createAccount(ctx, {
      orgId: ohio.id,
      firstName: 'Ada',
      lastName: 'Top',
      email: 'ada@ohio.example',
      password: 'Temporary-pass-2024',
    });
    await ctx.drainJobs();
    const county = await signedInAdmin(ctx, franklin);
    const other = await env().newPage();
    await signIn(other, county.account.email, county.account.password ?? '');
    await other.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    const nav = other.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);
    await nav.getByRole('link', { name: 'Mail' }).click();
    await other.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await other.getByRole('row').filter({ hasText: 'wren@franklin.example' }).waitFor();
    assert.equal(await other.getByRole('row').filter({ hasText: 'ada@ohio.example' }).count(), 0, 'not the mail of the whole tenant');
    await other.getByLabel('Recipient').fill('nobody-here');
    await other.getByText('No messages match').waitFor();
    await other.getByLabel('Recipient').fill('WREN');
    await other.getByRole('row').filter({ hasText: 'wren@franklin.example' }).waitFor();
    await other.getByText('Showing 1 of 1').waitFor();
    await assertAccessible(other, 'county mail');
  });

  test('a failed message shows its error; Send again and Send held messages are off without SMTP and show the refusal when tried', async () => {
    const { ctx } = env();
    const acme = await createOrg(ctx, 'Acme Learning');
    const bounced = await createAccount(ctx, {
      orgId: acme.id,
      firstName: 'Ravi',
      lastName: 'Shah',
      email: 'ravi@acme.example',
      password: 'Temporary-pass-2024',
    });
    await createAccount(ctx, {
      orgId: acme.id,
      firstName: 'Lena',
      lastName: 'Fischer',
      email: 'lena@acme.example',
      password: 'Temporary-pass-2024',
    });
    await ctx.drainJobs();
    // As if the mail server had refused Ravi's welcome on every attempt.
    await ctx.database.db
      .updateTable('outbox')
      .set({ status: 'failed', attempts: 10, lastError: '550 5.1.1 ravi@acme.example: mailbox unavailable' })
      .where('recipient', '=', bounced.email)
      .execute();

    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await page.getByText('Mail is held, not sent').waitFor();
    assert.equal(await page.getByRole('button', { name: /Send held messages/ }).count(), 0);
    const row = page.getByRole('row').filter({ hasText: 'ravi@acme.example' });
    await row.getByText('Failed').waitFor();
    await row.getByRole('link').click();
    const lastError = page.getByText('Last error').locator('..');
    await lastError.getByText('The mail server refused this message.').waitFor();
    await lastError.getByText('550 5.1.1 ravi@acme.example: mailbox unavailable').waitFor();
    // Whether mail is held arrives with its own request: wait for the reason before reading the button.
    await page.getByText('No SMTP server is configured, so it would only be held again.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Send again' }).isDisabled(), true);
    await assertAccessible(page, 'failed message');
    await screenshot(page, '88-mail-failed-message');

    // The harness has no SMTP server to start with, so the list's answer is rewritten to say mail is
    // sent: the buttons turn on, and the real server's refusal is what the person then reads.
    await page.route(
      (url) => url.pathname === '/api/mail',
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), delivery: 'smtp' } });
      },
    );
    const refusal = (await ctx.call('POST', '/api/mail/send-held', { as: ctx.root })).json().error;
    assert.equal(refusal.code, 'smtp_not_configured');
    await page.reload();
    const sendAgain = page.getByRole('button', { name: 'Send again' });
    await page.waitForFunction(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent?.includes('Send again') && !b.disabled),
    );
    await sendAgain.click();
    const notQueued = page.getByRole('alert').filter({ hasText: 'The message was not queued' });
    await notQueued.getByText(refusal.message).waitFor();

    await page.goto('/mail');
    await page.getByText('Mail is sent through the SMTP server').waitFor();
    const held = (await ctx.call('GET', '/api/mail?status=held&limit=200', { as: ctx.root })).json().items.length;
    const sendHeld = page.getByRole('button', { name: `Send held messages (${held})` });
    // It asks first, saying how many go out, to real people, and for a global administrator every tenant's.
    await sendHeld.click();
    const dialog = page.getByRole('dialog', { name: `Send ${held} held messages?` });
    await dialog.getByText(`The ${held} messages go to real email addresses now`, { exact: false }).waitFor();
    await dialog.getByText(/link was already used, replaced by a newer one or has run out is skipped/).waitFor();
    await dialog.getByText(/held mail of every tenant/).waitFor();
    await assertAccessible(page, 'send held dialog');
    await screenshot(page, '89-mail-send-held-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.getByText('The held messages were not sent').count(), 0, 'cancel sends nothing');

    await sendHeld.click();
    await dialog.getByRole('button', { name: 'Send now' }).click();
    await page.getByText('The held messages were not sent').waitFor();
    await page.getByText(refusal.message).waitFor();
    await assertAccessible(page, 'mail list with SMTP');
    await screenshot(page, '89-mail-send-held-refused');

    // With an SMTP server the API answers how many it queued, and that is what the person reads.
    await page.route(
      (url) => url.pathname === '/api/mail/send-held',
      (route) => route.fulfill({ json: { queued: held } }),
    );
    await sendHeld.click();
    await dialog.getByRole('button', { name: 'Send now' }).click();
    const queued = page.getByRole('alert').filter({ hasText: 'Held messages queued' });
    await queued.getByText(`${held} messages are queued and will be sent in the background.`).waitFor();
  });
});
