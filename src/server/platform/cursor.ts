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

/**
 * Keyset paging: the caller fetched `limit + 1` rows; the extra one only says a next page exists, and
 * the cursor carries the sort key of the last row shown.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  keyOf: (row: T) => (string | null)[],
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
