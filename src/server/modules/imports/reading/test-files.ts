import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { openTable } from './open-table.ts';
import type { OpenTableOptions, SourceRow } from './types.ts';

let dir: string | null = null;
// Registered when a test file imports this module, so it runs after all of that file's tests.
after(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** Writes `content` to a fresh file in a temp dir removed after the test file's tests. */
export async function tempFile(name: string, content: string | Uint8Array): Promise<string> {
  dir ??= await mkdtemp(join(tmpdir(), 'registrar-reading-'));
  const path = join(dir, `${Math.random().toString(36).slice(2)}-${name}`);
  await writeFile(path, content);
  return path;
}

export interface ReadResult {
  info: Awaited<ReturnType<typeof openTable>>['info'];
  header: SourceRow;
  rows: SourceRow[];
  hasRows: boolean;
}

/** Opens and reads a whole table (fine for test-sized files). */
export async function readAll(path: string, options?: OpenTableOptions): Promise<ReadResult> {
  const table = await openTable(path, options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { info: table.info, header: table.header, rows, hasRows: table.hasRows };
}

export const lines = (rows: SourceRow[]) => rows.map((r) => r.line);
export const cells = (rows: SourceRow[]) => rows.map((r) => r.cells);
