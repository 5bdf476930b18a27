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
import type { Config } from '../config.ts';
import { copyingClient } from './copy-client.ts';
import { pg } from '../platform/on-first-use.ts';
import type { Database } from './schema.ts';
import { CamelCaseNames, SnakeCasePostgresQueryCompiler, SnakeCaseSqliteQueryCompiler } from './snake-case.ts';
import { sleep, waitingForLocks } from './sqlite-busy.ts';
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

/**
 * The page cache of a connection (SQLite), in MB. The index pages every search goes through (the upper
 * levels of a million accounts' B-trees) fit in a few MB, and a page not cached is a read from the
 * operating system's cache. At 16 MB against 64 the search benchmark's p95 over HTTP and the load
 * benchmark stayed within their runs' spread (bench/RESULTS.md), while a cache, once full, stays full:
 * sending a million welcomes filled 64 MB, a fifth of issue #19's memory budget.
 */
export const defaultCacheMb = 16;

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
    const pool = new (pg().Pool)({ connectionString: config.database.url, max: 10, Client: copyingClient() });
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
  // Another connection (a job thread, the command line beside a server) holds the write lock for one batch at a
  // time: its statements wait for it rather than fail with "database is locked", but outside SQLite, which would
  // sleep on this thread's event loop (sqlite-busy.ts).
  sqlite.pragma('busy_timeout = 0');
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
 * write on its stale snapshot and fails at once with "database is locked", however long it would wait.
 * Taking the lock up front makes it wait its turn (up to `sqliteBusyTimeoutMs`, see sqlite-busy.ts) instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  /** The one connection, waiting for locks off the event loop (sqlite-busy.ts). */
  private waiting: DatabaseConnection | undefined;
  private inTransaction = false;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.waiting ??= waitingForLocks(connection, sqliteBusyTimeoutMs, (ms) => this.lendWhileWaiting(ms));
    return this.waiting;
  }

  /**
   * While a query outside a transaction (a lone write, or the BEGIN of a transaction) waits for the lock, other
   * queries use the connection: a request's reads need not queue behind a write that waits on a job thread's batch.
   * Inside a transaction the connection stays with it.
   */
  private async lendWhileWaiting(ms: number): Promise<void> {
    if (this.inTransaction) return sleep(ms);
    await super.releaseConnection();
    await sleep(ms);
    await super.acquireConnection();
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await super.commitTransaction(connection);
    this.inTransaction = false;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await super.rollbackTransaction(connection);
    } finally {
      this.inTransaction = false;
    }
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
