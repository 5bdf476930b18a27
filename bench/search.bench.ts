/**
 * Search benchmark: 1,000,000 accounts in one statewide tenant of 60 organizations; p50/p95/max of the
 * three typical scoped searches (and of the text search typed by a county's administrator) and of the
 * duplicate check, through the real services with real actors, on SQLite and PostgreSQL, beside a bare
 * raw-SQL floor measured in the same run.
 *
 *   npm run bench -- [--db=sqlite,postgres] [--accounts=1000000] [--iterations=400] [--reseed] [--seed-only] [--http]
 *
 * --http measures each query over HTTP instead: a real server (bench/server.ts) on loopback, one kept-alive
 * connection, a bearer token per administrator, so the figure includes authentication, routing and JSON.
 *
 * Seeded databases live in .bench-data/ and are reused; --reseed rebuilds them.
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { createServices, type Services } from '../src/server/container.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { emailKey, nameKey, soundKeys } from '../src/server/modules/accounts/account-keys.ts';
import type { AccountWithOrg } from '../src/server/modules/accounts/accounts.repository.ts';
import { systemActor, type Actor } from '../src/server/platform/actor.ts';
import { openFloor, type FloorQuery } from './floors.ts';
import { freePort, getJson, startServer } from './server.ts';
import { dataDir, existingDataset, openBench, seed, type BenchKind, type Dataset } from './seed.ts';
import { buildWorkload, type Person } from './workload.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const kinds = (args.get('db') ?? 'sqlite,postgres').split(',') as BenchKind[];
const accountCount = Number(args.get('accounts') ?? 1_000_000);
const iterations = Number(args.get('iterations') ?? 400);
const warmup = Math.min(100, iterations);
const overHttp = args.has('http');

interface Stats {
  p50: number;
  p95: number;
  max: number;
  mean: number;
  n: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return {
    p50: at(0.5),
    p95: at(0.95),
    max: sorted.at(-1) as number,
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
    n: sorted.length,
  };
}

/** Slowest samples of the last measurement, to say what dominates the tail. */
let slowest: Array<{ ms: number; item: unknown }> = [];

