import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/server/config.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

/** The machine's PostgreSQL; override with REGISTRAR_TEST_PG (a URL to a database the tests may create databases from). */
export const adminPostgresUrl = process.env.REGISTRAR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminPostgresUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem && process.env.CI) {
  throw new Error(`PostgreSQL is required in CI but not reachable at ${adminPostgresUrl}: ${postgresProblem}`);
}

/** Why the PostgreSQL half of a suite is skipped, or false when it runs. */
export const postgresSkipReason: string | false = postgresProblem
  ? `PostgreSQL not reachable at ${adminPostgresUrl} (${postgresProblem}); the PostgreSQL half was skipped`
  : false;

export const databaseKinds: DatabaseKind[] = ['sqlite', 'postgres'];

export interface ScratchDatabase {
  config: Pick<Config, 'database'>;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database of the given kind, private to one test file. */
export async function createScratchDatabase(kind: DatabaseKind): Promise<ScratchDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'registrar-test-'));
    const file = join(dir, 'test.db');
    return {
      config: { database: { kind: 'sqlite', file } },
      url: `sqlite:${file}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `registrar_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminPostgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminPostgresUrl);
  url.pathname = `/${name}`;
  return {
    config: { database: { kind: 'postgres', url: url.toString() } },
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminPostgresUrl });
      await client.connect();
      try {
        // pg's pool resolves end() before its sockets are gone; wait for them rather than kill them.
        for (let i = 0; i < 100; i += 1) {
          const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
