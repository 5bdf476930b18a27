import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Executor } from './connection.ts';

const onPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Keys to look up, in lists of at most 1,000 for SQLite's `in (…)`, or all in one list on PostgreSQL, which
 * takes them as one array parameter (anyOf): an import batch checks its 5,000 emails in one statement
 * instead of five, each of which PostgreSQL parsed and planned afresh for its 1,000 parameters.
 */
export function keyLists(db: Executor, keys: readonly string[]): (readonly string[])[] {
  if (keys.length === 0) return [];
  if (onPostgres(db)) return [keys];
  const lists: string[][] = [];
  for (let i = 0; i < keys.length; i += 1000) lists.push(keys.slice(i, i + 1000));
  return lists;
}

/** `column in (keys)` for a text column: on PostgreSQL `= any($1::text[])`, one parameter however many keys. */
export function anyOf(db: Executor, column: string, keys: readonly string[]): RawBuilder<boolean> {
  return onPostgres(db) ? sql<boolean>`${sql.ref(column)} = any(${keys}::text[])` : sql<boolean>`${sql.ref(column)} in (${sql.join(keys)})`;
}
