import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountWithOrg } from '../../accounts/account-record.ts';
import { csvLines, exportHeader, exportRow } from './export-rows.ts';

const account = {
  externalId: null,
  lastName: '=HYPERLINK("x")',
  firstName: 'Ana',
  email: 'ana@example.org',
  status: 'invited',
  affiliation: 'Partners, West',
  employeeType: null,
  dateHire: '2026-11-23',
  orgName: 'Clovis',
  department: null,
  jobTitle: null,
  dateTransfer: null,
  trainingManager: 1,
  supervisor: 0,
} as unknown as AccountWithOrg;

test('a row follows the template’s columns, formula-safe, with Status only where the import reads it', () => {
  const row = exportRow(account);
  assert.equal(row.length, exportHeader.length);
  assert.equal(row[exportHeader.indexOf('LastName')], `'=HYPERLINK("x")`);
  assert.equal(row[exportHeader.indexOf('Status')], '', 'invited: no status, the import leaves it');
  assert.equal(row[exportHeader.indexOf('Organization')], 'Clovis');
  assert.equal(row[exportHeader.indexOf('TrainingManager')], 'Yes');
  assert.equal(exportRow({ ...account, status: 'archived' })[exportHeader.indexOf('Status')], 'Archived');
});

test('CSV lines quote commas and end with CRLF', () => {
  assert.match(csvLines([exportRow(account)]), /"Partners, West".*\r\n$/);
});
