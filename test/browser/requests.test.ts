import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { TestContext } from '../support/context.ts';
import { createOrg, signedInAdmin, type AccountRef, type OrgRef } from '../support/factories.ts';
import { coachingCatalog } from '../support/catalogs.ts';
import { submitRequest } from '../support/requests.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';

/** The path of the private link in the newest message of `kind` to `email` (links carry the public URL, not the test port). */
async function requestPath(ctx: TestContext, email: string, kind: string): Promise<string> {
  await ctx.drainJobs();
  const messages = (await ctx.services.outbox.messagesTo(ctx.database.db, email))
    .filter((m) => m.kind === kind)
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const match = /https?:\/\/[^/\s]+(\/my-request\/[A-Za-z0-9_-]+)/.exec(messages.at(-1)?.bodyText ?? '');
  assert.ok(match?.[1], `no private request link to ${email} in a ${kind} message`);
  return match[1];
}

describeInBrowser('console: account requests', (env) => {
  let tenant: OrgRef;
  let north: OrgRef;
  let admin: { account: AccountRef };
  let lead: { account: AccountRef };

  before(async () => {
    const { ctx } = env();
    tenant = await createOrg(ctx, 'Washington CECI');
    north = await createOrg(ctx, 'Early Learning North', tenant, 'program');
    const tenantAdmin = await signedInAdmin(ctx, tenant);
    admin = tenantAdmin;
    await coachingCatalog(ctx, tenantAdmin.session);
    lead = await signedInAdmin(ctx, north, 'Coach Lead');
    const form = await ctx.call('PUT', '/api/account-request-form', {
      as: tenantAdmin.session,
      body: {
        slug: 'wa-ceci',
        enabled: true,
        fields: { organization: 'optional', roleWanted: 'optional', programme: 'optional', message: 'optional' },
        listOrganizations: true,
        introduction: 'Ask here for a CECI account; we answer within two working days.',
      },
    });
    assert.equal(form.statusCode, 200, form.body);
  });

  test('a person asks on the public form; the handler asks their role with a template; they answer through their link; the handler creates the account, tags and resolves', async () => {
    const { ctx } = env();
    const email = 'dana.reyes@example.org';
    const visitor: Page = await env().newPage();
    await visitor.goto('/request-account/wa-ceci');
    await visitor.getByRole('heading', { name: 'Request a Washington CECI account', level: 1 }).waitFor();
    await visitor.getByLabel('First name').fill('Dana');
    await visitor.getByLabel('Last name').fill('Reyes');
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('combobox', { name: 'Organization' }).click();
    await visitor.getByRole('option', { name: 'Early Learning North' }).click();
    await visitor.getByLabel('Your role').fill('Coach Lead');
    await visitor.getByLabel('Programme').fill('Early Achievers');
    await visitor.getByLabel('Anything we should know').fill('I supervise the North coaches from next week.');
    await assertAccessible(visitor, 'public request form');
    await screenshot(visitor, '80-request-form');
    await visitor.getByRole('button', { name: 'Send the request' }).click();
    await visitor.getByRole('heading', { name: 'Request sent' }).waitFor();
    await assertAccessible(visitor, 'request sent');

    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByLabel('1 open request').waitFor();
    await nav.getByRole('link', { name: /Requests/ }).click();
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Dana Reyes' }).click();
    await page.getByRole('heading', { name: /Request no\. \d+: Dana Reyes/ }).waitFor();
    await page.getByText('I supervise the North coaches from next week.').waitFor();

    await page.getByRole('combobox', { name: 'Response template' }).click();
    await page.getByRole('option', { name: 'Ask for role and programme' }).click();
    await page.getByLabel('Preview').getByText('Hello Dana,').waitFor();
    await assertAccessible(page, 'request page with a template preview');
    await screenshot(page, '81-request-reply');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText(`The reply was emailed to ${email}.`).waitFor();
    await page.getByText('Waiting for the person').first().waitFor();

    await visitor.goto(await requestPath(ctx, email, 'account_request_reply'));
    await visitor.getByText(/could you tell us what your role is/).waitFor();
    await visitor.getByLabel('Your answer').fill('I am the new Coach Lead for Early Learning North.');
    await visitor.getByRole('button', { name: 'Send the answer' }).click();
    await visitor.getByText('Thank you: your answer was added to your request.').waitFor();
    await assertAccessible(visitor, 'follow a request');
    await screenshot(visitor, '82-my-request');

    await page.reload();
    await page.getByText('I am the new Coach Lead for Early Learning North.').waitFor();
    await page.getByText('No existing account matches this email or name.').waitFor();
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Coach Lead' }).click();
    await page.getByRole('button', { name: 'Create the account and send the welcome' }).click();
    await page.getByText('The account of Dana Reyes was created; the welcome email with an activation link is on its way.').waitFor();
    await ctx.drainJobs();
    const kinds = (await ctx.services.outbox.messagesTo(ctx.database.db, email)).map((m) => m.kind);
    assert.ok(kinds.includes('welcome_activation'), `welcomed with an activation link (${kinds.join(', ')})`);

    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('New CECI Account');
    await tags.press('Enter');
    await page.getByText('Tags saved.').waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('The request is resolved.').waitFor();
    await assertAccessible(page, 'resolved request');
    await screenshot(page, '83-request-resolved');

    await page.getByRole('link', { name: '← Requests' }).click();
    await page.getByText('Average time to resolve').waitFor();
    await page.locator('label', { hasText: /^Resolved/ }).click();
    await page.getByRole('link', { name: 'Dana Reyes' }).waitFor();
    await page.getByText('New CECI Account').waitFor();
    await assertAccessible(page, 'requests inbox');
  });

  test('a request handed to a coach lead shows in the lead’s queue, and the lead invites the person', async () => {
    const { ctx } = env();
    const email = 'sam.coach@example.org';
    const sent = await submitRequest(ctx, {
      tenant: 'wa-ceci',
      firstName: 'Sam',
      lastName: 'Coach',
      email,
      orgId: north.id,
      roleWanted: 'Coach',
    });
    assert.equal(sent.statusCode, 202, sent.body);
    const stored = await ctx.call('GET', '/api/account-requests?q=sam.coach', { as: ctx.root });
    assert.equal(stored.json().items.length, 1, stored.body);

    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Requests/ })
      .click();
    await page.getByRole('link', { name: 'Sam Coach' }).click();
    await page.getByRole('combobox', { name: 'Person' }).click();
    await page.getByRole('option', { name: new RegExp(`Coach Lead · Early Learning North`) }).click();
    await page.getByRole('button', { name: 'Hand the request over' }).click();
    await page.getByText(/The request was handed to .*; it is now in their queue\./).waitFor();
    await page.getByRole('combobox', { name: 'Response template' }).click();
    await page.getByRole('option', { name: 'Sent to the person who invites' }).click();
    await page
      .getByLabel('Preview')
      .getByText(new RegExp(`the person who invites you is .* \\(${lead.account.email.replace(/[.]/g, '\\.')}\\)`))
      .waitFor();
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText(`The reply was emailed to ${email}.`).waitFor();

    const leadPage = await env().newPage();
    await signIn(leadPage, lead.account.email, lead.account.password ?? '');
    await leadPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Requests/ })
      .click();
    await leadPage.getByText('Average time to resolve').waitFor();
    await leadPage.locator('label', { hasText: /^Waiting/ }).click();
    await leadPage.getByRole('link', { name: 'Sam Coach' }).click();
    await leadPage.getByRole('heading', { name: /Sam Coach/ }).waitFor();
    assert.equal(await leadPage.getByRole('button', { name: 'Hand the request over' }).count(), 0, 'the lead does not hand it on');
    await assertAccessible(leadPage, 'request handed to a coach lead');
    await screenshot(leadPage, '84-request-handed-to-lead');

    await leadPage.goto('/invitations');
    await leadPage.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = leadPage.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await leadPage.getByRole('option', { name: 'Coach' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    // Without SMTP the invitation is made and its link shown to copy; with SMTP it is sent.
    await leadPage.getByText(/^The invitation (of .+ was made|was sent)\.$/).waitFor();

    await leadPage.goBack();
    await leadPage.getByRole('heading', { name: /Sam Coach/ }).waitFor();
    await leadPage.getByRole('button', { name: 'Resolve' }).click();
    await leadPage.getByText('The request is resolved.').waitFor();
  });
});

