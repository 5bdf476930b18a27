import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateTemporaryPassword } from './temporary-password.ts';

test('a generated temporary password is grouped by four and never shorter than asked', () => {
  const password = generateTemporaryPassword(10);
  assert.match(password, /^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
  assert.ok(generateTemporaryPassword(30).replaceAll('-', '').length >= 30);
});

test('generated temporary passwords differ and avoid characters that are misread', () => {
  const seen = new Set(Array.from({ length: 200 }, () => generateTemporaryPassword(16)));
  assert.equal(seen.size, 200);
  for (const password of seen) assert.doesNotMatch(password, /[01lIoO]/);
});
