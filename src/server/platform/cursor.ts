import { invalid } from './errors.ts';

/** Opaque keyset cursors: base64url JSON arrays of the last row's sort values. */
export const encodeCursor = (values: readonly (string | null)[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, length?: number): (string | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      (length === undefined || values.length === length) &&
      values.every((v) => v === null || typeof v === 'string')
    ) {
      return values as (string | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('The cursor is not valid; start again from the first page.', { fields: { cursor: 'invalid cursor' } });
}
