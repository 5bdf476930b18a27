import { createHash } from 'node:crypto';

/*
 * Named (server-side prepared) statements on PostgreSQL. Unnamed, PostgreSQL parses and plans each statement
 * again: the bearer token's five-table join spent 0.5 of its 0.63 ms planning; named, it runs in 0.13 ms. A
 * connection prepares a name once and reuses it. The reads every request makes are marked (db/prepared.ts);
 * other reads are named as they come, up to a bound: a search at 1M accounts planned its union of index
 * ranges for as long as it ran it (1.7 ms of 3.4), and once PostgreSQL settles on a generic plan for a
 * statement it stops planning it (a county administrator's text search p95 over HTTP 11.1 -> 9.7 ms).
 *
 * A prepared statement that reads `t.*` cannot survive a change to its table's columns ("cached plan must not
 * change result type"). Migrations run in this process start a new generation of names; a change made from
 * elsewhere while this process runs is met by CopyingClient, which then stops naming that statement on that
 * connection.
 */

const named = new Map<string, string>();
let generation = 0;

/**
 * Reads named as they come, at most: search writes its lists into the SQL (a first name per branch, an id per
 * organization), so its texts are many; past the bound new ones run unnamed. A connection holds its own bound too
 * (CopyingClient): each prepared statement keeps its plan in that connection's server process.
 */
const maxNamedReads = 2000;
/** A read binding more values than this is a lookup of a list (ids, emails) that seldom comes back the same. */
const maxNamedReadParameters = 100;
let namedReads = 0;

/** Marks SQL as worth preparing: its text always comes with values bound the same way. */
export function nameStatement(sql: string): void {
  if (!named.has(sql)) named.set(sql, `registrar_${generation}_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`);
}

/** The name SQL is prepared under: marked, or a read named as it comes while the bound allows. */
export function statementName(sql: string, parameters: number): string | undefined {
  const known = named.get(sql);
  if (known !== undefined || namedReads >= maxNamedReads || parameters > maxNamedReadParameters || !/^\s*select\b/i.test(sql)) return known;
  namedReads += 1;
  nameStatement(sql);
  return named.get(sql);
}

/** Called before migrating: statements prepared from here on get new names (the old ones may read old columns). */
export function forgetStatementNames(): void {
  generation += 1;
  named.clear();
  namedReads = 0;
}
