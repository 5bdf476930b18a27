import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dailyHistory } from './seat-history.ts';

const snap = (day: string, active: number, invited = 0, seats = 10) => ({ contractId: 'c', day, active, invited, seats });

test('days without a change carry the last known use, and today is the live count', () => {
  const history = dailyHistory([snap('2026-11-02', 3), snap('2026-11-04', 5, 1)], { startsOn: '2026-11-01', seats: 10 }, '2026-11-05', {
    active: 6,
    invited: 1,
    seats: 10,
  });
  assert.deepEqual(
    history.map((p) => [p.day, p.active, p.invited]),
    [
      ['2026-11-01', 0, 0],
      ['2026-11-02', 3, 0],
      ['2026-11-03', 3, 0],
      ['2026-11-04', 5, 1],
      ['2026-11-05', 6, 1],
    ],
  );
});

test('a long contract shows its last year only, starting from the value known before it', () => {
  const history = dailyHistory([snap('2020-01-01', 7)], { startsOn: '2019-01-01', seats: 10 }, '2026-11-05', {
    active: 7,
    invited: 0,
    seats: 10,
  });
  assert.equal(history.length, 366);
  assert.equal(history[0]?.active, 7);
});
