import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBuckets } from './token-bucket.ts';

test('a key makes up to its capacity at once, then waits the seconds until one request is refilled', () => {
  const buckets = new TokenBuckets(6, 60);
  for (let i = 0; i < 6; i++) assert.equal(buckets.take('a', 1000), 0);
  assert.equal(buckets.take('a', 1000), 10, 'six a minute: one every ten seconds');
  assert.equal(buckets.take('a', 6000), 5);
  assert.equal(buckets.take('a', 11_000), 0, 'refilled after ten seconds');
  assert.equal(buckets.take('a', 11_000), 10);
});

test('each key has its own bucket', () => {
  const buckets = new TokenBuckets(1, 60);
  assert.equal(buckets.take('a', 0), 0);
  assert.ok(buckets.take('a', 0) > 0);
  assert.equal(buckets.take('b', 0), 0);
});

test('a refused request does not count: waiting the time said is enough', () => {
  const buckets = new TokenBuckets(2, 60);
  buckets.take('a', 0);
  buckets.take('a', 0);
  for (let i = 0; i < 100; i++) assert.ok(buckets.take('a', 0) > 0);
  assert.equal(buckets.take('a', 30_000), 0);
});

test('past the key limit, idle keys are forgotten and come back with a full bucket', () => {
  const buckets = new TokenBuckets(1, 60, 2);
  buckets.take('a', 0);
  buckets.take('b', 0);
  buckets.take('c', 120_000);
  assert.equal(buckets.take('a', 120_000), 0);
  assert.ok(buckets.take('c', 120_000) > 0, 'a key still in use keeps its count');
});