describeInBrowser('console: request settings', (env) => {
  test('the tenant administrator shares the form’s address, asks for the programme, and rewords a response template with a preview', async () => {
    const { ctx } = env();
    const tenant = await createOrg(ctx, 'Oregon Coaching');
    const admin = await signedInAdmin(ctx, tenant);
    const page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password ?? '');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Request form', level: 2 }).waitFor();
    await page.getByLabel('Short name in the address').fill('oregon-coaching');
    await page
      .locator('label', { hasText: /^Required$/ })
      .nth(2)
      .click();
    await page.getByRole('button', { name: 'Save the request form' }).click();
    await page.getByText('Request form saved').waitFor();
    await page.getByRole('link', { name: /\/request-account\/oregon-coaching$/ }).waitFor();

    await page.getByRole('button', { name: 'Edit Ask for role and programme' }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit Ask for role and programme' });
    await drawer.getByLabel('Reply').fill('Hello {{firstName}}, which programme do you work for? Answer here: {{requestUrl}}');
    await drawer.getByLabel('Preview').getByText('Hello Ana, which programme do you work for?', { exact: false }).waitFor();
    await assertAccessible(page, 'response template drawer');
    await screenshot(page, '85-response-template');
    await drawer.getByRole('button', { name: 'Save the template' }).click();
    await page.getByText('built in, reworded').waitFor();
    await assertAccessible(page, 'settings with request form');

    const form = await ctx.call('GET', '/api/public/account-requests/forms/oregon-coaching');
    assert.equal(form.json().fields.programme, 'required');
  });
});
