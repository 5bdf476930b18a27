import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { createAccount, createOrg, signedInAdmin, type OrgRef } from '../support/factories.ts';
import { assertAccessible, describeInBrowser, screenshot, signIn } from './harness.ts';
import { bigCsv, chooseFile, csv, downloadText, header, pacing, runJobsInBackground, type Person } from './imports-support.ts';

const good: Person[] = [
  { first: 'Ana', last: 'Reyes', email: 'ana.reyes@partners.example' },
  { first: 'Ben', last: 'Okoro', email: 'ben.okoro@partners.example' },
  { first: 'Chloe', last: 'Tran', email: 'chloe.tran@partners.example' },
  { first: 'Dev', last: 'Patel', email: 'dev.patel@partners.example' },
  { first: 'Elena', last: 'Ruiz', email: 'elena.ruiz@partners.example' },
];
// Line 3: a typo in the email; line 5: no first name; line 7: an email already used in another county.
const badEmail: Person = { first: 'Farah', last: 'Haddad', email: 'farah.haddad@partners' };
const noFirstName: Person = { first: '', last: 'Kowalski', email: 'g.kowalski@partners.example' };
const elsewhere: Person = { first: 'Kim', last: 'Elsewhere', email: 'kim@kern.example' };
const firstFile = [good[0], badEmail, good[1], noFirstName, good[2], elsewhere, good[3], good[4]] as Person[];
const fixedFile = [
  good[0],
  { ...badEmail, email: 'farah.haddad@partners.example' },
  good[1],
  { ...noFirstName, first: 'Greta' },
  good[2],
  { ...elsewhere, email: 'kim.elsewhere@partners.example' },
  good[3],
  good[4],
] as Person[];

/** The address of one import (not of the wizard at /imports/new). */
const importPage = /\/imports\/(?!new$)[^/?]+$/;

