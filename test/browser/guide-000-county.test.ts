import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { loadStatewide } from '../../src/server/modules/demo/statewide-world.ts';
import { assertAccessible, describeInBrowser } from './harness.ts';
import { choose, demoKit, guidePage, guideShot, signedInAs } from './guides-support.ts';
import { chooseFile, downloadText, runJobsInBackground } from './imports-support.ts';

// Guide 000 (docs/guides/000-county-administrators.md), step by step as Riverside County's administrator
// in the demo's statewide world; the force enrollment, an administrator's article, as the state's.
const county = 'renee.okafor@gscwt.example.org';
const state = 'dolores.ybarra@gscwt.example.org';
const partners = 'California Community Partners';
interface Person {
  first: string;
  last: string;
  email: string;
}
const newPartner: Person = { first: 'Lena', last: 'Ortiz', email: 'lena.ortiz@riversidefamilies.example.org' };
// Two partners from the same community organisation, uploaded in bulk and later archived by the Status column.
const hopeHouse: Person[] = [
  { first: 'Omar', last: 'Haddad', email: 'omar.haddad@hopehouse.example.org' },
  { first: 'Grace', last: 'Lindqvist', email: 'grace.lindqvist@hopehouse.example.org' },
  { first: 'Tariq', last: 'Noor', email: 'tariq.noor@hopehouse.example.org' },
];
const riversideDomain = 'partners.riverside.example.org';

/** Rows in the creation tab's 17 columns, taken from the header of the downloaded template. */
function creationFile(header: string, people: typeof hopeHouse, status = 'Active'): string {
  const columns = header.split(',');
  const rows = people.map((p) =>
    columns
      .map((c) => {
        const values: Record<string, string> = {
          UserID: p.email,
          LastName: p.last,
          FirstName: p.first,
          Email: p.email,
          Status: status,
          Affiliation: partners,
          EmployeeType: 'Riverside County Community Partner',
        };
        return values[c] ?? '';
      })
      .join(','),
  );
  return `${[header, ...rows].join('\r\n')}\r\n`;
}

async function openProfile(page: Page, person: Person): Promise<void> {
  await page.goto(`/accounts?q=${encodeURIComponent(person.email)}`);
  await page.getByRole('link', { name: `${person.first} ${person.last}` }).click();
  await page.getByRole('heading', { name: 'Enrollments' }).waitFor();
}

