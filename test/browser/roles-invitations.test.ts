import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestContext } from '../support/context.ts';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { coachingCatalog, educatorCatalog } from '../support/catalogs.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/** The path of the newest registration link emailed to `email`. */
async function registrationPath(ctx: TestContext, email: string): Promise<string> {
  const messages = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).filter((m) => m.kind === 'invitation');
  const newest = messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  const match = /https?:\/\/[^/\s]+(\/register\/[A-Za-z0-9_-]+)/.exec(newest?.bodyText ?? '');
  assert.ok(match?.[1], `no invitation link to ${email}`);
  return match[1];
}

describeInBrowser('console: role limits and invitations', (env) => {
  let schools: OrgRef;
  let district: OrgRef;
  let lincoln: OrgRef;
  let program: OrgRef;

  before(async () => {
    const { ctx } = env();
    schools = await createOrg(ctx, 'California Colleges');
    district = await createOrg(ctx, 'Lincoln Unified', schools, 'district');
    lincoln = await createOrg(ctx, 'Lincoln High', district, 'site');
    const tenantAdmin = await signedInAdmin(ctx, schools);
    await educatorCatalog(ctx, tenantAdmin.session);
    await ctx.call('PATCH', '/api/roles/site_admin', { as: tenantAdmin.session, body: { perOrgLimit: null } });
    for (let i = 0; i < 2; i += 1) await createAccount(ctx, { orgId: lincoln.id, role: 'Site Admin' });

    const coaching = await createOrg(ctx, 'Washington CECI');
    program = await createOrg(ctx, 'Early Learning North', coaching, 'program');
    const coachingAdmin = await signedInAdmin(ctx, coaching);
    await coachingCatalog(ctx, coachingAdmin.session);
  });

  test('the tenant administrator limits Site Admin to 2 per school; the third is refused in the form and the invite dialog', async () => {
    const { ctx } = env();
    const admin = await signedInAdmin(ctx, schools);
    const page: Page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Roles', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Edit Site Admin' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit Site Admin' });
    await drawer.getByText('Invite people by email to register, in the roles their own role lists as invitable.').waitFor();
    await assertAccessible(page, 'role drawer');
    await drawer.getByRole('switch', { name: 'Limit how many people hold it at one organization' }).check({ force: true });
    await drawer.getByRole('textbox', { name: 'At most' }).fill('2');
    await drawer.getByRole('button', { name: 'Save role' }).click();
    await page.getByRole('cell', { name: 'At most 2 (refuse)' }).waitFor();
    await screenshot(page, '60-roles-settings');

    await page.goto('/accounts/new');
    await page.getByRole('combobox', { name: 'Organization', exact: true }).click();
    await page.getByRole('option', { name: /Lincoln High/ }).click();
    await page.getByRole('combobox', { name: 'Role' }).click();
    const full = page.getByRole('option', { name: 'Site Admin: 2 of 2 at Lincoln High (full)' });
    await full.waitFor();
    assert.equal(await full.getAttribute('aria-disabled'), 'true', 'a full role cannot be chosen');
    await page.keyboard.press('Escape');
    await assertAccessible(page, 'add account with a full role');

    await page.goto('/invitations');
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByRole('combobox', { name: 'Organization' }).click();
    await page.getByRole('option', { name: /Lincoln High/ }).click();
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Site Admin: 2 of 2 at Lincoln High (full)' }).waitFor();
    await page.keyboard.press('Escape');
    await assertAccessible(page, 'invite dialog');
    await screenshot(page, '61-invite-dialog-full');
  });

  test('a coach lead invites a coach, who registers and lands in the lead’s default group; a revoked link says so', async () => {
    const { ctx } = env();
    const lead = await signedInAdmin(ctx, program, 'Coach Lead');
    const group = await ctx.call('POST', '/api/groups', { as: lead.session, body: { orgId: program.id, name: 'North coaches' } });
    await ctx.call('PATCH', `/api/accounts/${lead.account.id}`, { as: lead.session, body: { defaultGroupId: group.json().id } });

    const page: Page = await env().newPage();
    await signIn(page, lead.account.email, lead.account.password ?? '');
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('new.coach@example.org');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    const roleOptions = await page.getByRole('option').allInnerTexts();
    assert.deepEqual(roleOptions, ['Coach'], 'a coach lead may invite coaches only');
    await page.getByRole('option', { name: 'Coach' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    // No SMTP server in the tests: the mail is held, so the lead is handed the link to pass on.
    await page.getByText('The invitation of new.coach@example.org was made.').waitFor();
    await page.getByRole('cell', { name: 'Coach at Early Learning North' }).waitFor();
    const linkBox = page.getByRole('textbox', { name: 'Registration link for new.coach@example.org' });
    const link = await linkBox.inputValue();
    assert.ok(link.endsWith(await registrationPath(ctx, 'new.coach@example.org')), 'the link shown is the one the held email carries');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await assertAccessible(page, 'invitations page');
    await screenshot(page, '62-invitations');

    const visitor = await env().newPage();
    await visitor.goto(new URL(link).pathname);
    await visitor.getByText(/invited you to join Early Learning North as Coach, in the group North coaches/).waitFor();
    await visitor.getByLabel('First name').fill('Nora');
    await visitor.getByLabel('Last name').fill('Coach');
    await visitor.getByLabel('Password', { exact: true }).fill('river-stone-lantern-9');
    await visitor.getByLabel('Confirm password').fill('river-stone-lantern-9');
    await visitor.getByRole('button', { name: 'Set up account and sign in' }).click();
    await visitor.waitForURL((url) => !url.pathname.startsWith('/register'));
    const members = (await ctx.call('GET', `/api/groups/${group.json().id}`, { as: lead.session })).json().members;
    assert.ok(members.some((m: { email: string }) => m.email === 'new.coach@example.org'));

    await dialogInvite(page, 'withdrawn.coach@example.org');
    await page.getByRole('button', { name: 'Revoke the invitation of withdrawn.coach@example.org' }).click();
    await page.getByText('The invitation of withdrawn.coach@example.org was withdrawn.').waitFor();
    const revoked = await env().newPage();
    await revoked.goto(await registrationPath(ctx, 'withdrawn.coach@example.org'));
    await revoked.getByText('This invitation was withdrawn').waitFor();
    await assertAccessible(revoked, 'withdrawn invitation');
    await screenshot(revoked, '63-invitation-withdrawn');
  });
});

describeInBrowser('console: an expired invitation', (env) => {
  test('is re-sent from the Expired tab, and the new link registers the person', async () => {
    const { ctx } = env();
    const coaching = await createOrg(ctx, 'Oregon Coaching');
    const north = await createOrg(ctx, 'Coast Program', coaching, 'program');
    const coachingAdmin = await signedInAdmin(ctx, coaching);
    await coachingCatalog(ctx, coachingAdmin.session);
    const lead = await signedInAdmin(ctx, north, 'Coach Lead');
    const sent = await ctx.call('POST', '/api/invitations', {
      as: lead.session,
      body: { email: 'late.coach@example.org', orgId: north.id, role: 'Coach' },
    });
    assert.equal(sent.statusCode, 201, sent.body);
    const oldPath = await registrationPath(ctx, 'late.coach@example.org');
    // The registration window passes: the link lapses and the nightly sweep marks the invitation expired.
    const past = '2000-01-01T00:00:00.000Z';
    await ctx.database.db.updateTable('oneTimeTokens').set({ expiresAt: past }).where('accountId', '=', sent.json().accountId).execute();
    await ctx.database.db.updateTable('invitations').set({ expiresAt: past }).where('id', '=', sent.json().id).execute();
    await ctx.services.activation.expireLapsedInvitations();

    const page: Page = await env().newPage();
    await signIn(page, lead.account.email, lead.account.password ?? '');
    await page.getByRole('link', { name: 'Invitations' }).click();
    await page.locator('label', { hasText: /^Expired$/ }).click();
    await page.getByRole('button', { name: 'Resend the invitation of late.coach@example.org' }).click();
    await page.getByText('A new link for late.coach@example.org was made; the old one no longer works.').waitFor();
    // Mail is held: the new link is shown once, to copy and pass on.
    const link = await page.getByRole('textbox', { name: 'Registration link for late.coach@example.org' }).inputValue();
    assert.ok(link.endsWith(await registrationPath(ctx, 'late.coach@example.org')));
    await assertAccessible(page, 'expired invitations');
    await screenshot(page, '67-invitation-resent-link');

    const visitor = await env().newPage();
    await visitor.goto(oldPath);
    await visitor.getByText('This link has expired').waitFor();
    await visitor.goto(new URL(link).pathname);
    await visitor.getByLabel('First name').fill('Late');
    await visitor.getByLabel('Last name').fill('Coach');
    await visitor.getByLabel('Password', { exact: true }).fill('river-stone-lantern-9');
    await visitor.getByLabel('Confirm password').fill('river-stone-lantern-9');
    await visitor.getByRole('button', { name: 'Set up account and sign in' }).click();
    await visitor.waitForURL((url) => !url.pathname.startsWith('/register'));
    const accepted = await ctx.call('GET', '/api/invitations?status=accepted', { as: lead.session });
    assert.ok(accepted.json().items.some((i: { email: string }) => i.email === 'late.coach@example.org'));
  });
});

async function dialogInvite(page: Page, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Invite someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite someone' });
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('combobox', { name: 'Role' }).click();
  await page.getByRole('option', { name: 'Coach' }).click();
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await page.getByRole('button', { name: `Revoke the invitation of ${email}` }).waitFor();
}
