import { createHash } from 'node:crypto';

/*
 * Named (server-side prepared) statements on PostgreSQL, for the reads every request makes (db/prepared.ts).
 * Unnamed, PostgreSQL parses and plans each one again: the bearer token's five-table join spent 0.5 of its
 * 0.63 ms planning; named, it runs in 0.13 ms. A connection prepares a name once and reuses it.
 *
 * A prepared statement that reads `t.*` cannot survive a change to its table's columns ("cached plan must not
 * change result type"). Migrations run in this process start a new generation of names; a change made from
 * elsewhere while this process runs is met by CopyingClient, which then stops naming that statement on that
 * connection.
 */

const named = new Map<string, string>();
let generation = 0;

/** Marks SQL as worth preparing: its text always comes with values bound the same way. */
export function nameStatement(sql: string): void {
  if (!named.has(sql)) named.set(sql, `registrar_${generation}_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
}

/** The name SQL is prepared under, if it was marked. */
export function statementName(sql: string): string | undefined {
  return named.get(sql);
}

/** Called before migrating: statements prepared from here on get new names (the old ones may read old columns). */
export function forgetStatementNames(): void {
  generation += 1;
  named.clear();
}