/** Enrolls the person whose profile is open; `beforeConfirming` may tick Force. Returns what the dialog said. */
async function enroll(page: Page, person: Person, target: string, beforeConfirming?: (dialog: Locator) => Promise<void>): Promise<string> {
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Enroll ${person.first} ${person.last}` });
  await dialog.getByRole('combobox', { name: 'Section or learning path' }).click();
  await page.getByRole('option', { name: new RegExp(target) }).click();
  await dialog.getByText(`This enrolls 1 person: ${person.first} ${person.last}.`).waitFor();
  if (beforeConfirming) await beforeConfirming(dialog);
  else assert.equal(await dialog.getByRole('checkbox', { name: /Force/ }).count(), 0, 'a county administrator does not force');
  await dialog.getByRole('button', { name: 'Enroll 1 person' }).click();
  const outcome = (await dialog.getByRole('status').textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  return outcome;
}

const countsOf = (page: Page, list: string, label: string, count: string) =>
  page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: label }).getByText(count, { exact: true }).waitFor();

describeInBrowser('guide 000: a county administrator manages community partners', (env) => {
  runJobsInBackground(() => env().ctx);
  let page: Page;
  let elsewhere: { firstName: string; lastName: string };

  before(async () => {
    const { ctx } = env();
    // 200 partners: Riverside holds 30 of them (one archived already), more than a page of 25; a Los Angeles
    // section overflows into its waitlist, so forcing means something.
    await loadStatewide(demoKit(ctx), 200);
    const orgs = (await ctx.call('GET', '/api/orgs', { as: ctx.root })).json() as { items: Array<{ id: string; name: string }> };
    const riverside = orgs.items.find((o) => o.name === 'Riverside County');
    const contract = await ctx.call('POST', '/api/seat-contracts', {
      as: ctx.root,
      body: { orgId: riverside?.id, seats: 40, startsOn: '2026-07-01', endsOn: '2027-06-30', warnAt: 90, mode: 'warn' },
    });
    assert.equal(contract.statusCode, 201, contract.body);
    const la = await ctx.call('GET', '/api/accounts?emailDomain=partners.los-angeles.example.org&limit=1', { as: ctx.root });
    elsewhere = la.json().items[0];
    page = await guidePage(env().newPage);
    await signedInAs(page, county);
  });

  test('check for an existing account, then create one', async () => {
    const who = `${elsewhere.firstName} ${elsewhere.lastName}`;
    await page.getByRole('searchbox', { name: 'Search accounts' }).fill(who);
    await page.getByText('No accounts match').waitFor();
    await assertAccessible(page, 'accounts search');
    await guideShot(page, '000-01-search');

    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'First name' }).fill(elsewhere.firstName);
    await page.getByRole('textbox', { name: 'Last name' }).fill(elsewhere.lastName);
    await page.getByRole('textbox', { name: 'Email' }).fill(`${elsewhere.firstName.toLowerCase()}@another.example.org`);
    const warning = page.getByTestId('duplicate-check');
    await warning.getByText('This may be someone who already has an account').waitFor();
    await assertAccessible(page, 'add account with a likely duplicate elsewhere');
    await guideShot(page, '000-02-duplicate-elsewhere');

    await page.getByRole('textbox', { name: 'First name' }).fill(newPartner.first);
    await page.getByRole('textbox', { name: 'Last name' }).fill(newPartner.last);
    await page.getByRole('textbox', { name: 'Email' }).fill(newPartner.email);
    await page.getByRole('textbox', { name: 'Affiliation' }).fill(partners);
    await page.getByRole('textbox', { name: 'Employee type' }).fill('Riverside County Community Partner');
    await page.getByLabel('Date of hire').fill('2026-12-01');
    await page.getByRole('checkbox', { name: 'Supervisor' }).check();
    await warning.getByRole('alert').waitFor({ state: 'detached' });
    await guideShot(page, '000-03-add-account');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: `${newPartner.first} ${newPartner.last}`, level: 1 }).waitFor();
    await page.getByText('Invited', { exact: true }).first().waitFor();
    await assertAccessible(page, 'new account profile');
    await guideShot(page, '000-04-created');
  });

  test('a username change is asked of the state: the county is not offered the field, the state changes it', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: `Edit ${newPartner.first} ${newPartner.last}`, level: 1 }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Username' }).count(), 0, 'a county administrator does not change usernames');

    const admin = await guidePage(env().newPage);
    await signedInAs(admin, state);
    await openProfile(admin, newPartner);
    await admin.getByRole('link', { name: 'Edit' }).click();
    const username = admin.getByRole('textbox', { name: 'Username' });
    await username.fill('lena.ortiz');
    await assertAccessible(admin, 'edit with the username');
    await guideShot(admin, '000-04b-username');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByRole('heading', { name: `${newPartner.first} ${newPartner.last}`, level: 1 }).waitFor();
    await admin.getByText('lena.ortiz', { exact: true }).waitFor();
    await admin.close();
  });

  test('download the template, preview the file, upload it, and read the emailed log', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New import' }).first().click();
    await choose(page, 'Template', 'County community partners');
    const template = await downloadText(page, () => page.getByRole('link', { name: 'Download template' }).click());
    const header = template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    assert.ok(header.startsWith('UserID,LastName,FirstName,Email,Password,Status,Affiliation,OrganizationName,EmployeeType'), header);
    await assertAccessible(page, 'new import with the county template');
    await guideShot(page, '000-05-template');

    await chooseFile(page, 'hope-house-partners.csv', creationFile(header, hopeHouse));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    await countsOf(page, 'What the import will do', 'Create', '3');
    await assertAccessible(page, 'import preview');
    await guideShot(page, '000-06-preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Import now' }).click();
    await page.getByText('3 created.').waitFor({ timeout: 30_000 });
    await assertAccessible(page, 'completed import');
    await guideShot(page, '000-07-imported');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mail' }).click();
    await page.getByRole('heading', { name: 'Mail', level: 1 }).waitFor();
    await choose(page, 'Kind', 'Import log');
    await page.getByRole('link', { name: 'Import of hope-house-partners.csv: no rows failed' }).click();
    await page.getByText(/Records processed: 3/).waitFor();
    await assertAccessible(page, 'the import log email');
    await guideShot(page, '000-08-import-log-mail');
  });

  test('archive one account from its profile', async () => {
    const [omar] = hopeHouse;
    await page.goto(`/accounts?q=${encodeURIComponent(omar?.email ?? '')}`);
    await page.getByRole('link', { name: `${omar?.first} ${omar?.last}` }).click();
    await page.getByRole('button', { name: 'Archive' }).click();
    const dialog = page.getByRole('dialog', { name: `Archive ${omar?.first} ${omar?.last}?` });
    await assertAccessible(page, 'archive dialog');
    await guideShot(page, '000-09-archive-one');
    await dialog.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await page.getByText('Archived', { exact: true }).first().waitFor();
  });

  test('archive by the Status column, with the archival template', async () => {
    await page.goto('/imports/new');
    await choose(page, 'Template', 'County archival');
    const template = await downloadText(page, () => page.getByRole('link', { name: 'Download template' }).click());
    const header = template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    assert.equal(header, 'UserID,LastName,FirstName,Email,Affiliation,EmploymentType,Status');
    const grace = hopeHouse[1];
    await chooseFile(
      page,
      'hope-house-leaving.csv',
      `${header}\r\n${grace?.email},${grace?.last},${grace?.first},${grace?.email},${partners},Riverside County Community Partner,Archived\r\n`,
    );
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    await countsOf(page, 'What the import will do', 'Archive', '1');
    await assertAccessible(page, 'archival preview');
    await guideShot(page, '000-10-archive-by-status');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Import now' }).click();
    await page.getByText('1 archived.').waitFor({ timeout: 30_000 });
  });

  test('archive in bulk: filter by affiliation and email domain, select all that match, confirm the count', async () => {
    const { ctx } = env();
    const before = await ctx.call('GET', `/api/accounts?emailDomain=${riversideDomain}&status=invited&limit=1`, { as: ctx.root });
    const total = before.json().total as number;
    assert.ok(total > 25, `more than a page of partners (${total})`);
    // The guide's "Learner Status = Active": here the accounts still waiting for their first sign-in.
    await page.goto('/accounts?status=invited');
    // One filter at a time: each is sent once typing pauses (see the report on filling two within that pause).
    await page.getByRole('textbox', { name: 'Affiliation' }).fill(partners);
    await page.waitForURL(/affiliation=/);
    await page.getByRole('textbox', { name: 'Email domain' }).fill(riversideDomain);
    await page.waitForURL(/emailDomain=/);
    await page.getByText(`${total} accounts match`).waitFor();
    await page.getByRole('checkbox', { name: 'Select every account on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected accounts' });
    await bar.getByRole('button', { name: `Select all ${total} accounts matching` }).click();
    await bar.getByText(`${total} accounts selected`).waitFor();
    await assertAccessible(page, 'every match selected');
    await guideShot(page, '000-11-bulk-select');
    await bar.getByRole('button', { name: 'Actions' }).click();
    await page.getByRole('menuitem', { name: 'Archive…' }).click();
    const dialog = page.getByRole('dialog', { name: `Archive ${total} accounts?` });
    await dialog.getByText(new RegExp(`${total} accounts will be archived`)).waitFor();
    await assertAccessible(page, 'bulk archive confirmation');
    await guideShot(page, '000-12-bulk-confirm');
    await dialog.getByRole('button', { name: `Archive ${total} accounts` }).click();
    await page.getByText('Completed', { exact: true }).waitFor({ timeout: 30_000 });
    await assertAccessible(page, 'bulk archive result');
    await guideShot(page, '000-13-bulk-done');
    const after = await ctx.call('GET', `/api/accounts?emailDomain=${riversideDomain}&status=invited&limit=1`, { as: ctx.root });
    assert.equal(after.json().total, 0);
  });

  test('enroll one partner in a section, another in a learning path', async () => {
    await openProfile(page, newPartner);
    await enroll(page, newPartner, 'MR-101-B', async () => {
      await assertAccessible(page, 'enroll dialog');
      await guideShot(page, '000-14-enroll-section');
    });
    await page.getByRole('link', { name: 'MR-101-B' }).waitFor();

    const tariq = hopeHouse[2] as Person;
    await openProfile(page, tariq);
    // The path's first course has its soonest section full: Tariq waits there, and has his place in the second.
    const outcome = await enroll(page, tariq, 'CPF-100');
    assert.match(outcome, /on the waitlist/, outcome);
    await page.getByRole('link', { name: 'TIP-201-A' }).waitFor();
    await page.getByRole('heading', { name: 'Enrollments' }).scrollIntoViewIfNeeded();
    await assertAccessible(page, 'profile with a learning path');
    await guideShot(page, '000-15-enrolled-path');
  });

  test('force enroll a waitlisted partner into the full section, with a reason (the state administrator)', async () => {
    const admin = await guidePage(env().newPage);
    await signedInAs(admin, state);
    const tariq = hopeHouse[2] as Person;
    await openProfile(admin, tariq);
    const outcome = await enroll(admin, tariq, 'MR-101-A', async (dialog) => {
      await dialog.getByRole('checkbox', { name: /Force/ }).check();
      await dialog
        .getByRole('textbox', { name: 'Reason for forcing' })
        .fill('Riverside County approved Tariq for the December session by email.');
      await assertAccessible(admin, 'force enroll dialog');
      await guideShot(admin, '000-16-force');
    });
    assert.match(outcome, /forced/, outcome);
    await admin.getByRole('link', { name: 'MR-101-A' }).first().click();
    await admin.getByRole('region', { name: 'Enrolled' }).getByText('Forced').first().waitFor();
    await assertAccessible(admin, 'section with a forced enrollment');
    await admin.close();
  });

  test('read the seats: the county’s contract, its chart and the badge', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Seats' }).click();
    await page.getByRole('heading', { name: 'Seats', level: 1 }).waitFor();
    await page.getByRole('heading', { name: /40 seats, / }).waitFor();
    await page
      .getByText(/^Seats \d+ \/ 40/)
      .first()
      .waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await assertAccessible(page, 'seats page');
    await guideShot(page, '000-17-seats');
  });
});
