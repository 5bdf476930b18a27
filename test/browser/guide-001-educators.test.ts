import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { loadCollege } from '../../src/server/modules/demo/college-world.ts';
import { assertAccessible, describeInBrowser } from './harness.ts';
import { choose, demoKit, guidePage, guideShot, signedInAs } from './guides-support.ts';
import { chooseFile, downloadText, runJobsInBackground } from './imports-support.ts';

// Guide 001 (docs/guides/001-educators.md), step by step as the demo's Site Admin at Lincoln High.
const siteAdmin = 'priya.raman@pcpn.example.org';
const agreement = 'I confirm that the information I entered is correct and that these educators work at this school site.';
const school = 'lincoln.example.org';
type Row = [first: string, last: string, email: string, role: string];
// Seven educators; the sixth row (line 7 of the file, after the header) carries a colleague's email from another school.
const rows: Row[] = [
  ['Maya', 'Chen', `maya.chen@${school}`, 'Educator'],
  ['Luis', 'Ortega', `luis.ortega@${school}`, 'Educator'],
  ['Hannah', 'Brooks', `hannah.brooks@${school}`, 'Counselor'],
  ['Kofi', 'Asante', `kofi.asante@${school}`, 'Counselor—Caseload Only'],
  ['Sara', 'Lind', `sara.lind@${school}`, 'Educator'],
  ['Noah', 'Fisher', '', 'Educator'],
  ['Ines', 'Duarte', `ines.duarte@${school}`, 'Educator'],
];
const file = (header: string, list: Row[]) => `${[header, ...list.map((r) => r.join(','))].join('\r\n')}\r\n`;

describeInBrowser('guide 001: a site admin creates educator accounts', (env) => {
  runJobsInBackground(() => env().ctx);
  let page: Page;
  let takenEmail: string;

  before(async () => {
    const { ctx } = env();
    await loadCollege(demoKit(ctx));
    // Someone at Harbor High already uses this address: outside the Site Admin's school, so its owner stays hidden.
    const orgs = (await ctx.call('GET', '/api/orgs', { as: ctx.root })).json() as { items: Array<{ id: string; name: string }> };
    const harbor = orgs.items.find((o) => o.name === 'Harbor High');
    const staff = await ctx.call('GET', `/api/accounts?orgId=${harbor?.id}&limit=1`, { as: ctx.root });
    takenEmail = staff.json().items[0].email;
    rows[5] = ['Noah', 'Fisher', takenEmail, 'Educator'];
    page = await guidePage(env().newPage);
    await signedInAs(page, siteAdmin);
  });

  test('create one educator with a role, confirming the agreement', async () => {
    await page.getByRole('link', { name: 'Add account' }).click();
    await page.getByRole('heading', { name: 'Add account', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'First name' }).fill('Rosa');
    await page.getByRole('textbox', { name: 'Last name' }).fill('Delgado');
    await page.getByRole('textbox', { name: 'Email' }).fill(`rosa.delgado@${school}`);
    await choose(page, 'Role', 'Counselor');
    // A Site Admin may not read the tenant's settings, so the agreement shows once the server asks for it.
    await page.getByRole('button', { name: 'Create account' }).click();
    const tick = page.getByRole('checkbox', { name: agreement });
    await tick.check();
    await assertAccessible(page, 'add an educator');
    await guideShot(page, '001-01-create-educator');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Rosa Delgado', level: 1 }).waitFor();
    await page.getByText('Counselor', { exact: false }).first().waitFor();
    await assertAccessible(page, 'the new educator’s profile');
    await guideShot(page, '001-02-educator-created');
  });

  test('upload the strict template with a taken email; the log names the failed line and why; fix it and upload again', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('link', { name: 'New import' }).first().click();
    await choose(page, 'Template', 'Educators, strict');
    const template = await downloadText(page, () => page.getByRole('link', { name: 'Download template' }).click());
    const header = template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    assert.equal(header, 'First Name,Last Name,Email,User Role');
    await assertAccessible(page, 'new import with the strict template');
    await guideShot(page, '001-03-strict-template');

    await chooseFile(page, 'create_multiple_educators.csv', file(header, rows));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    const counts = page.getByRole('list', { name: 'What the import will do' });
    await counts.getByRole('listitem').filter({ hasText: 'Create' }).getByText('6', { exact: true }).waitFor();
    await counts.getByRole('listitem').filter({ hasText: 'Fail' }).getByText('1', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Import create_multiple_educators.csv?' });
    await confirm.getByRole('checkbox', { name: agreement }).check();
    await assertAccessible(page, 'import confirmation with the agreement');
    await guideShot(page, '001-04-agreement');
    await confirm.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('6 created; 1 row failed.').waitFor({ timeout: 30_000 });

    await page.getByRole('link', { name: 'Imports' }).first().click();
    const logRow = page.getByRole('row').filter({ hasText: 'create_multiple_educators.csv' });
    await logRow.getByRole('cell', { name: '7', exact: true }).waitFor();
    await assertAccessible(page, 'import log');
    await guideShot(page, '001-05-import-log');
    await logRow.getByRole('link', { name: '1 failed records of create_multiple_educators.csv' }).click();
    const failed = page.getByRole('table').locator('tbody tr');
    await failed.first().getByText('Email already in use', { exact: false }).waitFor();
    assert.equal(await failed.count(), 1);
    assert.match(await failed.first().innerText(), /^7\s/, 'line 7 of the file');
    assert.equal((await failed.first().innerText()).includes('Harbor'), false, 'the other school’s account is not named');
    await assertAccessible(page, 'the failed record');
    await guideShot(page, '001-06-failed-record');

    const fixed = rows.map((r): Row => (r[2] === takenEmail ? ['Noah', 'Fisher', `noah.fisher@${school}`, 'Educator'] : r));
    await page.getByRole('link', { name: 'Upload corrected file' }).click();
    await chooseFile(page, 'create_multiple_educators.csv', file(header, fixed));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    const again = page.getByRole('list', { name: 'What the import will do' });
    await again.getByRole('listitem').filter({ hasText: 'Create' }).getByText('1', { exact: true }).waitFor();
    await again.getByRole('listitem').filter({ hasText: 'Unchanged' }).getByText('6', { exact: true }).waitFor();
    await assertAccessible(page, 'the corrected file’s preview');
    await guideShot(page, '001-07-reupload-preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirmAgain = page.getByRole('dialog');
    await confirmAgain.getByRole('checkbox', { name: agreement }).check();
    await confirmAgain.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('1 created, 6 unchanged.').waitFor({ timeout: 30_000 });
    await assertAccessible(page, 'the corrected import completed');
    await guideShot(page, '001-08-reupload-done');
    const { ctx } = env();
    const noah = await ctx.call('GET', `/api/accounts?q=noah.fisher@${school}`, { as: ctx.root });
    assert.equal(noah.json().items[0]?.status, 'invited', 'Noah’s account waits for him to register');
  });
});
