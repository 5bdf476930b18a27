/**
 * A 1M-row import end to end through the BUILT server, as issue #19 asks: `node dist/server/main.js`
 * (what `npm start` runs) under `/usr/bin/time -v` on a scratch SQLite database, the CSV uploaded over
 * HTTP with a bearer token, planned, committed, and every welcome delivered to a local SMTP sink.
 * Prints the phases' times, the server's memory at each phase's end (RSS from /proc, the main thread's
 * heap and external memory from /metrics) and the peak RSS `/usr/bin/time` reports.
 *
 *   node --import tsx bench/import-rss.ts [--rows=1000000] [--welcome-seconds=N] [--node-args="..."] [--server=path/main.js]
 *   npm run bench:import:rss                    (the same, 1M rows)
 *
 * dist/ is built first when it is missing or older than src/server. --welcome-seconds stops waiting for
 * the welcomes after N seconds (their delivery rate is then reported, and the peak covers that part).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openAsBlob, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import { writeCsv } from './import-csv.ts';
import { freePort, waitForHealth } from './server.ts';

const arg = (name: string) =>
  process.argv
    .slice(2)
    .find((a) => a.startsWith(`--${name}=`))
    ?.slice(name.length + 3);
const rows = Number(arg('rows') ?? 1_000_000);
const welcomeSeconds = Number(arg('welcome-seconds') ?? Infinity);
const nodeArgs = (arg('node-args') ?? '').split(' ').filter(Boolean);
/** Another build of the server to measure (an experiment built elsewhere); dist/ is then left as it is. */
const serverEntry = arg('server');

/** Newest modification time under a folder (source files only), to tell whether dist/ is stale. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function buildIfStale(): void {
  const main = 'dist/server/main.js';
  if (existsSync(main) && statSync(main).mtimeMs >= newest('src/server') && statSync(main).mtimeMs >= newest('src/common')) return;
  console.log('building the server (dist/ is missing or older than src/)…');
  const built = spawnSync('npm', ['run', 'build:server'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:server failed');
}

/** A scratch database with a tenant, a county and an administrator's bearer token, made through the services. */
async function prepare(file: string) {
  const database = openDatabase({ database: { kind: 'sqlite', file } });
  await migrateToLatest(database.db);
  const services = createServices(database, { sessionTtlHours: 1 });
  const actor = systemActor('cli', 'bench');
  const tenant = await services.organizations.createOrganization(actor, { name: 'Bench State', kind: 'state' });
  const county = await services.organizations.createOrganization(actor, { name: 'Riverside County', kind: 'county', parentId: tenant.id });
  const admin = await services.bootstrap.createGlobalAdmin({
    email: 'bench-admin@example.org',
    password: 'Bench-admin-pass-2026',
    firstName: 'Bench',
    lastName: 'Importer',
    final: true,
  });
  const [system] = await services.organizations.getManyByIds(database.db, [admin.orgId]);
  const owner = { id: admin.id, tenantId: system?.tenantId as string, status: admin.status };
  const { token } = await services.tokens.createTokenForAccount(actor, owner, 'import memory benchmark');
  services.mailTransport.close();
  await services.closeJobThreads();
  await database.close();
  return { token, countyId: county.id };
}

/** An SMTP server that only counts what it is given (a parsing sink would cost more than the server it measures). */
async function countingSink(): Promise<{ port: number; count: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += session.envelope.rcptTo.length;
        callback();
      });
    },
  });
  // The server under test is stopped with its pooled connections open: their resets end the run, not the bench.
  server.on('error', () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { port, count: () => received, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The node process /usr/bin/time started (its only child). */
function childOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return children.length ? Number(children[0]) : undefined;
  } catch {
    return undefined;
  }
}

function procMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return Number.NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