/** Waits until an input shows the value (it may be filled in once data arrives). */
async function hasValue(input: Locator, value: string): Promise<void> {
  for (let tries = 0; (await input.inputValue()) !== value; tries++) {
    if (tries > 50) assert.equal(await input.inputValue(), value);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeInBrowser('console: imports', (env) => {
  runJobsInBackground(() => env().ctx);
  let page: Page;
  let county: OrgRef;

  before(async () => {
    const { ctx } = env();
    const state = await createOrg(ctx, 'California');
    county = await createOrg(ctx, 'Riverside County', state, 'county');
    const kern = await createOrg(ctx, 'Kern County', state, 'county');
    await createAccount(ctx, { orgId: kern.id, firstName: 'Kim', lastName: 'Elsewhere', email: 'kim@kern.example' });
    const admin = await signedInAdmin(ctx, county);
    page = await env().newPage();
    await signIn(page, admin.account.email, admin.account.password as string);
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  });

  test('the import log starts empty and leads to a new import', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    await page.getByText('No imports yet').waitFor();
    await assertAccessible(page, 'empty import log');
    await screenshot(page, '30-imports-empty');
  });

  test('a file with good and bad rows: template, preview, commit, failed rows, corrected re-upload, rollback', async () => {
    await page.goto('/imports');
    await page.getByRole('link', { name: 'New import' }).first().click();
    await page.getByRole('heading', { name: 'New import', level: 1 }).waitFor();
    // The county admin's own organization and the accounts template are chosen already.
    await hasValue(page.getByRole('combobox', { name: 'Organization' }), 'Riverside County');
    await hasValue(page.getByRole('combobox', { name: 'Template' }), 'Accounts');
    const template = await downloadText(page, () => page.getByRole('link', { name: 'Download template' }).click());
    assert.match(template.name, /\.csv$/);
    // The contract's columns first, then the other account fields.
    assert.ok(
      template.text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0]
        ?.startsWith(`${header},Department,`),
      template.text,
    );
    await assertAccessible(page, 'new import wizard');
    await screenshot(page, '31-new-import');

    // The browser refuses what the server would refuse, before sending anything.
    await chooseFile(page, 'partners.pdf', '%PDF-1.4', 'application/pdf');
    await page.getByRole('alert').filter({ hasText: 'is not a spreadsheet Registrar can read' }).waitFor();
    await screenshot(page, '32-new-import-wrong-type');

    await chooseFile(page, 'riverside-partners.csv', csv(firstFile));
    await page.getByText('riverside-partners.csv', { exact: true }).waitFor();
    assert.equal(await page.getByRole('radio', { name: /Create and update/ }).isChecked(), true);
    await screenshot(page, '33-new-import-file-chosen');
    await page.getByRole('button', { name: 'Upload and preview' }).click();

    await page.waitForURL(importPage);
    const importUrl = new URL(page.url()).pathname;
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    const counts = page.getByRole('list', { name: 'What the import will do' });
    await counts.getByRole('listitem').filter({ hasText: 'Create' }).getByText('5', { exact: true }).waitFor();
    await counts.getByRole('listitem').filter({ hasText: 'Fail' }).getByText('3', { exact: true }).waitFor();
    const rows = page.getByRole('table');
    assert.equal(await rows.getByRole('row').count(), 9, 'a header row and all eight rows');
    await assertAccessible(page, 'import preview');
    await screenshot(page, '34-import-preview');

    // The outcome filter is a row of radio buttons, shown as a segmented control.
    await page
      .locator('label')
      .filter({ hasText: /^Fail 3$/ })
      .click();
    await page.waitForURL(/outcome=failed/);
    // Three failed rows replace the eight: the fourth body row goes away.
    await rows.locator('tbody tr').nth(3).waitFor({ state: 'detached' });
    assert.equal(await rows.locator('tbody tr').count(), 3);
    const failed = await rows.locator('tbody tr').allInnerTexts();
    assert.match(failed[0] ?? '', /^3\s/);
    assert.match(failed[0] ?? '', /Email is not valid/);
    assert.match(failed[1] ?? '', /^5\s/);
    assert.match(failed[1] ?? '', /A required value is missing/);
    assert.match(failed[2] ?? '', /^7\s/);
    assert.match(failed[2] ?? '', /Email already in use/);
    await screenshot(page, '35-import-preview-failed-rows');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Import riverside-partners.csv?' });
    await confirm.waitFor();
    assert.equal(await confirm.getByTestId('commit-summary').innerText(), 'Create 5 accounts; 3 rows will be skipped because of errors.');
    await confirm.getByText('Mode: Create and update.').waitFor();
    await assertAccessible(page, 'commit confirmation');
    await screenshot(page, '36-import-confirm');
    await confirm.getByRole('button', { name: 'Import now' }).click();

    await page.getByText(/^Import completed .*, but 3 of 8 rows failed$/).waitFor({ timeout: 20_000 });
    await page.getByText('Completed with failures').first().waitFor();
    await page.getByText('5 created; 3 rows failed.').waitFor();
    const done = page.getByRole('list', { name: 'What the import did' });
    await done.getByRole('listitem').filter({ hasText: 'Created' }).getByText('5', { exact: true }).waitFor();
    await assertAccessible(page, 'completed import');
    await screenshot(page, '37-import-completed');

    const failedCsv = await downloadText(page, () => page.getByRole('link', { name: 'Download failed rows' }).click());
    const failedLines = failedCsv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    assert.equal(failedLines.length, 4, failedCsv.text);
    assert.match(failedLines[0] ?? '', /^UserID,LastName,FirstName,Email,.*Reason/);
    assert.match(failedLines[1] ?? '', /^farah\.haddad@partners,Haddad,Farah,/);
    assert.match(failedLines[2] ?? '', /^g\.kowalski@partners\.example,Kowalski,,/);
    assert.match(failedLines[3] ?? '', /^kim@kern\.example,Elsewhere,Kim,.*another organization/);

    // An imported account's history opens with its creation: from which file and line, linking back to the import.
    await page.goto(`${importUrl}?outcome=created`);
    await page.getByRole('table').getByRole('link', { name: 'ben.okoro@partners.example' }).click();
    const history = page.getByRole('heading', { name: 'History' }).locator('..');
    await history.getByText('Account created').waitFor();
    await history.getByText(/^from riverside-partners\.csv, line 4$/).waitFor();
    await screenshot(page, '37b-imported-account-history');
    await history.getByRole('link', { name: 'riverside-partners.csv' }).click();
    await page.waitForURL(new RegExp(`${importUrl}$`));

    // The log: counts, and the failed count leads to those rows.
    await page.getByRole('link', { name: 'Imports' }).first().click();
    await page.getByRole('heading', { name: 'Imports', level: 1 }).waitFor();
    const logRow = page.getByRole('row').filter({ hasText: 'riverside-partners.csv' });
    await logRow.getByText('Completed').waitFor();
    await logRow.getByRole('cell', { name: '8', exact: true }).waitFor();
    await assertAccessible(page, 'import log');
    await screenshot(page, '38-import-log');
    await logRow.getByRole('link', { name: '3 failed records of riverside-partners.csv' }).click();
    await page.waitForURL(new RegExp(`${importUrl}\\?outcome=failed$`));
    assert.equal(await page.getByRole('radio', { name: 'Failed 3' }).isChecked(), true);
    await page.getByRole('table').getByText('Email already in use').waitFor();
    assert.equal(await page.getByRole('table').locator('tbody tr').count(), 3);

    // Fix the three rows and upload the whole file again: only they are created.
    await page.getByRole('link', { name: 'Upload corrected file' }).click();
    await page.getByRole('heading', { name: 'New import', level: 1 }).waitFor();
    await chooseFile(page, 'riverside-partners-fixed.csv', csv(fixedFile));
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    const again = page.getByRole('list', { name: 'What the import will do' });
    await again.getByRole('listitem').filter({ hasText: 'Create' }).getByText('3', { exact: true }).waitFor();
    await again.getByRole('listitem').filter({ hasText: 'Unchanged' }).getByText('5', { exact: true }).waitFor();
    await again.getByRole('listitem').filter({ hasText: 'Fail' }).getByText('0', { exact: true }).waitFor();
    await screenshot(page, '39-reupload-preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const confirmAgain = page.getByRole('dialog');
    assert.equal(await confirmAgain.getByTestId('commit-summary').innerText(), 'Create 3 accounts.');
    await confirmAgain.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('3 created, 5 unchanged.').waitFor({ timeout: 20_000 });
    assert.equal(await page.getByRole('link', { name: 'Download failed rows' }).count(), 0, 'nothing failed, nothing to download');

    // Roll the corrected import back: the dialog says what will be undone.
    await page.getByRole('button', { name: 'Roll back' }).click();
    const rollback = page.getByRole('dialog', { name: 'Roll back the import of riverside-partners-fixed.csv?' });
    await rollback.getByText('Remove the 3 accounts it created.', { exact: false }).waitFor();
    await assertAccessible(page, 'rollback confirmation');
    await screenshot(page, '40-rollback-confirm');
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await page.getByText(/^Rolled back /).waitFor({ timeout: 20_000 });
    await page.getByRole('table').getByText('Rolled back: the account was removed.').first().waitFor();
    await page.getByRole('link', { name: /audit log/ }).waitFor();
    await screenshot(page, '41-rolled-back');

    const { ctx } = env();
    const remaining = await ctx.call('GET', `/api/accounts?orgId=${county.id}&emailDomain=partners.example&limit=100`, { as: ctx.root });
    const emails = (remaining.json() as { items: { email: string }[] }).items.map((a) => a.email).sort();
    assert.deepEqual(emails, good.map((p) => p.email).sort(), 'the first import stays, the rolled-back rows are gone');
  });

  test('a file whose columns do not match says which, and what to do; unknown columns are ignored and named', async () => {
    await page.goto('/imports/new');
    await chooseFile(page, 'missing-columns.csv', 'Email,FirstName\r\nzoe@partners.example,Zoe\r\n');
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'A required column is missing' });
    await missing.getByRole('list', { name: 'Missing columns' }).getByText('LastName').waitFor();
    await missing.getByRole('link', { name: 'Download template' }).waitFor();
    await page.getByText('File not accepted').first().waitFor();
    await assertAccessible(page, 'file-level error');
    await screenshot(page, '43-file-error-missing-column');

    // The built-in template is lenient: a column it does not know is left unread, and the preview says so.
    await missing.getByRole('link', { name: 'Upload a corrected file' }).click();
    await chooseFile(page, 'wrong-columns.csv', 'Email,FirstName,LastName,Departmnt\r\nzoe@partners.example,Zoe,Adams,Intake\r\n');
    await page.getByRole('button', { name: 'Upload and preview' }).click();
    await page.getByText('Preview: nothing has been changed yet').waitFor();
    await page.getByText('1 column ignored: Departmnt. This template does not read it.').waitFor();
    await page.getByText(/This preview expires on/).waitFor();
    await screenshot(page, '42-preview-ignored-column');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText(/^Cancelled /).waitFor();
  });

  test('an import keeps showing its progress after the page is reloaded, up to 100%', async () => {
    // Each batch of 1,000 rows pauses a little, so checking and applying 5,000 rows take a few seconds each.
    pacing.batchPauseMs = 1200;
    try {
      await page.goto('/imports/new');
      await chooseFile(page, 'statewide-partners.csv', bigCsv(5000, 'bulk.example'));
      await page.getByRole('button', { name: 'Upload and preview' }).click();
      await page.waitForURL(importPage);
      // Reloaded while the rows are being checked, the page picks up where the server is.
      await page.reload();
      await page.getByRole('progressbar', { name: 'Checking the file' }).waitFor();
      await page.getByText('Checking every row of the file…').waitFor();
      await assertAccessible(page, 'import being checked');
      await screenshot(page, '44-import-checking-after-reload');
      await page.getByText('Preview: nothing has been changed yet').waitFor({ timeout: 30_000 });
      await page
        .getByRole('list', { name: 'What the import will do' })
        .getByRole('listitem')
        .filter({ hasText: 'Create' })
        .getByText('5,000', { exact: true })
        .waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Import now' }).click();

      const bar = page.getByRole('progressbar', { name: 'Import progress' });
      await bar.waitFor();
      await page.reload();
      await bar.waitFor();
      const seen: number[] = [Number(await bar.getAttribute('aria-valuenow'))];
      await page.getByText(/rows a second/).waitFor();
      await page.getByText(/left$/).waitFor();
      await assertAccessible(page, 'import running');
      await screenshot(page, '45-import-running-after-reload');
      while (!(await page.getByText(/^Import completed/).isVisible())) {
        const value = await bar.getAttribute('aria-valuenow', { timeout: 500 }).catch(() => null);
        if (value !== null) seen.push(Number(value));
        await page.waitForTimeout(100);
      }
      assert.ok(seen.length > 0, 'the progress bar was seen after the reload');
      assert.deepEqual(
        seen,
        [...seen].sort((a, b) => a - b),
        'progress only moves forward',
      );
      assert.ok((seen.at(-1) ?? 0) >= 60, `progress neared the end before completing (${seen.join(', ')})`);
      await page.getByText('5,000 created.').waitFor();
      await screenshot(page, '46-big-import-completed');
    } catch (error) {
      await screenshot(page, '49-imports-failure');
      throw error;
    } finally {
      pacing.batchPauseMs = 0;
    }
  });
});
