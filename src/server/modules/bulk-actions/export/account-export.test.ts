import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { assertXlsxSize, maxXlsxAccounts } from './account-export.service.ts';

test('an Excel export of up to the limit is allowed, one more is refused with a message naming CSV', () => {
  assertXlsxSize(maxXlsxAccounts);
  assert.throws(
    () => assertXlsxSize(maxXlsxAccounts + 1),
    (error: unknown) => error instanceof AppError && error.code === 'validation_failed' && /Choose CSV/.test(error.message),
  );
});
