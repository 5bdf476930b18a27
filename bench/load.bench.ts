/**
 * Load benchmark: a real server (child process, loopback only) over the seeded search databases, and
 * autocannon sending a mix of realistic account searches with a bearer token — text prefix, status in a
 * county subtree, email domain — at 50 connections for 30 s. Beside it, in the same run, the floor: the
 * same searches in bare SQL over one connection (page of 50 plus the count stopped at the cap, as the API
 * answers; and with the exact count, as it answered before).
 *
 *   npm run bench:load -- [--db=sqlite,postgres] [--accounts=1000000] [--connections=50] [--duration=30] [--warmup=5]
 *                         [--instances=1] [--server-root=.]
 *
 * --instances=N starts N servers on the same database (as several instances behind a balancer would run)
 * and splits the connections evenly between them. --server-root runs the server of another checkout (for
 * a before/after comparison against, e.g., `git archive <commit> src | tar -x -C <dir>`).
 *
 * Reuses the databases bench/seed.ts builds in .bench-data/ (seeds them first when missing).
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { accountTotalCap } from '../src/common/schemas/accounts.ts';
import { createServices } from '../src/server/container.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { nameKey } from '../src/server/modules/accounts/account-keys.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import { openFloor, type FloorQuery } from './floors.ts';
import { dataDir, existingDataset, openBench, seed, type BenchKind, type Dataset } from './seed.ts';
import { cpuMsOf, freePort, startServer } from './server.ts';
import { buildWorkload, type Person } from './workload.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const kinds = (args.get('db') ?? 'sqlite,postgres').split(',') as BenchKind[];
const accountCount = Number(args.get('accounts') ?? 1_000_000);
const connections = Number(args.get('connections') ?? 50);
const duration = Number(args.get('duration') ?? 30);
const warmupSeconds = Number(args.get('warmup') ?? 5);
/** The floor runs this many queries of the same mix, one after another on one connection. */
const floorQueries = Number(args.get('floor-queries') ?? 600);
const instances = Number(args.get('instances') ?? 1);
const serverRoot = args.get('server-root') ?? '.';

interface Search {
  path: string;
  floor: FloorQuery;
}

/** The request mix: 50 % text prefix, 30 % status in a county subtree, 20 % email domain, cycled in a fixed order. */
function searches(dataset: Dataset, people: Person[]): Search[] {
  const work = buildWorkload(people, dataset.counties.length, 1000);
  const tenantId = dataset.tenantId;
  const query = (params: Record<string, string | undefined>) =>
    `/api/accounts?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`;
  const mix: Search[] = [];
  for (let i = 0; i < 1000; i++) {
    const slot = i % 10;
    if (slot < 5) {
      const input = work.text[i] as { q: string };
      // The floor's text query is the last-name range, the branch most searches land in.
      const prefix = nameKey(input.q).split(' ').at(-1) as string;
      mix.push({ path: query({ q: input.q }), floor: { kind: 'lastNamePrefix', tenantId, prefix } });
    } else if (slot < 8) {
      const { countyIndex, input } = work.subtree[i] as { countyIndex: number; input: { status?: string } };
      const county = dataset.counties[countyIndex] as Dataset['counties'][number];
      const status = (input.status ?? 'active').split(',')[0] as string;
      mix.push({
        path: query({ orgId: county.id, status: input.status }),
        floor: { kind: 'orgStatus', tenantId, orgId: county.id, status },
      });
    } else {
      const input = work.domain[i] as { emailDomain: string };
      mix.push({ path: query({ emailDomain: input.emailDomain }), floor: { kind: 'domain', tenantId, domain: input.emailDomain } });
    }
  }
  return mix;
}

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

/** A bearer token of the tenant's root administrator, issued the way `registrar token create` does. */
async function issueToken(kind: BenchKind, dataset: Dataset): Promise<{ token: string; people: Person[] }> {
  const handle = openBench(kind);
  await migrateToLatest(handle.db);
  const services = createServices(handle, { sessionTtlHours: 8 });
  const issued = await services.tokens.createTokenForAccount(
    systemActor('cli', 'load benchmark'),
    { id: dataset.tenantAdminId, tenantId: dataset.tenantId, status: 'active' },
    `load benchmark ${new Date().toISOString()}`,
  );
  const people = await samplePeople(handle, dataset, 1000);
  services.mailTransport.close();
  await handle.close();
  return { token: issued.token, people };
}

interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** Runs autocannon against every port at once, the connections split evenly; latency percentiles are the worst instance's. */
async function hammer(ports: number[], token: string, mix: Search[], seconds: number): Promise<LoadFigures> {
  const each = await Promise.all(
    ports.map((port, i) => hammerOne(port, token, mix.slice(i * 7).concat(mix.slice(0, i * 7)), seconds, connections / ports.length)),
  );
  const worst = (pick: (f: LoadFigures) => number) => Math.max(...each.map(pick));
  const sum = (pick: (f: LoadFigures) => number) => each.reduce((a, f) => a + pick(f), 0);
  return {
    requestsPerSecond: sum((f) => f.requestsPerSecond),
    p50: worst((f) => f.p50),
    p90: worst((f) => f.p90),
    p99: worst((f) => f.p99),
    max: worst((f) => f.max),
    requests: sum((f) => f.requests),
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
    timeouts: sum((f) => f.timeouts),
  };
}

async function hammerOne(port: number, token: string, mix: Search[], seconds: number, connectionCount: number): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: connectionCount,
    duration: seconds,
    timeout: 30,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => ({ ...request, path: (mix[next++ % mix.length] as Search).path }),
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

interface FloorFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** The same mix in bare SQL, one query at a time on one connection: what the database alone can answer. */
async function measureFloor(kind: BenchKind, mix: Search[], countCap?: number): Promise<FloorFigures> {
  const floor = await openFloor(kind, { countCap });
  const queries = mix.slice(0, floorQueries).map((s) => s.floor);
  for (const q of queries.slice(0, 100)) await floor.run(q);
  const samples: number[] = [];
  const started = performance.now();
  for (const q of queries) {
    const t = performance.now();
    await floor.run(q);
    samples.push(performance.now() - t);
  }
  const elapsed = (performance.now() - started) / 1000;
  await floor.close();
  const sorted = samples.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
  return { requestsPerSecond: queries.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

interface KindResult {
  dataset: Pick<Dataset, 'accounts' | 'seededAt'>;
  instances: number;
  serverRoot: string;
  load: LoadFigures;
  /** CPU the server process(es) spent per request (the database's own CPU is extra on PostgreSQL). */
  serverCpuMsPerRequest: number;
  floor: FloorFigures;
  exactFloor?: FloorFigures;
  /** The machine's 1-minute load average as the measured run began: how busy it was. */
  load1: number;
}
const results: Record<string, KindResult> = {};
for (const kind of kinds) {
  let dataset = existingDataset(kind, accountCount);
  if (!dataset) {
    console.log(`Seeding ${kind} with ${accountCount.toLocaleString('en-US')} accounts…`);
    dataset = await seed(kind, accountCount);
  }
  const { token, people } = await issueToken(kind, dataset);
  const mix = searches(dataset, people);
  const ports: number[] = [];
  for (let i = 0; i < instances; i++) ports.push(await freePort());
  const servers = await Promise.all(ports.map((port) => startServer(kind, port, serverRoot)));
  let load: LoadFigures;
  try {
    console.log(
      `${kind}: warming up ${warmupSeconds} s, then ${connections} connections for ${duration} s on 127.0.0.1:${ports.join(',')}…`,
    );
    if (warmupSeconds > 0) await hammer(ports, token, mix, warmupSeconds);
    const load1 = loadavg()[0] as number;
    const cpuBefore = servers.reduce((sum, server) => sum + cpuMsOf(server.child.pid), 0);
    load = await hammer(ports, token, mix, duration);
    const serverCpuMsPerRequest = (servers.reduce((sum, server) => sum + cpuMsOf(server.child.pid), 0) - cpuBefore) / load.requests;
    results[kind] = { dataset, instances, serverRoot, load, serverCpuMsPerRequest, floor: { requestsPerSecond: 0, p50: 0, p99: 0 }, load1 };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  // The floor as the API now answers (count stopped at the cap) and with every match counted, as it answered before.
  const floor = await measureFloor(kind, mix, accountTotalCap);
  const exactFloor = await measureFloor(kind, mix);
  Object.assign(results[kind] as KindResult, { floor, exactFloor });
  console.log(
    `  ${kind}: ${load.requestsPerSecond.toFixed(0)} requests/s, p50 ${load.p50} ms, p99 ${load.p99} ms, max ${load.max} ms ` +
      `(${load.requests} requests, ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts); ` +
      `floor ${floor.requestsPerSecond.toFixed(0)} queries/s, p50 ${floor.p50.toFixed(2)} ms, p99 ${floor.p99.toFixed(2)} ms ` +
      `(exact count: ${exactFloor.requestsPerSecond.toFixed(0)} queries/s, p99 ${exactFloor.p99.toFixed(2)} ms); ` +
      `server CPU ${(results[kind] as KindResult).serverCpuMsPerRequest.toFixed(2)} ms per request; ` +
      `load average ${(results[kind] as KindResult).load1.toFixed(1)} at the start`,
  );
  if (load.non2xx > 0 || load.errors > 0) process.exitCode = 1;
}

const out = join(dataDir, `load-results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), connections, duration, results }, null, 2)}\n`);
console.log(`Raw figures: ${out}`);
