import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Config } from './config.ts';

/*
 * Backup and restore of the whole database, for the `registrar backup` and `registrar restore`
 * commands. Neither migrates: a backup taken before an upgrade must hold the schema as it was.
 *
 * SQLite: better-sqlite3's online backup copies the database page by page while a server keeps
 * serving (WAL readers are not blocked), into one self-contained file. Restoring replaces the database
 * file while no server runs.
 * PostgreSQL: pg_dump's custom format (consistent snapshot, taken while servers run) and pg_restore.
 */

export class BackupError extends Error {}

/** What a backup file holds, from the file itself: the migrations its schema had run. */
export interface BackupSummary {
  file: string;
  migrations: number;
  lastMigration: string | null;
}

export async function backupDatabase(config: Pick<Config, 'database'>, to: string): Promise<BackupSummary> {
  if (existsSync(to)) throw new BackupError(`${to} already exists; choose a new file name (a backup never overwrites one).`);
  mkdirSync(dirname(to), { recursive: true });
  // Written under a temporary name and renamed once complete: a half-written file never looks like a backup.
  const partial = `${to}.partial`;
  rmSync(partial, { force: true });
  try {
    if (config.database.kind === 'sqlite') {
      if (!existsSync(config.database.file)) throw new BackupError(`There is no database at ${config.database.file}.`);
      const source = new SQLite(config.database.file, { readonly: true, fileMustExist: true });
      try {
        await source.backup(partial);
      } finally {
        source.close();
      }
      const summary = inspectSqlite(partial);
      renameSync(partial, to);
      return { ...summary, file: to };
    }
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`], config.database.url);
    renameSync(partial, to);
    return { file: to, migrations: -1, lastMigration: null };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Replaces the database with the backup's content. SQLite: the file is checked first (a SQLite database
 * with Registrar's schema, intact), copied beside the database and renamed over it, and the old
 * write-ahead log is removed so none of it is replayed onto the restored file. PostgreSQL: pg_restore
 * drops each object the backup holds and creates it again from the backup.
 */
export async function restoreDatabase(config: Pick<Config, 'database'>, from: string): Promise<BackupSummary> {
  if (!existsSync(from)) throw new BackupError(`There is no file ${from}.`);
  if (config.database.kind === 'sqlite') {
    const summary = inspectSqlite(from);
    const target = config.database.file;
    mkdirSync(dirname(target), { recursive: true });
    const incoming = `${target}.restoring`;
    copyFileSync(from, incoming);
    for (const stale of [`${target}-wal`, `${target}-shm`]) rmSync(stale, { force: true });
    renameSync(incoming, target);
    return { ...summary, file: from };
  }
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction'],
    config.database.url,
    from,
  );
  return { file: from, migrations: -1, lastMigration: null };
}

function inspectSqlite(file: string): Omit<BackupSummary, 'file'> {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
  }
  try {
    let check: unknown;
    try {
      check = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database: ${(error as Error).message}`);
    }
    if (check !== 'ok') throw new BackupError(`${file} is damaged (SQLite integrity check: ${String(check)}).`);
    const table = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) throw new BackupError(`${file} is a SQLite database but not a Registrar one (it has no migrations table).`);
    const row = db.prepare('select count(*) as n, max(name) as last from kysely_migration').get() as { n: number; last: string | null };
    return { migrations: row.n, lastMigration: row.last };
  } finally {
    db.close();
  }
}

/**
 * Runs pg_dump or pg_restore against the database URL. The password travels in PGPASSWORD, never on
 * the command line (where any user of the machine could read it in the process list).
 */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], databaseUrl: string, input?: string): Promise<void> {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const all = [...args, `--dbname=${url.toString()}`, ...(input ? [input] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(tool, all, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${tool} was not found: install the PostgreSQL client tools (the same major version as the server, or newer).`
            : `${tool} could not start: ${error.message}`,
        ),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed (exit status ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`));
    });
  });
}
