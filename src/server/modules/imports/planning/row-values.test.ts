import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ImportTemplate, TemplateColumn } from '../../../../common/schemas/import-templates.ts';
import type { HeaderMapping } from './header-check.ts';
import { parseDate, readRowValues, type RowProblem, type RowValues } from './row-values.ts';

// A small template whose file columns are exactly its columns, in order; each test fills in the cells it cares about.
const columns: TemplateColumn[] = [
  { name: 'Email', aliases: [], field: 'email', mustBeBlank: false, required: true },
  { name: 'FirstName', aliases: [], field: 'firstName', mustBeBlank: false, required: false },
  { name: 'Status', aliases: [], field: 'status', mustBeBlank: false, required: false, allowedValues: ['Active', 'Archived'] },
  { name: 'Password', aliases: [], field: 'password', mustBeBlank: false, required: false },
  { name: 'TrainingManager', aliases: [], field: 'trainingManager', mustBeBlank: false, required: false },
  { name: 'DateTransfer', aliases: [], field: 'dateTransfer', mustBeBlank: false, required: false },
  { name: 'Notes', aliases: [], field: 'ignore', mustBeBlank: false, required: false },
];
const template: ImportTemplate = {
  key: 't',
  label: 'T',
  headerMode: 'lenient',
  fixedValues: {},
  columns,
  allRequired: false,
  modes: ['upsert'],
};
const mapping: HeaderMapping = { fields: columns.map((c) => c.field), columns, columnCount: columns.length, ignored: [] };
const today = '2026-11-30';

function cells(values: Partial<Record<string, string>>): string[] {
  return columns.map((c) => values[c.name] ?? (c.name === 'Email' ? 'ana@example.org' : ''));
}

function valuesOf(values: Partial<Record<string, string>>, t: ImportTemplate = template): RowValues {
  const result = readRowValues(t, mapping, cells(values), today);
  assert.ok('values' in result, JSON.stringify(result));
  return result.values;
}

function problemOf(values: Partial<Record<string, string>>): RowProblem {
  const result = readRowValues(template, mapping, cells(values), today);
  assert.ok('problem' in result, JSON.stringify(result));
  return result.problem;
}

test('cells are trimmed before they are checked and kept', () => {
  assert.equal(valuesOf({ Email: '  ana@example.org ', FirstName: ' Ana ' }).firstName, 'Ana');
});

test('a required column left empty is named in the problem', () => {
  assert.deepEqual(problemOf({ Email: '   ' }), { reason: 'missing_value', message: 'Email is required.' });
});

test('a line break inside a cell is refused, naming the column', () => {
  const problem = problemOf({ FirstName: 'Ana\nMaria' });
  assert.equal(problem.reason, 'invalid_value');
  assert.match(problem.message, /^FirstName contains a line break/);
});

test('a password may hold any character, control characters included', () => {
  assert.equal(valuesOf({ Password: 'tab\there and more' }).password, 'tab\there and more');
});

test('allowed values match whatever their case and are stored in lower case', () => {
  assert.equal(valuesOf({ Status: 'ARCHIVED' }).status, 'archived');
});

test('a value outside the allowed list names the choices', () => {
  assert.deepEqual(problemOf({ Status: 'Retired' }), {
    reason: 'invalid_value',
    message: 'Status "Retired" is not one of: Active, Archived.',
  });
});

test('an email may be longer than the 200-character limit of other text, up to 254', () => {
  const email = `${'a'.repeat(240)}@example.org`;
  assert.equal(valuesOf({ Email: email }).email, email);
});

test('a name longer than 100 characters is too long, with its length and the limit', () => {
  assert.deepEqual(problemOf({ FirstName: 'x'.repeat(101) }), {
    reason: 'too_long',
    message: 'FirstName is 101 characters long; the limit is 100.',
  });
});

test('yes/no columns read Yes, y, true, 1 and x as yes, and No, n, false, 0 as no', () => {
  for (const yes of ['Yes', 'y', 'TRUE', '1', 'x']) assert.equal(valuesOf({ TrainingManager: yes }).trainingManager, true, yes);
  for (const no of ['No', 'n', 'false', '0']) assert.equal(valuesOf({ TrainingManager: no }).trainingManager, false, no);
});

test('a yes/no column with another word asks for Yes or No', () => {
  const problem = problemOf({ TrainingManager: 'maybe' });
  assert.equal(problem.reason, 'invalid_value');
  assert.match(problem.message, /must be Yes or No/);
});

test('a bad date names the column by its file label and the accepted forms', () => {
  assert.deepEqual(problemOf({ DateTransfer: '31/12/2026' }), {
    reason: 'invalid_value',
    message: 'DateTransfer "31/12/2026" is not a date; use YYYY-MM-DD or M/D/YYYY.',
  });
});

test('columns mapped to ignore are read past and kept nowhere', () => {
  const values = valuesOf({ Notes: 'call back on Monday' });
  assert.deepEqual(Object.keys(values), ['email']);
});

test('a fixed value fills a column the file leaves empty', () => {
  const fixed = { ...template, fixedValues: { FirstName: 'Pat' } };
  assert.equal(valuesOf({}, fixed).firstName, 'Pat');
});

test('a fixed value may name the field instead of the column', () => {
  const fixed = { ...template, fixedValues: { firstName: 'Pat' } };
  assert.equal(valuesOf({ FirstName: 'Ana' }, fixed).firstName, 'Pat');
});

test('the field count message counts values in the singular too', () => {
  const result = readRowValues(template, mapping, ['only one'], today);
  assert.ok('problem' in result);
  assert.match(result.problem.message, /^This row has 1 value but the header has 7 columns/);
});

test('dates before 1900 or after 2200 are refused as typing mistakes', () => {
  assert.equal(parseDate('1899-12-31'), undefined);
  assert.equal(parseDate('2201-01-01'), undefined);
  assert.equal(parseDate('1900-01-01'), '1900-01-01');
});

test('a leap day exists only in leap years', () => {
  assert.equal(parseDate('2/29/2028'), '2028-02-29');
  assert.equal(parseDate('2/29/2027'), undefined);
});
