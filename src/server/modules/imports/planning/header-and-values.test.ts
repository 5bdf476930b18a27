import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAccountsTemplate } from '../templates/default-template.ts';
import type { ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import { templateColumn } from '../templates/template-column.ts';
import { checkHeader, ignoredColumnsNotice, isHeaderProblem, type HeaderMapping } from './header-check.ts';
import { parseDate, readRowValues } from './row-values.ts';

const header = [
  // The contract's eleven columns; the built-in template has more after them.
  'UserID',
  'LastName',
  'FirstName',
  'Email',
  'Status',
  'Affiliation',
  'EmployeeType',
  'DateHire',
  'Role',
  'Password',
  'Organization',
];

test('header names match whatever their case, spacing and order', () => {
  const mapping = checkHeader(defaultAccountsTemplate, ['email', ' First Name ', 'last_name', 'DATEHIRE']);
  assert.ok(!isHeaderProblem(mapping));
  assert.deepEqual(mapping.fields, ['email', 'firstName', 'lastName', 'dateHire']);
});

test('a lenient template sets an unknown column aside and names it', () => {
  const mapping = checkHeader(defaultAccountsTemplate, [...header, 'ShoeSize', 'Favourite Colour']);
  assert.ok(!isHeaderProblem(mapping));
  assert.deepEqual(mapping.ignored, ['ShoeSize', 'Favourite Colour']);
  assert.equal(mapping.fields.at(-1), null);
  assert.equal(ignoredColumnsNotice(mapping.ignored), '2 columns ignored: ShoeSize, Favourite Colour. This template does not read them.');
});

test('a strict template fails the whole file on an unknown column and names it', () => {
  const strict = { ...defaultAccountsTemplate, headerMode: 'strict' as const };
  const problem = checkHeader(strict, [...header, 'ShoeSize']);
  assert.ok(isHeaderProblem(problem));
  assert.equal(problem.code, 'unknown_columns');
  assert.match(problem.message, /"ShoeSize"/);
});

test('a missing required column fails the whole file and is named', () => {
  const problem = checkHeader(defaultAccountsTemplate, ['LastName', 'FirstName', 'Status']);
  assert.ok(isHeaderProblem(problem));
  assert.equal(problem.code, 'missing_columns');
  assert.deepEqual('columns' in problem && problem.columns, ['Email']);
});

test('a strict template wants the exact header', () => {
  const strict = { ...defaultAccountsTemplate, headerMode: 'strict' as const };
  const full = strict.columns.map((c) => c.name);
  assert.ok(!isHeaderProblem(checkHeader(strict, full)));
  const short = checkHeader(strict, header);
  assert.ok(isHeaderProblem(short) && short.code === 'missing_columns');
  assert.match(short.message, /Department/);
  const problem = checkHeader(strict, [...full].reverse());
  assert.ok(isHeaderProblem(problem) && problem.code === 'header_mismatch');
  const renamed = checkHeader(strict, [...full.slice(1), 'User ID']);
  assert.ok(isHeaderProblem(renamed) && renamed.code === 'unknown_columns');
});

test('dates: YYYY-MM-DD and M/D/YYYY, real days only', () => {
  assert.equal(parseDate('2026-11-23'), '2026-11-23');
  assert.equal(parseDate('11/3/2026'), '2026-11-03');
  assert.equal(parseDate('2/30/2026'), undefined);
  assert.equal(parseDate('2026-13-01'), undefined);
  assert.equal(parseDate('23.11.2026'), undefined);
});

const mapping = checkHeader(defaultAccountsTemplate, header) as HeaderMapping;
const today = '2026-11-30';
const read = (template: ImportTemplate, mapping: HeaderMapping, cells: string[]) => readRowValues(template, mapping, cells, today);
const row = (overrides: Record<string, string>) =>
  header.map((h) => overrides[h] ?? ({ LastName: 'Lopez', FirstName: 'Ana', Email: 'ana@example.org' } as Record<string, string>)[h] ?? '');

test('a good row becomes typed values; empty cells are absent', () => {
  const result = read(defaultAccountsTemplate, mapping, row({ Status: 'archived', DateHire: '1/2/2026' }));
  assert.ok('values' in result);
  assert.deepEqual(result.values, {
    lastName: 'Lopez',
    firstName: 'Ana',
    email: 'ana@example.org',
    status: 'archived',
    dateHire: '2026-01-02',
  });
});

test('each bad cell gets its reason code and a message naming the column', () => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ Email: 'not-an-email' }, 'invalid_email', /not-an-email/],
    [{ FirstName: '' }, 'missing_value', /FirstName/],
    [{ Status: 'Sleeping' }, 'invalid_value', /Status/],
    [{ DateHire: '2026-02-31' }, 'invalid_value', /DateHire/],
    [{ LastName: 'x'.repeat(20_000) }, 'too_long', /20000/],
  ];
  for (const [overrides, reason, message] of cases) {
    const result = read(defaultAccountsTemplate, mapping, row(overrides));
    assert.ok('problem' in result, reason);
    assert.equal(result.problem.reason, reason);
    assert.match(result.problem.message, message);
  }
});

test('too many or too few fields is reported, trailing empty cells are forgiven', () => {
  const short = read(defaultAccountsTemplate, mapping, ['a', 'b']);
  assert.ok('problem' in short && short.problem.reason === 'wrong_field_count');
  const long = read(defaultAccountsTemplate, mapping, [...row({}), 'extra']);
  assert.ok('problem' in long && long.problem.reason === 'wrong_field_count');
  assert.ok('values' in read(defaultAccountsTemplate, mapping, [...row({}), '', '']));
});

