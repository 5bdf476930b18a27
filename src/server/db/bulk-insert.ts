import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Executor } from './connection.ts';

// Quoted: some column names are keywords ("values").
const quoted = (name: string) => `"${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`;

/** Bind parameters per statement: SQLite allows 32,766 and PostgreSQL 65,535. */
const maxParameters = 30_000;

/**
 * Inserts many rows with one precompiled statement per chunk. Imports write up to a million rows;
 * building Kysely's query tree for every value cost more than the database's own work (and most of
 * the garbage collection), so this writes the SQL directly. Keys are the app's camelCase column
 * names; rows may omit optional columns (written as NULL).
 */
export async function insertRows(
  db: Executor,
  table: string,
  rows: readonly object[],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const perChunk = Math.max(1, Math.floor(maxParameters / columns.length));
  const head = `insert into "${table}" (${columns.map(quoted).join(', ')}) values `;
  const tail = options.onConflictDoNothing ? ' on conflict do nothing' : '';
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of chunk) {
      const record = row as Record<string, unknown>;
      const marks: string[] = [];
      for (const name of columns) {
        const value = record[name];
        parameters.push(value === undefined ? null : value);
        marks.push(pg ? `$${parameters.length}` : '?');
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await db.executeQuery(CompiledQuery.raw(`${head}${tuples.join(', ')}${tail}`, parameters));
  }
}