async function time<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<number[]> {
  for (const item of items.slice(0, warmup)) await work(item);
  const samples: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await work(item);
    samples.push(performance.now() - start);
  }
  slowest = samples
    .map((ms, i) => ({ ms, item: items[i] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  return samples;
}

const describeSlowest = () =>
  slowest.map((s) => `${s.ms.toFixed(1)} ms ${JSON.stringify(s.item, (k, v) => (k === 'actor' ? undefined : v))}`).join('; ');

async function actorFor(services: Services, handle: ReturnType<typeof openBench>, accountId: string): Promise<Actor> {
  const account = await handle.db
    .selectFrom('accounts')
    .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
    .selectAll('accounts')
    .select(['o.name as orgName', 'o.path as orgPath'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirstOrThrow();
  return services.auth.actorFor(account as AccountWithOrg, 'api');
}

/** People spread over the whole table, found by external id (E1000000 + row number), for varied parameters. */
async function samplePeople(handle: ReturnType<typeof openBench>, dataset: Dataset, n: number): Promise<Person[]> {
  const step = Math.floor(dataset.accounts / n);
  const ids = Array.from({ length: n }, (_, i) => `E${1_000_000 + i * step + 7}`);
  return handle.db
    .selectFrom('accounts')
    .select(['firstName', 'lastName', 'email', 'orgId'])
    .where('tenantId', '=', dataset.tenantId)
    .where('externalId', 'in', ids)
    .execute();
}

interface Row {
  query: string;
  service: Stats;
  floor: Stats;
  meanTotal: number;
}

async function measure(kind: BenchKind, dataset: Dataset): Promise<Row[]> {
  const handle = openBench(kind);
  await migrateToLatest(handle.db);
  const services = createServices(handle, { sessionTtlHours: 8 });
  const tenantAdmin = await actorFor(services, handle, dataset.tenantAdminId);
  const countyAdmins = await Promise.all(dataset.counties.map((c) => actorFor(services, handle, c.adminId)));
  const people = await samplePeople(handle, dataset, 1000);
  const work = buildWorkload(people, dataset.counties.length, iterations);
  const floor = await openFloor(kind);
  const rows: Row[] = [];
  const http = overHttp
    ? await serveOverHttp(kind, services, dataset.tenantId, [dataset.tenantAdminId, ...dataset.counties.map((c) => c.adminId)])
    : undefined;
  const search = async (actor: Actor, input: Record<string, unknown>): Promise<{ total: number }> => {
    if (!http) return services.accountSearch.searchAccounts(actor, input);
    return (await http.get(`/api/accounts?${http.params(input)}`, actor.accountId)) as { total: number };
  };
  const findDuplicates = async (actor: Actor, input: Record<string, unknown>): Promise<{ likely: unknown[]; exact: unknown[] }> => {
    if (!http) return services.duplicates.findDuplicates(actor, input);
    return (await http.get(`/api/accounts/duplicates?${http.params(input)}`, actor.accountId)) as { likely: unknown[]; exact: unknown[] };
  };
  const tenantId = dataset.tenantId;
  const county = (i: number) => dataset.counties[i] as Dataset['counties'][number];

  const searchRow = async (
    query: string,
    runs: Array<{ actor: Actor; input: Parameters<Services['accountSearch']['searchAccounts']>[1] }>,
    floors: FloorQuery[],
  ) => {
    let totals = 0;
    const service = await time(runs, async ({ actor, input }) => {
      totals += (await search(actor, input)).total;
    });
    const tail = describeSlowest();
    const bare = await time(floors, (q) => floor.run(q));
    rows.push({
      query,
      service: stats(service),
      floor: stats(bare),
      meanTotal: Math.round(totals / (runs.length + Math.min(warmup, runs.length))),
    });
    console.log(
      `  ${kind} ${query}: p50 ${stats(service).p50.toFixed(2)} ms, p95 ${stats(service).p95.toFixed(2)} ms (floor p95 ${stats(bare).p95.toFixed(2)} ms)\n    slowest: ${tail}`,
    );
  };

  await searchRow(
    'text prefix (tenant admin)',
    work.text.map((input) => ({ actor: tenantAdmin, input })),
    work.text.map((input) => ({
      kind: 'lastNamePrefix',
      tenantId,
      prefix: nameKey(input.q as string)
        .split(' ')
        .pop() as string,
    })),
  );
  // The same text, typed by a county's administrator: their reach is filtered inside the search indexes.
  await searchRow(
    'text prefix (county admin)',
    work.text.map((input, i) => ({ actor: countyAdmins[(work.subtree[i] as { countyIndex: number }).countyIndex] as Actor, input })),
    work.text.map((input, i) => ({
      kind: 'lastNamePrefixInOrg',
      tenantId,
      orgId: county((work.subtree[i] as { countyIndex: number }).countyIndex).id,
      prefix: nameKey(input.q as string)
        .split(' ')
        .pop() as string,
    })),
  );
  await searchRow(
    'status + county subtree (county admin)',
    work.subtree.map(({ countyIndex, input }) => ({ actor: countyAdmins[countyIndex] as Actor, input })),
    work.subtree.map(({ countyIndex, input }) => ({
      kind: 'orgStatus',
      tenantId,
      orgId: county(countyIndex).id,
      status: (input.status as string).split(',')[0] as string,
    })),
  );
  await searchRow(
    'email domain (tenant admin)',
    work.domain.map((input) => ({ actor: tenantAdmin, input })),
    work.domain.map((input) => ({ kind: 'domain', tenantId, domain: input.emailDomain as string })),
  );

  let likely = 0;
  let exact = 0;
  const dupService = await time(work.duplicates, async ({ countyIndex, input }) => {
    const result = await findDuplicates(countyAdmins[countyIndex] as Actor, {
      ...input,
      orgId: county(countyIndex).id,
    });
    likely += result.likely.length;
    exact += result.exact.length;
  });
  const dupTail = describeSlowest();
  const dupFloor = await time(work.duplicates, ({ input }) =>
    floor.run({
      kind: 'duplicate',
      tenantId,
      emailKey: emailKey(input.email as string),
      lastSounds: soundKeys(input.lastName as string),
      firstSounds: soundKeys(input.firstName as string),
    }),
  );
  const runs = work.duplicates.length + warmup;
  rows.push({
    query: 'duplicate check (county admin)',
    service: stats(dupService),
    floor: stats(dupFloor),
    meanTotal: Math.round(((likely + exact) / runs) * 10) / 10,
  });
  console.log(
    `  ${kind} duplicates: p50 ${stats(dupService).p50.toFixed(2)} ms, p95 ${stats(dupService).p95.toFixed(2)} ms; ${(exact / runs).toFixed(2)} exact, ${(likely / runs).toFixed(2)} likely per check\n    slowest: ${dupTail}`,
  );

  await floor.close();
  await http?.stop();
  services.mailTransport.close();
  await handle.close();
  return rows;
}

/** Starts a real server on the benchmark database and issues a bearer token to each administrator who searches. */
async function serveOverHttp(kind: BenchKind, services: Services, tenantId: string, accountIds: string[]) {
  const tokens = new Map<string, string>();
  for (const id of accountIds) {
    const issued = await services.tokens.createTokenForAccount(
      systemActor('cli', 'search benchmark'),
      { id, tenantId, status: 'active' },
      `search benchmark ${new Date().toISOString()}`,
    );
    tokens.set(id, issued.token);
  }
  const port = await freePort();
  const server = await startServer(kind, port);
  return {
    params: (input: Record<string, unknown>) =>
      new URLSearchParams(Object.entries(input).filter((e): e is [string, string] => typeof e[1] === 'string')).toString(),
    async get(path: string, accountId: string | null) {
      const { status, body } = await getJson(port, path, tokens.get(accountId ?? '') as string);
      if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
      return body;
    },
    stop: () => server.stop(),
  };
}

function environment(): Record<string, string> {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return 'unknown';
    }
  };
  const sqliteVersion = (new SQLite(':memory:').prepare('select sqlite_version() as v').get() as { v: string }).v;
  return {
    date: new Date().toISOString(),
    cpu: `${sh('nproc')} × ${cpus()[0]?.model ?? 'unknown'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    sqlite: sqliteVersion,
    postgres: sh(`psql -XAt "${process.env.REGISTRAR_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres'}" -c "show server_version"`),
  };
}

const env = environment();
console.log(env);
const results: Record<string, { dataset: Dataset; rows: Row[] }> = {};
for (const kind of kinds) {
  let dataset = args.has('reseed') ? undefined : existingDataset(kind, accountCount);
  if (!dataset) {
    console.log(`Seeding ${kind} with ${accountCount.toLocaleString('en-US')} accounts…`);
    dataset = await seed(kind, accountCount);
    console.log(`  seeded in ${dataset.seedSeconds} s`);
  }
  if (args.has('seed-only')) continue;
  console.log(`Measuring ${kind} (${iterations} iterations per query after ${warmup} warm-up)…`);
  results[kind] = { dataset, rows: await measure(kind, dataset) };
}

if (!args.has('seed-only')) {
  const fmt = (s: Stats) => `${s.p50.toFixed(2)} / ${s.p95.toFixed(2)} / ${s.max.toFixed(1)}`;
  const lines = [
    '| query | database | service p50 / p95 / max (ms) | floor p50 / p95 / max (ms) | mean total |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [kind, { rows }] of Object.entries(results)) {
    for (const r of rows)
      lines.push(`| ${r.query} | ${kind} | ${fmt(r.service)} | ${fmt(r.floor)} | ${r.meanTotal.toLocaleString('en-US')} |`);
  }
  console.log(`\n${lines.join('\n')}`);
  const out = join(dataDir, `search-results-${env.date?.replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, `${JSON.stringify({ env, results }, null, 2)}\n`);
  console.log(`\nRaw figures: ${out}`);
}