test('fixed template values win over the file', () => {
  const fixed = { ...defaultAccountsTemplate, fixedValues: { Affiliation: 'California Community Partners' } };
  const result = read(fixed, mapping, row({ Affiliation: 'Something else' }));
  assert.ok('values' in result && result.values.affiliation === 'California Community Partners');
});

test('the Reason column of a failed-rows download is ignored, so the corrected file goes straight back in', () => {
  const mapping = checkHeader(defaultAccountsTemplate, [...header, 'Reason']);
  assert.ok(!isHeaderProblem(mapping));
  assert.equal(mapping.fields.at(-1), null);
});

const partners: ImportTemplate = {
  key: 'partners',
  label: 'Partners',
  headerMode: 'lenient',
  allRequired: false,
  modes: ['create'],
  fixedValues: {},
  columns: [
    templateColumn({ name: 'Email', field: 'email', required: true }),
    templateColumn({ name: 'LastName', field: 'lastName', required: true }),
    templateColumn({ name: 'EmployeeType', field: 'employeeType', aliases: ['EmploymentType'] }),
    templateColumn({
      name: 'Affiliation',
      field: 'affiliation',
      allowedValues: ['California Community Partners'],
      default: 'California Community Partners',
    }),
    templateColumn({ name: 'Role', field: 'role', allowedValues: ['Counselor—Caseload Only', 'Educator'] }),
    templateColumn({ name: 'DateHire', field: 'dateHire', default: 'today', dateFormats: ['D.M.YYYY'] }),
    templateColumn({ name: 'RTAJobCode', field: 'ignore', mustBeBlank: true }),
    templateColumn({ name: 'Notes', field: 'ignore' }),
  ],
};

test('an alias names the same column, whatever its case and spacing', () => {
  const mapping = checkHeader(partners, ['email', 'Last Name', 'employment type']);
  assert.ok(!isHeaderProblem(mapping));
  assert.deepEqual(mapping.fields, ['email', 'lastName', 'employeeType']);
});

test('fixed values match ignoring case, spaces and dash style, and are stored as the list spells them', () => {
  const mapping = checkHeader(partners, ['Email', 'LastName', 'Affiliation', 'Role']) as HeaderMapping;
  const result = read(partners, mapping, ['a@b.org', 'Lee', 'california  community PARTNERS', 'counselor - caseload only']);
  assert.ok('values' in result);
  assert.equal(result.values.affiliation, 'California Community Partners');
  assert.equal(result.values.role, 'Counselor—Caseload Only');
  const bad = read(partners, mapping, ['a@b.org', 'Lee', 'Somewhere Else', '']);
  assert.ok('problem' in bad && bad.problem.reason === 'invalid_value');
  assert.match(bad.problem.message, /Affiliation "Somewhere Else" is not one of: California Community Partners/);
});

test('defaults fill blank cells and absent columns; a date default of "today" is the day of the check', () => {
  const mapping = checkHeader(partners, ['Email', 'LastName', 'DateHire']) as HeaderMapping;
  const result = read(partners, mapping, ['a@b.org', 'Lee', '']);
  assert.ok('values' in result);
  assert.equal(result.values.dateHire, today);
  assert.equal(result.values.affiliation, 'California Community Partners');
});

test('a column reads the date formats it names, and YYYY-MM-DD always', () => {
  const mapping = checkHeader(partners, ['Email', 'LastName', 'DateHire']) as HeaderMapping;
  const european = read(partners, mapping, ['a@b.org', 'Lee', '3.11.2026']);
  assert.ok('values' in european && european.values.dateHire === '2026-11-03');
  const iso = read(partners, mapping, ['a@b.org', 'Lee', '2026-11-03']);
  assert.ok('values' in iso && iso.values.dateHire === '2026-11-03');
  const us = read(partners, mapping, ['a@b.org', 'Lee', '11/3/2026']);
  assert.ok('problem' in us && /use D\.M\.YYYY/.test(us.problem.message));
});

test('an ignored column may hold anything unless it must stay blank', () => {
  const mapping = checkHeader(partners, ['Email', 'LastName', 'RTAJobCode', 'Notes']) as HeaderMapping;
  assert.ok('values' in read(partners, mapping, ['a@b.org', 'Lee', '', 'called twice']));
  const filled = read(partners, mapping, ['a@b.org', 'Lee', 'J-42', '']);
  assert.ok('problem' in filled && filled.problem.reason === 'invalid_value');
  assert.match(filled.problem.message, /RTAJobCode must be left blank/);
});

test('a template whose fields are all required wants every column and every cell', () => {
  const all = { ...partners, allRequired: true };
  const missing = checkHeader(all, ['Email', 'LastName']);
  assert.ok(isHeaderProblem(missing) && missing.code === 'missing_columns');
  const headerCells = partners.columns.map((c) => c.name);
  const mapping = checkHeader(all, headerCells) as HeaderMapping;
  const blankRole = read(all, mapping, ['a@b.org', 'Lee', 'Partner', '', '', '', '', '']);
  assert.ok('problem' in blankRole && blankRole.problem.reason === 'missing_value');
  assert.match(blankRole.problem.message, /Role is required/);
});
