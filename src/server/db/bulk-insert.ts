import { CompiledQuery, PostgresAdapter } from 'kysely';
import type { Executor } from './connection.ts';
import { copyValue, CopyRows } from './copy-client.ts';

// Quoted: some column names are keywords ("values").
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const quoted = (name: string) => `"${snake(name)}"`;

/**
 * Rows from which PostgreSQL inserts go by COPY: it waits for the server's answer to the COPY statement
 * before sending the rows (a second round trip), which a few rows do not earn back.
 */
const copyFromRows = 100;

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
  const columns = columnsOf(rows);
  const tail = options.onConflictDoNothing ? ' on conflict do nothing' : '';
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    return options.onConflictDoNothing || rows.length < copyFromRows
      ? insertByColumns(db, table, columns, rows, tail)
      : insertByCopy(db, table, columns, rows);
  const perChunk = Math.max(1, Math.floor(maxParameters / columns.length));
  const head = `insert into "${table}" (${columns.map(quoted).join(', ')}) values `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const parameters: unknown[] = [];
    for (const row of chunk) {
      const record = row as Record<string, unknown>;
      for (const name of columns) {
        const value = record[name];
        parameters.push(value === undefined ? null : value);
      }
    }
    await db.executeQuery(CompiledQuery.raw(`${head}${Array(chunk.length).fill(tuple).join(', ')}${tail}`, parameters));
  }
}

/**
 * Every key any row has, in the order first met. A loop over Object.keys into a set: `rows.flatMap(Object.keys)`
 * built and joined an array per row, which took longer than binding the values (~1 s per 30,000 rows, measured).
 */
function columnsOf(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

/**
 * PostgreSQL, plain inserts: `COPY … FROM STDIN` with the rows in COPY's text format. Measured against
 * the `unnest` insert below (100k rows of an import, each table in 5,000-row transactions): the client
 * builds the text in a fraction of the time pg takes to turn every value into an array literal
 * (audit events 0.5 s against 2.9 s), and PostgreSQL skips parsing those array literals (bind) and
 * the `unnest` projection. COPY cannot skip conflicting rows, so inserts that may meet one use `unnest`.
 */
async function insertByCopy(db: Executor, table: string, columns: string[], rows: readonly object[]): Promise<void> {
  const lines: string[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r += 1) {
    const record = rows[r] as Record<string, unknown>;
    let line = copyValue(record[columns[0] as string]);
    for (let c = 1; c < columns.length; c += 1) line += `\t${copyValue(record[columns[c] as string])}`;
    lines[r] = line;
  }
  const text = `copy "${table}" (${columns.map(quoted).join(', ')}) from stdin`;
  await db.executeQuery(CompiledQuery.raw(text, [new CopyRows(`${lines.join('\n')}\n`)]));
}

/**
 * PostgreSQL: one statement for the whole batch, one array parameter per column, unnested into rows.
 * A VALUES list of 30,000 parameters cost PostgreSQL more to parse and plan than to insert; column
 * arrays are one parameter each, whatever the number of rows, and the statement text is the same for
 * every batch of a table. The arrays need their element types, read once per table from the catalog.
 */
async function insertByColumns(db: Executor, table: string, columns: string[], rows: readonly object[], tail: string): Promise<void> {
  let types = await columnTypes(db, table);
  // A column added since the types were read (a migration run by this process): read them again once.
  if (columns.some((name) => !types.has(snake(name)))) {
    typesByTable.delete(table);
    types = await columnTypes(db, table);
  }
  const arrays = columns.map((name) => rows.map((row) => (row as Record<string, unknown>)[name] ?? null));
  const casts = columns.map((name, i) => {
    const type = types.get(snake(name));
    if (!type) throw new Error(`insertRows: ${table} has no column ${snake(name)}`);
    return `$${i + 1}::${type}[]`;
  });
  const text = `insert into "${table}" (${columns.map(quoted).join(', ')}) select * from unnest(${casts.join(', ')})${tail}`;
  await db.executeQuery(CompiledQuery.raw(text, arrays));
}

/** Each table's column element types (udt names such as text, int4), by column name; the schema is fixed while a process runs. */
const typesByTable = new Map<string, Promise<Map<string, string>>>();

function columnTypes(db: Executor, table: string): Promise<Map<string, string>> {
  let types = typesByTable.get(table);
  if (!types) {
    types = db
      .executeQuery<{ name: string; type: string }>(
        CompiledQuery.raw(
          // One-word aliases: the connection's camel-case plugin rewrites result names with underscores.
          'select column_name as name, udt_name as type from information_schema.columns where table_schema = current_schema() and table_name = $1',
          [table],
        ),
      )
      .then((result) => new Map(result.rows.map((r) => [r.name, r.type])));
    // A failed read (the connection dropped) is tried again next time rather than remembered.
    types.catch(() => typesByTable.delete(table));
    typesByTable.set(table, types);
  }
  return types;
}
