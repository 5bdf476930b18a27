import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changeThreshold } from './change-threshold.ts';

const active = (n: number) => async () => n;

test('a tenant’s own threshold wins over the default', async () => {
  assert.equal(await changeThreshold(7, active(100_000)), 7);
});

test('by default, a tenth of the active accounts', async () => {
  assert.equal(await changeThreshold(null, active(450)), 45);
});

test('by default, never more than 100', async () => {
  assert.equal(await changeThreshold(null, active(50_000)), 100);
});

test('by default, at least 1 even in a tiny tenant', async () => {
  assert.equal(await changeThreshold(null, active(4)), 1);
});
