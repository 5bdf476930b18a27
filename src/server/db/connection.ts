import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  type PostgresDialectConfig,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { CopyingClient } from './copy-client.ts';
import type { Database } from './schema.ts';
import { CamelCaseNames, SnakeCasePostgresQueryCompiler, SnakeCaseSqliteQueryCompiler } from './snake-case.ts';
import { withStatementCache } from './statement-cache.ts';

export type Db = Kysely<Database>;
/** Repositories accept either the root handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;
  /** Where it is, so a worker thread can open its own connection to the same database. */
  readonly location: Config['database'];
  close(): Promise<void>;
}

/** The page cache of a connection (SQLite): the server's own keeps its hot pages in 64 MB. */
export const defaultCacheMb = 64;

export interface ConnectionOptions {
  /** SQLite's page cache for this connection, in MB (a job thread's second connection takes a small one). */
  cacheMb?: number;
}

export function openDatabase(config: Pick<Config, 'database'>, options: ConnectionOptions = {}): DatabaseHandle {
  // camelCase in TypeScript, snake_case in the database: rows are mapped by the plugin, identifiers by the compiler.
  const names = new CamelCaseNames();
  const plugins = [names];
  if (config.database.kind === 'postgres') {
    // CopyingClient: bulk inserts stream their rows with COPY through Kysely's query call (bulk-insert.ts).
    const pool = new pg.Pool({ connectionString: config.database.url, max: 10, Client: CopyingClient });
    // An idle connection dropped by the server (restart, failover, admin) must not crash the process:
    // the pool discards it and opens a new one on the next query.
    pool.on('error', (error) => process.emitWarning(`PostgreSQL connection lost: ${error.message}`));
    const db = new Kysely<Database>({ dialect: new SnakeCasePostgresDialect({ pool }, names), plugins });
    return { db, dialect: 'postgres', location: config.database, close: () => db.destroy() };
  }
  const file = config.database.file;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the single writer; NORMAL sync is durable across app crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  // Another process on the same file (the command line beside a server) holds the write lock for one
  // batch at a time: wait for it rather than fail with "database is locked".
  sqlite.pragma(`busy_timeout = ${sqliteBusyTimeoutMs}`);
  // Negative: a size in KiB rather than in pages. Every page read or written stays here up to the size,
  // so this is what a connection costs in memory once it has worked through a large table.
  sqlite.pragma(`cache_size = -${(options.cacheMb ?? defaultCacheMb) * 1024}`);
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }, names), plugins });
  return { db, dialect: 'sqlite', location: config.database, close: () => db.destroy() };
}

/** How long a SQLite write waits for another process's write transaction before giving up. */
export const sqliteBusyTimeoutMs = 10_000;

/**
 * SQLite transactions that take the write lock at BEGIN. A deferred transaction reads first and asks
 * for the lock at its first write; if another process committed in between, SQLite cannot let it
 * write on its stale snapshot and fails at once with "database is locked", busy_timeout or not.
 * Taking the lock up front makes it wait its turn (up to busy_timeout) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqliteConfig: SqliteDialectConfig,
    private readonly names: CamelCaseNames,
  ) {
    super(sqliteConfig);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqliteConfig);
  }

  override createQueryCompiler(): QueryCompiler {
    return new SnakeCaseSqliteQueryCompiler(this.names);
  }
}

class SnakeCasePostgresDialect extends PostgresDialect {
  constructor(
    config: PostgresDialectConfig,
    private readonly names: CamelCaseNames,
  ) {
    super(config);
  }

  override createQueryCompiler(): QueryCompiler {
    return new SnakeCasePostgresQueryCompiler(this.names);
  }
}
