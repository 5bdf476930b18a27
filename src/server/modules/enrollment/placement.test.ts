import assert from 'node:assert/strict';
import { test } from 'node:test';
import { place, type PlacementInput } from './placement.ts';

const base: PlacementInput = {
  section: { status: 'open', capacity: 2, enrollOpensAt: null, enrollClosesAt: null, orgPath: '/t/' },
  now: '2027-01-10T00:00:00.000Z',
  taken: 0,
  force: false,
  accounts: [],
  existing: new Map(),
};
const people = (...ids: string[]) => ids.map((id) => ({ id, status: 'active', orgPath: '/t/c/' }));

test('a full section waitlists in arrival order', () => {
  const got = place({ ...base, accounts: people('a', 'b', 'c', 'd') }).map((p) => p.outcome);
  assert.deepEqual(got, ['enrolled', 'enrolled', 'waitlisted', 'waitlisted']);
});

test('force overrides capacity and marks only the places it forced', () => {
  const got = place({ ...base, taken: 1, force: true, accounts: people('a', 'b') });
  assert.deepEqual(got, [
    { accountId: 'a', outcome: 'enrolled', forced: false },
    { accountId: 'b', outcome: 'enrolled', forced: true },
  ]);
});

test('outside the window fails enrollment_closed unless forced', () => {
  const section = { ...base.section, enrollClosesAt: '2027-01-01T00:00:00.000Z' };
  assert.deepEqual(
    place({ ...base, section, accounts: people('a') }).map((p) => (p.outcome === 'failed' ? p.reason : p.outcome)),
    ['enrollment_closed'],
  );
  assert.deepEqual(place({ ...base, section, force: true, accounts: people('a') })[0], {
    accountId: 'a',
    outcome: 'enrolled',
    forced: true,
  });
});

test('archived accounts, second enrollments, the same id twice and a cancelled section fail with their reason', () => {
  const accounts = [{ id: 'x', status: 'archived', orgPath: '/t/' }, ...people('e', 'a', 'a')];
  const existing = new Map([['e', { id: 'en1', status: 'enrolled' }]]);
  const got = place({ ...base, accounts, existing }).map((p) => (p.outcome === 'failed' ? p.reason : p.outcome));
  assert.deepEqual(got, ['account_archived', 'already_enrolled', 'enrolled', 'already_enrolled']);
  const cancelled = place({ ...base, section: { ...base.section, status: 'cancelled' }, accounts: people('a') });
  assert.deepEqual(cancelled[0], { accountId: 'a', outcome: 'failed', reason: 'section_cancelled', enrollmentId: undefined });
});

test('an account outside the offering organization’s subtree fails out_of_scope', () => {
  const got = place({
    ...base,
    section: { ...base.section, orgPath: '/t/c/' },
    accounts: [{ id: 'a', status: 'active', orgPath: '/t/d/' }],
  });
  assert.equal(got[0]?.outcome === 'failed' && got[0].reason, 'out_of_scope');
});

test('a force takes a waitlisted person off the waitlist', () => {
  const existing = new Map([['a', { id: 'en1', status: 'waitlisted' }]]);
  assert.deepEqual(place({ ...base, taken: 2, force: true, accounts: people('a'), existing })[0], {
    accountId: 'a',
    outcome: 'promoted',
    enrollmentId: 'en1',
  });
});
