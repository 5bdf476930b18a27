import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemIds } from './clock.ts';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('ids are UUIDv7, all different, and sort in the order they were made (many per millisecond, across pool refills)', () => {
  // 10,000 ids are 160 KB of random bytes: the 4 KiB pool is refilled forty times along the way.
  const ids = Array.from({ length: 10_000 }, () => systemIds.newId());
  assert.ok(
    ids.every((id) => uuidV7.test(id)),
    ids.find((id) => !uuidV7.test(id)),
  );
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
});

test("an id's first 48 bits are the time it was made, in milliseconds", () => {
  const before = Date.now();
  const id = systemIds.newId();
  const after = Date.now();
  const msecs = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
  assert.ok(msecs >= before && msecs <= after + 1, `${msecs} not within ${before}..${after}`);
});
