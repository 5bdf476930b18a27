import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/** Picks an option of a Mantine select by its label: open it, then choose. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describeInBrowser('console: settings, email templates and activation links', (env) => {
  let page: Page;
  let lakeside: OrgRef;
  let county: OrgRef;

  const settingsOf = async () => (await env().ctx.call('GET', `/api/tenants/${lakeside.id}/settings`, { as: env().ctx.root })).json();
  /** The tenant's settings once `done` says the save went through (an earlier "saved" notification may still show). */
  async function settingsWhen(
    done: (settings: { onboarding: string; registrationWindowDays: number; temporaryPasswordInEmail: boolean }) => boolean,
  ) {
    for (let i = 0; i < 50; i++) {
      const settings = await settingsOf();
      if (done(settings)) return settings;
      await page.waitForTimeout(200);
    }
    return settingsOf();
  }

  /** Opens Settings for the Lakeside tenant (the global administrator also sees the system tenant). */
  async function openLakesideSettings(): Promise<void> {
    await nav(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await choose(page, 'Tenant', 'Lakeside');
    await page.waitForURL(/tenantId=/);
    await page.getByRole('heading', { name: 'Onboarding', level: 2 }).waitFor();
  }

  before(async () => {
    const { ctx } = env();
    lakeside = await createOrg(ctx, 'Lakeside');
    county = await createOrg(ctx, 'Lakeside County', lakeside, 'county');
    page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('an administrator switches the tenant to temporary passwords, the add form then requires one, and switches back', async () => {
    await openLakesideSettings();
    const mode = page.getByRole('radiogroup', { name: 'How new people get their first password' });
    assert.equal(await mode.getByRole('radio', { name: /Activation link/ }).isChecked(), true, 'activation links are the default');
    await assertAccessible(page, 'settings');
    await screenshot(page, '80-settings');

    await mode.getByRole('radio', { name: /Temporary password/ }).check();
    const days = page.getByRole('textbox', { name: 'Registration window (days)' });
    await days.fill('0');
    await page.getByRole('button', { name: 'Save onboarding settings' }).click();
    await page.getByText('Use at least 1 day.').waitFor();
    assert.equal(await days.getAttribute('aria-invalid'), 'true');
    assert.equal((await settingsOf()).onboarding, 'activation_link', 'nothing was saved');

    await days.fill('30');
    await page.getByRole('button', { name: 'Save onboarding settings' }).click();
    await page.getByText('Onboarding settings saved').waitFor();
    const saved = await settingsOf();
    assert.equal(saved.onboarding, 'temporary_password');
    assert.equal(saved.registrationWindowDays, 30);

    // The add form now follows the tenant: a password is required and says so.
    await nav(page).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'First name', exact: true }).fill('Tomas');
    await page.getByRole('textbox', { name: 'Last name', exact: true }).fill('Berg');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('tomas.berg@lakeside.example');
    await choose(page, 'Organization', 'Lakeside › Lakeside County');
    await page.getByText(/This tenant gives every new account a temporary password/).waitFor();
    await page.getByText('Required by this tenant.').waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('This tenant gives new accounts a temporary password: enter one.').waitFor();
    await screenshot(page, '81-add-account-temporary-password');
    const created = await env().ctx.call('GET', '/api/accounts?q=tomas.berg', { as: env().ctx.root });
    assert.equal(created.json().total, 0, 'no account without a password in this mode');

    // A county administrator may not read tenant settings: their form explains both ways, and the
    // server's refusal lands on the password field.
    const countyAdmin = await signedInAdmin(env().ctx, county);
    const other = await env().newPage();
    await signIn(other, countyAdmin.account.email, countyAdmin.account.password ?? '');
    await other.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await other.goto('/accounts/new');
    await other.getByRole('textbox', { name: 'First name', exact: true }).fill('Tomas');
    await other.getByRole('textbox', { name: 'Last name', exact: true }).fill('Berg');
    await other.getByRole('textbox', { name: 'Email', exact: true }).fill('tomas.berg@lakeside.example');
    await other.getByText(/Leave empty to email an activation link, if the tenant allows it/).waitFor();
    await other.getByRole('button', { name: 'Create account' }).click();
    await other.getByText('The person changes it when they first sign in.', { exact: false }).waitFor();
    const password = other.getByLabel('Temporary password');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    // The message is the field's description for a screen reader, not only red text nearby.
    const describedBy = (await password.getAttribute('aria-describedby')) ?? '';
    const description = await other.evaluate(
      (ids) =>
        ids
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      describedBy,
    );
    assert.match(description, /The person changes it when they first sign in/);
    await other.close();

    // Back to activation links; the password-in-email switch warns before it is saved.
    await openLakesideSettings();
    await mode.getByRole('radio', { name: /Activation link/ }).check();
    const inEmail = page.getByRole('switch', { name: 'Include the temporary password in the welcome email' });
    await inEmail.check();
    await page.getByText('Email is not a safe place for a password').waitFor();
    await assertAccessible(page, 'settings with the password-in-email warning');
    await screenshot(page, '82-settings-password-in-email-warning');
    await inEmail.uncheck();
    assert.equal(await page.getByText('Email is not a safe place for a password').count(), 0);
    await page.getByRole('button', { name: 'Save onboarding settings' }).click();
    const back = await settingsWhen((s) => s.onboarding === 'activation_link');
    assert.equal(back.onboarding, 'activation_link');
    assert.equal(back.temporaryPasswordInEmail, false);
  });

  test('an edited activation welcome previews live, refuses an unknown placeholder, and is what a new account receives', async () => {
    await openLakesideSettings();
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Welcome with activation link' }) });
    await row.getByText('Built-in').waitFor();
    await row.getByRole('link', { name: 'Edit Welcome with activation link' }).click();
    await page.getByRole('heading', { name: /Welcome with activation link/, level: 1 }).waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    // Sample values fill the placeholders: Ana is the preview's sample person.
    await preview.getByText('Hello Ana,').waitFor();

    const body = page.getByRole('textbox', { name: 'Plain-text body' });
    await body.click();
    await body.press('Control+End');
    await body.pressSequentially('\nQuestions? The Lakeside help desk answers on 555-0100, ');
    await page.getByRole('button', { name: '{{firstName}}', exact: true }).click();
    assert.match(await body.inputValue(), /555-0100, \{\{firstName\}\}$/, 'the chip went in at the cursor');
    await body.pressSequentially('.');
    await preview.getByText(/Lakeside help desk answers on 555-0100, Ana\./).waitFor();
    await preview
      .frameLocator('iframe[title="HTML version of the email"]')
      .getByText(/Lakeside help desk/)
      .waitFor();
    await assertAccessible(page, 'email template editor');
    await screenshot(page, '83-email-template-editor');

    await body.pressSequentially(' {{nope}}');
    await page.getByText('{{nope}} is not a placeholder this email can use.').waitFor();
    await preview.getByText('Unknown placeholders').waitFor();
    await page.getByRole('button', { name: 'Save template' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The template was not saved' });
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /nope/, 'the server names the refused placeholder');
    assert.equal(await body.getAttribute('aria-invalid'), 'true');
    await screenshot(page, '84-email-template-unknown-placeholder');
    const stored = await env().ctx.call('GET', `/api/email-templates/welcome_activation?tenantId=${lakeside.id}`, { as: env().ctx.root });
    assert.equal(stored.json().customized, false, 'the refused draft was not saved');

    await body.fill((await body.inputValue()).replace(' {{nope}}', ''));
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByText('Template saved').waitFor();
    await page
      .getByRole('heading', { name: /Welcome with activation link/, level: 1 })
      .getByText('Customized')
      .waitFor();

    // A new account without a password gets an activation link, written in the tenant's words.
    await nav(page).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('textbox', { name: 'First name', exact: true }).fill('Ines');
    await page.getByRole('textbox', { name: 'Last name', exact: true }).fill('Moreau');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('ines.moreau@lakeside.example');
    await choose(page, 'Organization', 'Lakeside › Lakeside County');
    await page.getByText(/Leave empty to email an activation link/).waitFor();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /Ines Moreau/, level: 1 }).waitFor();
    await page
      .getByRole('heading', { name: /Ines Moreau/, level: 1 })
      .getByText('Invited')
      .waitFor();
    await env().ctx.drainJobs();

    await nav(page).getByRole('link', { name: 'Mail' }).click();
    await page.getByText('Mail is held, not sent').waitFor();
    assert.equal(await page.getByRole('button', { name: /Send held messages/ }).count(), 0, 'nothing to send through without SMTP');
    const mail = page.getByRole('row').filter({ hasText: 'ines.moreau@lakeside.example' });
    await mail.getByText('Held (no SMTP)').waitFor();
    await mail.getByRole('link', { name: 'Activate your Lakeside account' }).click();
    await page.getByRole('heading', { name: 'Activate your Lakeside account', level: 1 }).waitFor();
    await page.getByText(/The Lakeside help desk answers on 555-0100, Ines\./).waitFor();
    await page
      .getByText(/\/register\//)
      .first()
      .waitFor();
    assert.equal(await page.getByRole('button', { name: 'Send again' }).isDisabled(), true);
    await page.getByText('No SMTP server is configured, so it would only be held again.').waitFor();
    await assertAccessible(page, 'held welcome');
    await screenshot(page, '85-mail-held-activation-welcome');
  });

  test('restoring the built-in wording asks first, then the built-in text is back', async () => {
    await page.goto(`/settings/email-templates/welcome_activation?tenantId=${lakeside.id}`);
    await page
      .getByRole('heading', { name: /Welcome with activation link/, level: 1 })
      .getByText('Customized')
      .waitFor();
    await page.getByRole('button', { name: 'Restore built-in wording' }).click();
    const dialog = page.getByRole('dialog', { name: 'Restore the built-in wording?' });
    await dialog.waitFor();
    await assertAccessible(page, 'restore dialog');
    await dialog.getByRole('button', { name: 'Keep my wording' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(await page.getByRole('textbox', { name: 'Plain-text body' }).inputValue(), /help desk/, 'cancel keeps the wording');

    await page.getByRole('button', { name: 'Restore built-in wording' }).click();
    await dialog.getByRole('button', { name: 'Restore built-in wording' }).click();
    await page.getByText('Built-in wording restored').waitFor();
    await page
      .getByRole('heading', { name: /Welcome with activation link/, level: 1 })
      .getByText('Built-in')
      .waitFor();
    assert.doesNotMatch(await page.getByRole('textbox', { name: 'Plain-text body' }).inputValue(), /help desk/);
    assert.equal(await page.getByRole('button', { name: 'Restore built-in wording' }).count(), 0);
  });

  test('leaving the template editor with unsaved changes asks first; staying keeps them', async () => {
    await page.goto(`/settings/email-templates/password_reset?tenantId=${lakeside.id}`);
    await page.getByRole('heading', { name: /Password reset/, level: 1 }).waitFor();
    const body = page.getByRole('textbox', { name: 'Plain-text body' });
    await body.click();
    await body.press('Control+End');
    await body.pressSequentially(' Unsaved words.');
    await page.getByText('Unsaved changes').waitFor();

    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: /^Settings · Lakeside/ }).click();
    assert.match(questions[0] ?? '', /unsaved changes to this template will be lost/);
    assert.match(await body.inputValue(), /Unsaved words\.$/, 'staying keeps the edit');
    assert.equal(new URL(page.url()).pathname, '/settings/email-templates/password_reset');

    page.once('dialog', (dialog) => void dialog.accept());
    await nav(page).getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('an expired account gets a new activation link after a confirmation, and is invited again', async () => {
    const { ctx } = env();
    const person = await createAccount(ctx, {
      orgId: county.id,
      firstName: 'Keiko',
      lastName: 'Sato',
      email: 'keiko.sato@lakeside.example',
    });
    // As if the registration window had passed: the account and its link both ran out.
    await ctx.database.db.updateTable('accounts').set({ status: 'expired' }).where('id', '=', person.id).execute();
    await ctx.database.db
      .updateTable('oneTimeTokens')
      .set({ expiresAt: new Date(Date.now() - 86_400_000).toISOString() })
      .where('accountId', '=', person.id)
      .execute();

    await page.goto(`/accounts/${person.id}`);
    const title = page.getByRole('heading', { name: /Keiko Sato/, level: 1 });
    await title.getByText('Expired').waitFor();
    await page.getByText('The activation link expired').waitFor();
    await assertAccessible(page, 'expired account');
    await screenshot(page, '86-account-expired');

    await page.getByRole('button', { name: 'Send a new activation link' }).click();
    const dialog = page.getByRole('dialog', { name: /Send a new activation link to Keiko Sato/ });
    await dialog.getByText(/keiko.sato@lakeside.example/).waitFor();
    await dialog.getByRole('button', { name: 'Send the link' }).click();
    // Without SMTP nothing is on its way: the notice says where the email is instead.
    const notice = page.getByRole('status').filter({ hasText: 'New activation link made' });
    await notice.getByText(/It works until/).waitFor();
    await notice.getByText(/the email is not sent: it is held on the Mail page\./).waitFor();
    assert.equal(await page.getByText(/on its way/).count(), 0, 'no promise of mail that is held');
    await title.getByText('Invited').waitFor();
    await page.getByRole('button', { name: 'Send activation link' }).waitFor();
    await screenshot(page, '87-activation-link-sent');

    const account = await ctx.call('GET', `/api/accounts/${person.id}`, { as: ctx.root });
    assert.equal(account.json().status, 'invited');
    await ctx.drainJobs();
    const mail = await ctx.call('GET', '/api/mail?limit=200', { as: ctx.root });
    const welcomes = mail.json().items.filter((m: { recipient: string }) => m.recipient === 'keiko.sato@lakeside.example');
    assert.equal(welcomes.length, 2, 'the first welcome and the new link');
  });

  test('an administrator of the tenant’s top organization changes its settings without choosing a tenant', async () => {
    const { ctx } = env();
    const admin = await signedInAdmin(ctx, lakeside);
    const other = await env().newPage();
    await signIn(other, admin.account.email, admin.account.password ?? '');
    await nav(other).getByRole('link', { name: 'Settings' }).click();
    await other.getByText('How Lakeside welcomes new people, and what its emails say.').waitFor();
    assert.equal(await other.getByRole('combobox', { name: 'Tenant' }).count(), 0, 'their one tenant needs no picker');
    await other.getByRole('textbox', { name: 'Registration window (days)' }).fill('14');
    await other.getByRole('button', { name: 'Save onboarding settings' }).click();
    await other.getByText('Onboarding settings saved').waitFor();
    assert.equal((await settingsOf()).registrationWindowDays, 14);
    await other.getByRole('link', { name: 'Edit Password reset' }).click();
    await other.getByRole('heading', { name: /Password reset/, level: 1 }).waitFor();
    await other.getByRole('button', { name: '{{resetUrl}} *' }).waitFor();
    await other.close();
  });

  test('a county administrator has no Settings link, and the settings page tells them why', async () => {
    const { ctx } = env();
    const admin = await signedInAdmin(ctx, county);
    const other = await env().newPage();
    await signIn(other, admin.account.email, admin.account.password ?? '');
    await other.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    assert.equal(await nav(other).getByRole('link', { name: 'Settings' }).count(), 0);
    await other.goto('/settings');
    await other.getByText('No tenant to configure').waitFor();
    await other.close();
  });
});
