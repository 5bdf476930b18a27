/**
 * Prints the SQL the services send for one example of each benchmarked query, with the planner's
 * plan (SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN ANALYZE) and its time, on the seeded data.
 *
 *   node --import tsx bench/explain.ts [--db=sqlite|postgres] [--q=smi] [--status=active] [--county=0] [--domain=gmail.com]
 */
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { createServices } from '../src/server/container.ts';
import type { DatabaseHandle } from '../src/server/db/connection.ts';
import type { Database } from '../src/server/db/schema.ts';
import type { AccountWithOrg } from '../src/server/modules/accounts/accounts.repository.ts';
import { benchPostgresUrl, existingDataset, sqliteFile, type BenchKind } from './seed.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const kind = (args.get('db') ?? 'sqlite') as BenchKind;
const dataset = existingDataset(kind, Number(args.get('accounts') ?? 1_000_000));
if (!dataset) throw new Error(`No seeded ${kind} database; run npm run bench -- --seed-only first.`);

const captured: LogEvent[] = [];
const log = (event: LogEvent) => {
  if (event.level === 'query') captured.push(event);
};
const plugins = [new CamelCasePlugin()];
const sqlite = kind === 'sqlite' ? new SQLite(sqliteFile) : undefined;
sqlite?.pragma('cache_size = -65536');
const pool = kind === 'postgres' ? new pg.Pool({ connectionString: benchPostgresUrl() }) : undefined;
const db = new Kysely<Database>({
  dialect: sqlite ? new SqliteDialect({ database: sqlite }) : new PostgresDialect({ pool: pool as pg.Pool }),
  plugins,
  log,
});
const handle: DatabaseHandle = {
  db,
  dialect: kind,
  location: kind === 'sqlite' ? { kind: 'sqlite', file: sqliteFile } : { kind: 'postgres', url: benchPostgresUrl() },
  close: () => db.destroy(),
};
const services = createServices(handle, { sessionTtlHours: 8 });

async function actorOf(id: string) {
  const account = await db
    .selectFrom('accounts')
    .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
    .selectAll('accounts')
    .select(['o.name as orgName', 'o.path as orgPath'])
    .where('accounts.id', '=', id)
    .executeTakeFirstOrThrow();
  return services.auth.actorFor(account as AccountWithOrg, 'api');
}

async function explain(label: string, run: () => Promise<unknown>) {
  captured.length = 0;
  const start = performance.now();
  await run();
  console.log(`\n=== ${label}: ${(performance.now() - start).toFixed(1)} ms through the service`);
  for (const event of captured) {
    const text = event.query.sql;
    const params = event.query.parameters as unknown[];
    console.log(`\n-- ${event.queryDurationMillis.toFixed(1)} ms\n${text}\n   ${JSON.stringify(params).slice(0, 300)}`);
    if (sqlite) {
      for (const row of sqlite.prepare(`explain query plan ${text}`).all(...params) as Array<{ detail: string }>)
        console.log(`   | ${row.detail}`);
    } else {
      const result = await (pool as pg.Pool).query(`explain (analyze, buffers) ${text}`, params);
      for (const row of result.rows as Array<Record<string, string>>) console.log(`   | ${row['QUERY PLAN']}`);
    }
  }
}

const tenantAdmin = await actorOf(dataset.tenantAdminId);
const county = dataset.counties[Number(args.get('county') ?? 0)] as (typeof dataset.counties)[number];
const countyAdmin = await actorOf(county.adminId);
await explain(`text "${args.get('q') ?? 'smi'}"`, () => services.accountSearch.searchAccounts(tenantAdmin, { q: args.get('q') ?? 'smi' }));
await explain(`status ${args.get('status') ?? 'active'} in ${county.name}`, () =>
  services.accountSearch.searchAccounts(countyAdmin, { status: args.get('status') ?? 'active' }),
);
await explain(`domain ${args.get('domain') ?? 'gmail.com'}`, () =>
  services.accountSearch.searchAccounts(tenantAdmin, { emailDomain: args.get('domain') ?? 'gmail.com' }),
);
await explain('duplicates John Smith', () =>
  services.duplicates.findDuplicates(countyAdmin, { email: 'new@example.org', firstName: 'John', lastName: 'Smith', orgId: county.id }),
);
await db.destroy();
