import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { createAccount, createOrg, uniqueSuffix, type AccountRef, type OrgRef } from '../support/factories.ts';
import { adminEmail, adminPassword, assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';
import { chooseFile, runJobsInBackground } from './imports-support.ts';

describeInBrowser('console: courses, sections, waitlist and force', (env) => {
  let state: OrgRef;
  const people: AccountRef[] = [];
  const code = `CP${uniqueSuffix()}`.toUpperCase();
  const sectionCode = `${code}-A`;
  // Imports plan and commit as jobs: the last journey enrolls from a file.
  runJobsInBackground(() => env().ctx);

  before(async () => {
    const { ctx } = env();
    state = await createOrg(ctx, 'Journey State');
    for (let i = 0; i < 4; i += 1)
      people.push(await createAccount(ctx, { orgId: state.id, firstName: `Learner${i + 1}`, lastName: 'Journey' }));
  });

  async function enrollFromProfile(page: Page, person: AccountRef, name: string, force?: string) {
    await page.goto(`/accounts/${person.id}`);
    await page.getByRole('heading', { name: 'Enrollments' }).waitFor();
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Enroll ${name}` });
    await dialog.getByRole('combobox', { name: 'Section or learning path' }).click();
    await page.getByRole('option', { name: new RegExp(`${sectionCode}`) }).click();
    await dialog.getByText(`This enrolls 1 person: ${name}.`).waitFor();
    if (force) {
      await dialog.getByRole('checkbox', { name: /Force/ }).check();
      await dialog.getByRole('textbox', { name: 'Reason for forcing' }).fill(force);
      await assertAccessible(page, 'enroll dialog with force');
      await screenshot(page, '80-enroll-force');
    }
    await dialog.getByRole('button', { name: 'Enroll 1 person' }).click();
    const outcome = await dialog.getByRole('status').textContent();
    await dialog.getByRole('button', { name: 'Done' }).click();
    return outcome ?? '';
  }

  test('create a course and a section of 2, enroll 3 (one waitlisted), withdraw (promoted), force a fourth with a reason', async () => {
    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('link', { name: 'Courses' }).click();
    await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
    const newCourse = page.getByRole('form', { name: 'New course' });
    await newCourse.getByRole('combobox', { name: 'Offered by' }).click();
    await page.getByRole('option', { name: 'Journey State', exact: true }).click();
    await newCourse.getByRole('textbox', { name: 'Course code' }).fill(code);
    await newCourse.getByRole('textbox', { name: 'Course title' }).fill('Partner orientation');
    await newCourse.getByRole('button', { name: 'Create course' }).click();
    await page.getByRole('heading', { name: `${code} · Partner orientation` }).waitFor();
    await page.getByRole('textbox', { name: `Section code for ${code}` }).fill(sectionCode);
    await page.getByRole('textbox', { name: `Capacity for ${code}` }).fill('2');
    await page.getByRole('textbox', { name: `Start date for ${code}` }).fill('2099-03-03');
    await page
      .getByRole('form', { name: `New section of ${code}` })
      .getByRole('button', { name: 'Add section' })
      .click();
    await page.getByText('0 of 2', { exact: true }).waitFor();
    await assertAccessible(page, 'courses page');
    await screenshot(page, '81-courses');

    const names = people.map((_, i) => `Learner${i + 1} Journey`);
    for (let i = 0; i < 3; i += 1) await enrollFromProfile(page, people[i] as AccountRef, names[i] as string);
    await page.goto('/courses');
    await page.getByText('2 of 2 · 1 waitlisted').waitFor();
    await page.getByRole('link', { name: sectionCode }).click();
    await page.getByRole('heading', { name: 'Enrolled (2)' }).waitFor();
    await page.getByRole('heading', { name: 'Waitlist (1)' }).waitFor();
    await page
      .getByRole('region', { name: 'Waitlist' })
      .getByRole('link', { name: names[2] as string })
      .waitFor();
    await assertAccessible(page, 'section page');
    await screenshot(page, '82-section-waitlist');

    await page.getByRole('button', { name: `Withdraw ${names[0]}` }).click();
    await page.getByRole('status').getByText(`${names[0]} was withdrawn.`).waitFor();
    await page.getByRole('heading', { name: 'Waitlist (0)' }).waitFor();
    await page
      .getByRole('region', { name: 'Enrolled' })
      .getByRole('link', { name: names[2] as string })
      .waitFor();

    const forced = await enrollFromProfile(page, people[3] as AccountRef, names[3] as string, 'Approved by the county coordinator');
    if (!forced.includes('(forced)')) throw new Error(`expected a forced enrollment, got "${forced}"`);
    await page.goto('/courses');
    await page.getByText('3 of 2', { exact: true }).waitFor();
    await page.getByRole('link', { name: sectionCode }).click();
    await page.getByRole('heading', { name: 'Enrolled (3)' }).waitFor();
    await page.getByRole('region', { name: 'Enrolled' }).getByText('Forced').waitFor();
    await screenshot(page, '83-section-forced');

    // Archiving someone with a place in a section not yet started: the dialog says so, with the number.
    await page.goto(`/accounts/${people[1]?.id}`);
    await page.getByRole('button', { name: 'Archive' }).click();
    const archive = page.getByRole('dialog', { name: `Archive ${names[1]}?` });
    await archive.getByText('They are withdrawn from 1 section that has not started, and each place goes to the waitlist.').waitFor();
    await assertAccessible(page, 'archive dialog');
    await archive.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('heading', { name: 'Enrollments' }).waitFor();
    await page.getByText(/withdrawn \(account archived\)/).waitFor();
  });

  test('the accounts list enrolls every account its search matches, saying how many before confirming', async () => {
    const { ctx } = env();
    const surname = `Quillfeather${uniqueSuffix()}`;
    for (let i = 0; i < 2; i += 1) await createAccount(ctx, { orgId: state.id, firstName: `Bulk${i}`, lastName: surname });
    const course = await ctx.call('POST', '/api/courses', {
      as: ctx.root,
      body: { orgId: state.id, code: `${code}-B`, title: 'Bulk course' },
    });
    await ctx.call('POST', `/api/courses/${course.json().id}/sections`, { as: ctx.root, body: { code: `${code}-B1`, capacity: 10 } });
    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    // Signed in once the shell shows; going elsewhere before that races the sign-in's own navigation.
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`/accounts?q=${surname}`);
    await page.getByText('2 accounts match').waitFor();
    await screenshot(page, '84-accounts-enroll-all');
    await page.getByRole('button', { name: 'Enroll all 2 matching' }).click();
    const dialog = page.getByRole('dialog', { name: 'Enroll every account matching this search' });
    await dialog.getByText('This enrolls 2 people: every account matching this search.').waitFor();
    await dialog.getByRole('combobox', { name: 'Section or learning path' }).click();
    await page.getByRole('option', { name: new RegExp(`${code}-B1`) }).click();
    await assertAccessible(page, 'enroll dialog from the accounts list');
    await dialog.getByRole('button', { name: 'Enroll 2 people' }).click();
    await dialog.getByRole('status').getByText('Enrolled 2, waitlisted 0, failed 0.').waitFor();
  });

  test('enroll from an import file: the enrollments template, a preview of every row, the import, the roster', async () => {
    const { ctx } = env();
    const course = await ctx.call('POST', '/api/courses', {
      as: ctx.root,
      body: { orgId: state.id, code: `${code}-F`, title: 'File course' },
    });
    await ctx.call('POST', `/api/courses/${course.json().id}/sections`, { as: ctx.root, body: { code: `${code}-F1`, capacity: 1 } });
    const first = await createAccount(ctx, { orgId: state.id, firstName: 'Filed', lastName: 'First' });
    const second = await createAccount(ctx, { orgId: state.id, firstName: 'Filed', lastName: 'Second' });
    const file = [
      'Email,SectionCode',
      `${first.email},${code}-F1`,
      `${second.email},${code}-F1`,
      `nobody-${uniqueSuffix()}@example.org,${code}-F1`,
    ].join('\r\n');
    const page = await env().newPage();
    await signIn(page, adminEmail, adminPassword);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`/imports/new?orgId=${state.id}&template=enrollments`);
    await page.getByRole('heading', { name: 'New import', level: 1 }).waitFor();
    await chooseFile(page, 'enroll.csv', file);
    await page.getByText('enroll.csv', { exact: true }).waitFor();
    await assertAccessible(page, 'new enrollments import');
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor({ timeout: 20_000 });
    const counts = page.getByRole('list', { name: 'What the import will do' });
    await counts.getByRole('listitem').filter({ hasText: 'Enroll' }).getByText('1', { exact: true }).waitFor();
    await counts.getByRole('listitem').filter({ hasText: 'Waitlist' }).getByText('1', { exact: true }).waitFor();
    await counts.getByRole('listitem').filter({ hasText: 'Fail' }).getByText('1', { exact: true }).waitFor();
    await page
      .getByRole('table')
      .getByText(/No account with email .* in your organizations/)
      .waitFor();
    await assertAccessible(page, 'enrollments import preview');
    await screenshot(page, '85-enrollments-import-preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Import enroll.csv?' });
    await confirm.getByText(/Enroll 1 person and waitlist 1 person/).waitFor();
    await confirm.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('1 enrolled, 1 waitlisted; 1 row failed.').waitFor({ timeout: 20_000 });
    await page.goto('/courses');
    await page.getByRole('link', { name: `${code}-F1` }).click();
    await page.getByRole('heading', { name: 'Enrolled (1)' }).waitFor();
    await page.getByRole('region', { name: 'Enrolled' }).getByRole('link', { name: 'Filed First' }).waitFor();
    await page.getByRole('region', { name: 'Waitlist' }).getByRole('link', { name: 'Filed Second' }).waitFor();
    await screenshot(page, '86-enrollments-import-roster');
  });
});
