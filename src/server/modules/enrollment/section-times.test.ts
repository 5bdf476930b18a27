import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sectionTimes } from './section-times.ts';

test('a day is stored as midnight UTC and an instant with its offset as UTC', () => {
  assert.deepEqual(sectionTimes({ startsAt: '2027-03-03', endsAt: '2027-03-05T17:00:00-08:00' }, null), {
    startsAt: '2027-03-03T00:00:00.000Z',
    endsAt: '2027-03-06T01:00:00.000Z',
  });
});

test('a section that ends before it starts, or a window that closes before it opens, is refused', () => {
  assert.throws(() => sectionTimes({ startsAt: '2027-03-03', endsAt: '2027-03-01' }, null), /ends after it starts/);
  const current = { startsAt: null, endsAt: null, enrollOpensAt: '2027-02-01T00:00:00.000Z', enrollClosesAt: null };
  assert.throws(() => sectionTimes({ enrollClosesAt: '2027-01-01' }, current), /closes after it opens/);
});
