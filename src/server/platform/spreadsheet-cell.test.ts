import assert from 'node:assert/strict';
import { test } from 'node:test';
import { neutralizeCell } from './spreadsheet-cell.ts';

test('a cell a spreadsheet would run as a formula gets a leading apostrophe', () => {
  for (const cell of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '=HYPERLINK("http://x")', '-', '@']) {
    assert.equal(neutralizeCell(cell), `'${cell}`, cell);
  }
});

test('leading spaces of any kind do not hide a formula', () => {
  for (const cell of [' =1+1', '   @x', '\u00A0=1+1', '\u00A0\u00A0+x', '\u2007-x+1', '\u3000=x', '\uFEFF=x', ' \u00A0 -1+2']) {
    assert.equal(neutralizeCell(cell), `'${cell}`, JSON.stringify(cell));
  }
});

test('the full-width forms are neutralized too, with or without spaces before them', () => {
  for (const cell of ['\uFF1D1+1', '\uFF0Bx', '\uFF0D1+2', '\uFF20SUM(A1)', ' \uFF1Dx', '\u00A0\uFF20x']) {
    assert.equal(neutralizeCell(cell), `'${cell}`, JSON.stringify(cell));
  }
});

test('a cell starting with a tab or carriage return is neutralized, whatever follows', () => {
  assert.equal(neutralizeCell('\tname'), "'\tname");
  assert.equal(neutralizeCell('\r\nname'), "'\r\nname");
});

test('ordinary text, plain numbers and dates are left as they are', () => {
  for (const cell of [
    '',
    'Maria',
    'a=b',
    'maria@example.org',
    '2026-11-23',
    '11/23/2026',
    '-42',
    '+3.5',
    '42',
    'Line 3: Email is missing',
  ]) {
    assert.equal(neutralizeCell(cell), cell, cell);
  }
});

test('a cell our export neutralized reads back as the value it stood for; other apostrophes stay', async () => {
  const { restoreNeutralizedCell } = await import('./spreadsheet-cell.ts');
  for (const value of ['=SUM(A1)', '+1 555', '-dash', '@home', 'plain']) assert.equal(restoreNeutralizedCell(neutralizeCell(value)), value);
  assert.equal(restoreNeutralizedCell("'quoted"), "'quoted");
  assert.equal(restoreNeutralizedCell("'42"), "'42");
});
