import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultAccountsTemplate } from '../templates/default-template.ts';
import { checkHeader, isHeaderProblem, type HeaderMapping } from './header-check.ts';
import { parseDate, readRowValues } from './row-values.ts';

const header = [
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

test('an unknown column fails the whole file and is named', () => {
  const problem = checkHeader(defaultAccountsTemplate, [...header, 'ShoeSize']);
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
  assert.ok(!isHeaderProblem(checkHeader(strict, header)));
  const problem = checkHeader(
    strict,
    header.map((h) => h.toLowerCase()),
  );
  assert.ok(isHeaderProblem(problem) && problem.code === 'header_mismatch');
});

test('dates: YYYY-MM-DD and M/D/YYYY, real days only', () => {
  assert.equal(parseDate('2026-11-23'), '2026-11-23');
  assert.equal(parseDate('11/3/2026'), '2026-11-03');
  assert.equal(parseDate('2/30/2026'), undefined);
  assert.equal(parseDate('2026-13-01'), undefined);
  assert.equal(parseDate('23.11.2026'), undefined);
});

const mapping = checkHeader(defaultAccountsTemplate, header) as HeaderMapping;
const row = (overrides: Record<string, string>) =>
  header.map((h) => overrides[h] ?? ({ LastName: 'Lopez', FirstName: 'Ana', Email: 'ana@example.org' } as Record<string, string>)[h] ?? '');

test('a good row becomes typed values; empty cells are absent', () => {
  const result = readRowValues(defaultAccountsTemplate, mapping, row({ Status: 'archived', DateHire: '1/2/2026' }));
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
    const result = readRowValues(defaultAccountsTemplate, mapping, row(overrides));
    assert.ok('problem' in result, reason);
    assert.equal(result.problem.reason, reason);
    assert.match(result.problem.message, message);
  }
});

test('too many or too few fields is reported, trailing empty cells are forgiven', () => {
  const short = readRowValues(defaultAccountsTemplate, mapping, ['a', 'b']);
  assert.ok('problem' in short && short.problem.reason === 'wrong_field_count');
  const long = readRowValues(defaultAccountsTemplate, mapping, [...row({}), 'extra']);
  assert.ok('problem' in long && long.problem.reason === 'wrong_field_count');
  assert.ok('values' in readRowValues(defaultAccountsTemplate, mapping, [...row({}), '', '']));
});

test('fixed template values win over the file', () => {
  const fixed = { ...defaultAccountsTemplate, fixedValues: { Affiliation: 'California Community Partners' } };
  const result = readRowValues(fixed, mapping, row({ Affiliation: 'Something else' }));
  assert.ok('values' in result && result.values.affiliation === 'California Community Partners');
});

test('the Reason column of a failed-rows download is ignored, so the corrected file goes straight back in', () => {
  const mapping = checkHeader(defaultAccountsTemplate, [...header, 'Reason']);
  assert.ok(!isHeaderProblem(mapping));
  assert.equal(mapping.fields.at(-1), null);
});