async function main() {
  if (!serverEntry) buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'registrar-import-rss-'));
  const csv = join(dir, 'people.csv');
  await writeCsv(csv, rows);
  const dbFile = join(dir, 'data', 'registrar.db');
  const { token, countyId } = await prepare(dbFile);
  const sink = await countingSink();
  const port = await freePort();
  const timeFile = join(dir, 'time.txt');
  const server = spawn('/usr/bin/time', ['-v', '-o', timeFile, process.execPath, ...nodeArgs, serverEntry ?? 'dist/server/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      REGISTRAR_DATA_DIR: join(dir, 'data'),
      DATABASE_URL: '',
      REGISTRAR_SESSION_SECRET: 'import-rss-benchmark-secret-import-rss-benchmark',
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base, server);
  const nodePid = childOf(server.pid as number);
  const headers = { authorization: `Bearer ${token}` };
  const api = async (method: string, path: string, body?: FormData | string) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: typeof body === 'string' ? { ...headers, 'content-type': 'application/json' } : headers,
      body,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  /** The main thread's heap and external memory, from the server's own /metrics (MB). */
  const metrics = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1] ?? NaN);
    return {
      heapUsedMb: Math.round(value('registrar_nodejs_heap_size_used_bytes') / 1048576),
      externalMb: Math.round(value('registrar_nodejs_external_memory_bytes') / 1048576),
    };
  };
  const phases: Array<Record<string, unknown>> = [];
  let last = performance.now();
  const phase = async (name: string, extra: Record<string, unknown> = {}) => {
    const now = performance.now();
    phases.push({
      phase: name,
      seconds: Math.round((now - last) / 100) / 10,
      rssMb: procMb(nodePid, 'VmRSS'),
      peakSoFarMb: procMb(nodePid, 'VmHWM'),
      ...(await metrics()),
      ...extra,
    });
    console.log(JSON.stringify(phases.at(-1)));
    last = now;
  };
  const waitFor = async (id: string, statuses: string[]) => {
    for (;;) {
      const view = await api('GET', `/api/imports/${id}`);
      if (statuses.includes(view.status as string)) return view;
      if (['failed', 'cancelled'].includes(view.status as string)) throw new Error(`import ${view.status}: ${JSON.stringify(view)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  };

  await phase('started');
  const form = new FormData();
  form.set('orgId', countyId);
  form.set('template', 'accounts');
  form.set('mode', 'upsert');
  form.set('file', await openAsBlob(csv, { type: 'text/csv' }), 'people.csv');
  const { id } = (await api('POST', '/api/imports', form)) as { id: string };
  await phase('uploaded');
  await waitFor(id, ['planned']);
  await phase('planned');
  await api('POST', `/api/imports/${id}/commit`, '{}');
  const done = await waitFor(id, ['completed']);
  const created = (done.counts as { created: number }).created;
  await phase('committed', { created });
  const welcomesFrom = performance.now();
  while (sink.count() < created && performance.now() - welcomesFrom < welcomeSeconds * 1000) await new Promise((r) => setTimeout(r, 1000));
  const sent = sink.count();
  await phase(sent >= created ? 'welcomes delivered' : 'welcomes (stopped waiting)', {
    delivered: sent,
    perSecond: Math.round(sent / ((performance.now() - welcomesFrom) / 1000)),
  });

  // The node process itself is stopped (a signal to /usr/bin/time would end it before it reports).
  if (nodePid) process.kill(nodePid, 'SIGTERM');
  await exited;
  await sink.stop();
  const report = readFileSync(timeFile, 'utf8');
  const maxRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(report)?.[1] ?? NaN);
  const elapsed = /Elapsed \(wall clock\) time[^:]*: (.+)/.exec(report)?.[1];
  console.log(
    JSON.stringify({
      rows,
      created,
      welcomesDelivered: sent,
      peakRssMb: Math.round(maxRssKb / 1024),
      serverWallClock: elapsed,
      loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
    }),
  );
  rmSync(dir, { recursive: true, force: true });
}

await main();
