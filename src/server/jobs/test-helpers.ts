import { after, before, beforeEach, describe } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import {
  adminPostgresUrl,
  createScratchDatabase,
  databaseKinds,
  postgresSkipReason,
  type DatabaseKind,
} from '../../../test/support/databases.ts';
import { openDatabase, type DatabaseHandle, type Db } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { Clock } from '../platform/clock.ts';
import { jobsDb } from './job-store.ts';

/** A clock the test moves by hand; leases, run_at and backoff all read it. */
export class TestClock implements Clock {
  private t: number;
  constructor(start = '2026-11-23T09:00:00.000Z') {
    this.t = Date.parse(start);
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface JobsTestDb {
  kind: DatabaseKind;
  /** The app's handle. */
  db: Db;
  /** A second, independent connection (pool) to the same database, as another app instance would have. */
  other: Db;
}

/**
 * Declares the suite once per database kind on a fresh migrated database, with a `processed_items`
 * table for handlers to record their side effects in. The jobs table is emptied before each test.
 */
export function describeJobsOnEachDatabase(title: string, body: (ctx: () => JobsTestDb) => void): void {
  for (const kind of databaseKinds) {
    const skip = kind === 'postgres' ? postgresSkipReason : false;
    describe(`${title} [${kind}]`, { skip }, () => {
      let handles: DatabaseHandle[] = [];
      let drop: (() => Promise<void>) | undefined;
      let waitForDisconnect: () => Promise<void> = async () => undefined;
      let ctx: JobsTestDb | undefined;
      before(async () => {
        const scratch = await createScratchDatabase(kind);
        drop = scratch.drop;
        if (kind === 'postgres') waitForDisconnect = () => waitForNoSessions(scratch.url);
        handles = [openDatabase(scratch.config), openDatabase(scratch.config)];
        const [main, other] = handles as [DatabaseHandle, DatabaseHandle];
        await migrateToLatest(main.db);
        await sql`create table processed_items (job_id text not null, item integer not null, worker text not null)`.execute(main.db);
        ctx = { kind, db: main.db, other: other.db };
      });
      after(async () => {
        for (const handle of handles) await handle.close();
        // pg's pool.end() resolves before its sockets close; dropping "with (force)" then would kill them
        // mid-close and surface as an uncaught error.
        await waitForDisconnect();
        await drop?.();
      });
      beforeEach(async () => {
        if (!ctx) return;
        await jobsDb(ctx.db).deleteFrom('jobs').execute();
        await sql`delete from processed_items`.execute(ctx.db);
      });
      body(() => {
        if (!ctx) throw new Error('jobs test database not ready');
        return ctx;
      });
    });
  }
}

async function waitForNoSessions(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new pg.Client({ connectionString: adminPostgresUrl });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0]?.n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.end();
  }
}

export async function processedItems(db: Db, jobId?: string): Promise<Array<{ jobId: string; item: number; worker: string }>> {
  const where = jobId === undefined ? sql`` : sql`where job_id = ${jobId}`;
  const result = await sql<{
    job_id: string;
    item: number;
    worker: string;
  }>`select job_id, item, worker from processed_items ${where} order by item`.execute(db);
  // CamelCasePlugin maps result keys too.
  return result.rows.map((row) => {
    const r = row as unknown as Record<string, unknown>;
    return { jobId: String(r.jobId ?? r.job_id), item: Number(r.item), worker: String(r.worker) };
  });
}

export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
