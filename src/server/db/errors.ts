/** True when a write failed on a unique index, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * True when PostgreSQL refused a text value it cannot hold (a NUL character, code 22021). SQLite stores
 * such text; PostgreSQL cannot, so the value can never match or be saved there: bad input, not a fault.
 */
export function isUnstorableText(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '22021';
}
