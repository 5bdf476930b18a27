import type pg from 'pg';
import { pg as loadPg, pgCopyStreams } from '../platform/on-first-use.ts';
import { statementName } from './statement-names.ts';

/**
 * Rows for `COPY … FROM STDIN`, already in COPY's text format (one line per row, tab between values).
 * Passed as the only parameter of a query whose SQL is the COPY statement; see CopyingClient.
 */
export class CopyRows {
  constructor(readonly text: string) {}
}

/** Prepared statements one connection keeps at most (each holds its plan in the connection's server process). */
export const maxPreparedPerConnection = 300;

let copyingClientClass: typeof pg.Client | undefined;

/**
 * A pg client that runs `COPY … FROM STDIN` when it is handed a query whose only parameter is a
 * CopyRows (bulk-insert.ts makes such queries). Kysely passes every query to `client.query(sql, values)`
 * and has no way to stream, so COPY rides through that call: the transaction, the connection and the
 * error handling stay Kysely's. Reads it runs as named statements where statement-names.ts gives a name.
 *
 * The class is made on first use: only a process that uses PostgreSQL loads pg (platform/on-first-use.ts).
 */
export function copyingClient(): typeof pg.Client {
  copyingClientClass ??= defineCopyingClient(loadPg(), pgCopyStreams().from);
  return copyingClientClass;
}

function defineCopyingClient(pgModule: typeof pg, copyFrom: typeof import('pg-copy-streams').from): typeof pg.Client {
  return class CopyingClient extends pgModule.Client {
    /** Statements this connection no longer names: their table changed under a prepared one (statement-names.ts). */
    private readonly unnamed = new Set<string>();
    /** Statements this connection has prepared; past `maxPreparedPerConnection` new ones run unnamed. */
    private readonly preparedHere = new Set<string>();

    override query(...args: unknown[]): never {
      const [text, values] = args;
      if (typeof text === 'string' && Array.isArray(values) && values.length === 1 && values[0] instanceof CopyRows) {
        return this.copyIn(text, values[0]) as never;
      }
      const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? statementName(text, values.length) : undefined;
      if (name && !this.unnamed.has(name) && this.mayPrepare(name))
        return this.queryNamed(name, text as string, values as unknown[]) as never;
      return (super.query as (...a: unknown[]) => never)(...args);
    }

    private mayPrepare(name: string): boolean {
      if (this.preparedHere.has(name)) return true;
      if (this.preparedHere.size >= maxPreparedPerConnection) return false;
      this.preparedHere.add(name);
      return true;
    }

    private async queryNamed(name: string, text: string, values: unknown[]): Promise<pg.QueryResult> {
      try {
        return await super.query({ name, text, values });
      } catch (error) {
        // Its table's columns changed since this connection prepared it: run it unnamed from now on. Inside a
        // transaction the retry fails like the statement did, and only that transaction is lost.
        if ((error as { code?: string }).code !== '0A000') throw error;
        this.unnamed.add(name);
        return super.query(text, values);
      }
    }

    private copyIn(text: string, rows: CopyRows): Promise<{ command: string; rowCount: number; rows: never[] }> {
      const stream = super.query(copyFrom(text));
      return new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }));
        stream.end(rows.text);
      });
    }
  };
}

const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const needsEscape = /[\\\t\n\r]/;

/** One value in COPY's text format: `\N` for null, backslash escapes for the characters the format uses. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // A plain object goes in as JSON, as pg's own parameters send it; no caller passes a Buffer, a Date or an array.
  if (typeof value === 'object' && (Buffer.isBuffer(value) || value instanceof Date || Array.isArray(value)))
    throw new Error('copyValue: a Buffer, Date or array is not written by COPY here');
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return needsEscape.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => escapes[c] as string) : text;
}
