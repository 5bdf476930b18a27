import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCoaching } from '../../src/server/modules/demo/coaching-world.ts';
import { assertAccessible, describeInBrowser } from './harness.ts';
import { choose, demoKit, guidePage, guideShot, signedInAs } from './guides-support.ts';

// Guide 002 (docs/guides/002-coaching.md): the coaching programme's help desk runbook, with each person
// it names — the help desk administrator, a Program Director and a Coach Lead — in the demo's world.
const helpDesk = 'leslie.janes@celc.example.org';
const director = 'dawn.whitaker@celc.example.org';
const coachLead = 'tomas.reyes@celc.example.org';
const programme = 'Cascade Early Learning Coaching';

describeInBrowser('guide 002: a coaching programme’s help desk, directors and coach leads', (env) => {
  let page: Page;

  before(async () => {
    await loadCoaching(demoKit(env().ctx));
    page = await guidePage(env().newPage);
    await signedInAs(page, helpDesk);
  });

  test('the help desk creates a user with a role and a temporary password', async () => {
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'First name' }).fill('Jamal');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Carter');
    await page.getByRole('textbox', { name: 'Email' }).fill('jamal.carter@dcyf.example.org');
    await choose(page, 'Organization', programme);
    await choose(page, 'Organization', programme);
    await choose(page, 'Role', 'Coach Lead');
    await page.getByLabel('Temporary password').fill('Cascade-Start-2026');
    await assertAccessible(page, 'add a user with a temporary password');
    await guideShot(page, '002-01-create-user');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Jamal Carter', level: 1 }).waitFor();
    await page.getByText('Active', { exact: true }).first().waitFor();
    await assertAccessible(page, 'the new user');
    await guideShot(page, '002-02-user-created');
    // The notice stays until dismissed; later pictures of other pages should not carry it.
    await page.getByRole('button', { name: 'Dismiss notification' }).first().click();
    const { ctx } = env();
    const first = await ctx.call('POST', '/api/auth/login', {
      body: { username: 'jamal.carter@dcyf.example.org', password: 'Cascade-Start-2026' },
    });
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().mustChangePassword, true, 'the temporary password is changed at first sign-in');
  });

  test('a Program Director invites a coachee', async () => {
    const dawn = await guidePage(env().newPage);
    await signedInAs(dawn, director);
    await dawn.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
    await dawn.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = dawn.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('rosa.flores@sunnysidekids.example.org');
    await dialog.getByRole('textbox', { name: 'First name' }).fill('Rosa');
    await dialog.getByRole('textbox', { name: 'Last name' }).fill('Flores');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    const offered = await dawn.getByRole('option').allInnerTexts();
    assert.deepEqual(offered, ['Coachee'], 'a Program Director invites coachees only');
    await dawn.getByRole('option', { name: 'Coachee' }).click();
    await assertAccessible(dawn, 'invite a coachee');
    await guideShot(dawn, '002-03-director-invites');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dawn.getByText(/^The invitation (of rosa\.flores@sunnysidekids\.example\.org was made|was sent)\.$/).waitFor();
    await dawn.getByRole('cell', { name: /Coachee at North Sound Region/ }).waitFor();
    await assertAccessible(dawn, 'the director’s invitations');
    await guideShot(dawn, '002-04-director-invited');
    await dawn.close();
  });

  test('a Coach Lead invites a coach, who registers into the lead’s default group', async () => {
    const tomas = await guidePage(env().newPage);
    await signedInAs(tomas, coachLead);
    await tomas.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
    await tomas.getByRole('button', { name: 'Invite someone' }).click();
    const dialog = tomas.getByRole('dialog', { name: 'Invite someone' });
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ben.okafor@northsound.example.org');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await tomas.getByRole('option', { name: 'Coach', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Group' }).click();
    await tomas.getByRole('option', { name: /North Sound coaches/ }).waitFor();
    await tomas.keyboard.press('Escape');
    await assertAccessible(tomas, 'invite a coach');
    await guideShot(tomas, '002-05-lead-invites');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await tomas.getByText(/^The invitation (of ben\.okafor@northsound\.example\.org was made|was sent)\.$/).waitFor();
    const link = await tomas.getByRole('textbox', { name: 'Registration link for ben.okafor@northsound.example.org' }).inputValue();
    await assertAccessible(tomas, 'the lead’s invitations with the link');
    await guideShot(tomas, '002-06-lead-invited');

    const coach = await guidePage(env().newPage);
    await coach.goto(new URL(link).pathname);
    await coach.getByText(/in the group North Sound coaches/).waitFor();
    await coach.getByLabel('First name').fill('Ben');
    await coach.getByLabel('Last name').fill('Okafor');
    await coach.getByLabel('Password', { exact: true }).fill('tide-pool-lantern-7');
    await coach.getByLabel('Confirm password').fill('tide-pool-lantern-7');
    await assertAccessible(coach, 'registration page');
    await guideShot(coach, '002-07-coach-registers');
    await coach.getByRole('button', { name: 'Set up account and sign in' }).click();
    await coach.getByRole('navigation', { name: 'Main' }).waitFor();
    await coach.close();

    await tomas.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Groups' }).click();
    await tomas.getByRole('button', { name: 'Members of North Sound coaches' }).click();
    await tomas.getByRole('dialog').getByText('Ben Okafor').first().waitFor();
    await assertAccessible(tomas, 'the lead’s groups');
    await guideShot(tomas, '002-08-default-group');
    await tomas.close();
  });

  test('the help desk answers a request with a response template, creates the account, tags and resolves it', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: /Requests/ }).click();
    await page.getByRole('heading', { name: 'Requests', level: 1 }).waitFor();
    await assertAccessible(page, 'the request queue');
    await guideShot(page, '002-09-queue');
    await page.getByRole('link', { name: 'Carlos Ruiz' }).click();
    await page.getByRole('heading', { name: /Request no\. \d+: Carlos Ruiz/ }).waitFor();
    await page.getByText('I joined the coaching team this week.').waitFor();

    // A Cultivate Learning staff member: the runbook creates the account, then tells them how to sign in.
    await choose(page, 'Organization', programme);
    await choose(page, 'Role', 'Coach Lead');
    await page.getByLabel('Temporary password').fill('Cascade-Start-2026');
    await page.getByRole('button', { name: 'Create the account and send the welcome' }).click();
    await page.getByText(/The account of Carlos Ruiz was created/).waitFor();

    await page.getByRole('combobox', { name: 'Response template' }).click();
    await page.getByRole('option', { name: 'Account created' }).click();
    // The programme's own words (the demo rewords the built-in reply): how the temporary password reaches them.
    const preview = page.getByLabel('Preview');
    await preview.getByText(/Hello Carlos,/).waitFor();
    await preview.getByText(/Your temporary password reaches you separately/).waitFor();
    await assertAccessible(page, 'a reply from a template');
    await guideShot(page, '002-10-reply-template');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('The reply was emailed to carlos.ruiz@cultivate.example.org.').waitFor();

    const tags = page.getByRole('combobox', { name: 'Tags' });
    await tags.fill('New CECI Account');
    await tags.press('Enter');
    await page.getByText('Tags saved.').waitFor();
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByText('The request is resolved.').waitFor();
    await assertAccessible(page, 'the resolved request');
    await guideShot(page, '002-11-resolved');
  });
});
