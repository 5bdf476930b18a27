import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLineDue } from './progress-lines.ts';

test('the first progress line is printed, and the same count is never printed twice however long it waits', () => {
  assert.equal(progressLineDue(undefined, 0, 1000, 0), true);
  assert.equal(progressLineDue({ rows: 300, at: 0 }, 300, 1000, 600_000), false);
});

test('a line each tenth of the work, or after a quiet spell when the count moved a little', () => {
  assert.equal(progressLineDue({ rows: 0, at: 0 }, 99, 1000, 1000), false);
  assert.equal(progressLineDue({ rows: 0, at: 0 }, 100, 1000, 1000), true);
  assert.equal(progressLineDue({ rows: 0, at: 0 }, 5, 1000, 10_000), true);
});
