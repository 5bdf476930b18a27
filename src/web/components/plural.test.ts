import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countOf, pageSummary } from './plural.ts';

test('counts take the singular only for one', () => {
  assert.equal(countOf(1, 'organization'), '1 organization');
  assert.equal(countOf(0, 'organization'), '0 organizations');
  assert.equal(countOf(2, 'row'), '2 rows');
  assert.equal(countOf(1234, 'entry', 'entries'), '1,234 entries');
});

test('a page summary names its range and total, and a single row without a range', () => {
  assert.equal(pageSummary(1, 1, 1), 'Showing 1 of 1');
  assert.equal(pageSummary(51, 50, 1234), 'Showing 51–100 of 1,234');
  assert.equal(pageSummary(1, 25, '10,000+'), 'Showing 1–25 of 10,000+');
  assert.equal(pageSummary(26, 3), 'Showing 26–28');
});
