/**
 * Import benchmark: 100,000 new accounts planned and committed through the services, on SQLite and
 * PostgreSQL, against the floor measured in the same run (a bare better-sqlite3 insert of the same rows
 * into a table with a unique email index, one transaction). Then the same file again (all unchanged),
 * and — with --million — 1,000,000 rows in a child process to read its peak RSS.
 *
 *   npm run bench:import              100k on both databases
 *   npm run bench:import -- --million adds the 1M-row memory run (SQLite)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { JobRunner } from '../src/server/jobs/index.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import { spoolUpload } from '../src/server/modules/imports/import-files.ts';
import { createScratchDatabase, postgresSkipReason, type DatabaseKind } from '../test/support/databases.ts';
import { firsts, rowFor, writeCsv } from './import-csv.ts';
import { createReadStream } from 'node:fs';

/** The floor: the same rows, bare better-sqlite3, one transaction, unique email index. */
function sqliteFloor(rows: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'registrar-floor-'));
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table accounts (id text primary key, tenant_id text, org_id text, external_id text, email text, first_name text, last_name text,
    status text, affiliation text, employee_type text, date_hire text, created_at text, updated_at text);
    create unique index accounts_email on accounts (tenant_id, email); create index accounts_org on accounts (tenant_id, org_id);`);
  const insert = db.prepare('insert into accounts values (?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) {
      const r = rowFor(i);
      const now = new Date().toISOString();
      insert.run(`id-${i}`, 't', 'o', r[0], r[3], r[2], r[1], 'active', r[5], r[6], r[7], now, now);
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return rows / seconds;
}

/** Latencies (ms) of requests sent while an import commits: p50, p99 and the worst, per request kind. */
type Latencies = Record<string, { p50: number; p99: number; max: number; count: number }>;

/**
 * Sends, one after another every 50 ms while `busy` holds, the requests people make during an import —
 * the health check (a load balancer), the import's own progress (the console polls it), and every
 * tenth an account search (someone at work meanwhile) — through the app's HTTP handling (inject: the
 * same routing, hooks and event loop as a socket, without the socket), and times each.
 */
function watchResponsiveness(app: FastifyInstance, token: string, importId: () => string | undefined) {
  const times: Record<string, number[]> = { health: [], progress: [], search: [] };
  let busy = true;
  const headers = { authorization: `Bearer ${token}` };
  const running = (async () => {
    for (let i = 0; busy; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const id = importId();
      const kind = i % 10 === 9 ? 'search' : i % 2 === 0 ? 'health' : 'progress';
      if (kind === 'progress' && !id) continue;
      const url =
        kind === 'health'
          ? '/api/health'
          : kind === 'progress'
            ? `/api/imports/${id}`
            : `/api/accounts?q=${firsts[i % firsts.length]}&limit=25`;
      const started = performance.now();
      const response = await app.inject({ method: 'GET', url, headers });
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`);
      if (busy) times[kind]?.push(performance.now() - started);
    }
  })();
  return async (): Promise<Latencies> => {
    busy = false;
    await running;
    const out: Latencies = {};
    for (const [kind, list] of Object.entries(times)) {
      const sorted = [...list].sort((a, b) => a - b);
      const at = (q: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(1));
      out[kind] = { p50: at(0.5), p99: at(0.99), max: at(1), count: sorted.length };
    }
    return out;
  };
}

async function importOnce(kind: DatabaseKind, file: string, rows: number) {
  const scratch = await createScratchDatabase(kind);
  const database = openDatabase(scratch.config);
  await migrateToLatest(database.db);
  // BENCH_IN_PLACE=1 keeps the commit on this thread (in 5,000-row batches), for profilers that see only it.
  const services = createServices(database, { sessionTtlHours: 1, inWorkerThread: Boolean(process.env.BENCH_IN_PLACE) });
  const runner = new JobRunner({ db: database.db, queue: services.jobQueue, handlers: services.jobHandlers, heartbeatMs: 0 });
  const actor = systemActor('cli', 'bench');
  const tenant = await services.organizations.createOrganization(actor, { name: 'Bench State', kind: 'state' });
  const county = await services.organizations.createOrganization(actor, { name: 'Riverside County', kind: 'county', parentId: tenant.id });
  const drain = async () => {
    while (await runner.runOnce());
  };
  // Someone watching: the first administrator, with a bearer token, through the HTTP app.
  const admin = await services.bootstrap.createGlobalAdmin({
    email: 'bench-admin@example.org',
    password: 'Bench-admin-pass-2026',
    firstName: 'Bench',
    lastName: 'Watcher',
    final: true,
  });
  const [system] = await services.organizations.getManyByIds(database.db, [admin.orgId]);
  const owner = { id: admin.id, tenantId: system?.tenantId as string, status: admin.status };
  const { token } = await services.tokens.createTokenForAccount(actor, owner, 'import benchmark');
  const app = await buildApp({ services, sessionSecret: 'bench-secret-bench-secret-bench-secret-00' });

  const run = async () => {
    const started = performance.now();
    const upload = await spoolUpload(createReadStream(file));
    const { id } = await services.imports.startImport(actor, {
      orgId: county.id,
      template: 'accounts',
      mode: 'upsert',
      fileName: 'bench.csv',
      upload,
    });
    await upload.discard();
    await drain();
    const planned = performance.now();
    await services.imports.commitImport(actor, id);
    // BENCH_WATCH=0 leaves the server alone during the commit (the commit's own speed, without other work).
    const watched = process.env.BENCH_WATCH === '0' ? async () => ({}) : watchResponsiveness(app, token, () => id);
    await drain();
    const done = performance.now();
    const latencies = await watched();
    const view = await services.imports.getImport(actor, id);
    return {
      planSeconds: (planned - started) / 1000,
      commitSeconds: (done - planned) / 1000,
      totalSeconds: (done - started) / 1000,
      counts: view.counts,
      latencies,
    };
  };
  const first = await run();
  // The 1M-row memory run measures the first upload only (the re-upload is measured at 100k).
  const second = rows >= 1_000_000 ? first : await run();
  await app.close();
  await services.closeJobThreads();
  await database.close();
  await scratch.drop();
  return { first, second, rows };
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child-million') {
    const result = await importOnce('sqlite', args[1] as string, 1_000_000);
    console.log(JSON.stringify({ ...result, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    return;
  }
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const only = process.env.BENCH_DB;
  const dir = mkdtempSync(join(tmpdir(), 'registrar-import-bench-'));
  const file = join(dir, 'people.csv');
  await writeCsv(file, rows);
  const floor = sqliteFloor(rows);
  console.log(`floor (bare better-sqlite3, one transaction): ${Math.round(floor)} rows/s`);
  for (const kind of ['sqlite', 'postgres'] as const) {
    if (only && only !== kind) continue;
    if (kind === 'postgres' && postgresSkipReason) {
      console.log(`postgres: skipped (${postgresSkipReason})`);
      continue;
    }
    const r = await importOnce(kind, file, rows);
    const rate = rows / r.first.totalSeconds;
    console.log(
      `${kind}: first upload ${r.first.totalSeconds.toFixed(2)} s (plan ${r.first.planSeconds.toFixed(2)} s, commit ${r.first.commitSeconds.toFixed(2)} s) = ${Math.round(rate)} rows/s, ${(floor / rate).toFixed(1)}x the floor; created ${r.first.counts.created}`,
    );
    console.log(
      `${kind}: re-upload ${r.second.totalSeconds.toFixed(2)} s = ${Math.round(rows / r.second.totalSeconds)} rows/s; unchanged ${r.second.counts.unchanged}`,
    );
    const said = (l: Latencies) =>
      Object.entries(l)
        .map(([k, v]) => `${k} p50 ${v.p50} / p99 ${v.p99} / max ${v.max} ms (${v.count})`)
        .join('; ');
    console.log(`${kind}: during the first commit: ${said(r.first.latencies)}`);
  }
  if (args.includes('--million')) {
    const big = join(dir, 'million.csv');
    await writeCsv(big, 1_000_000);
    const child = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child-million', big], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{'))
      throw new Error(`the 1M-row run failed (${child.status} ${child.signal ?? ''}):\n${child.stderr}`);
    const result = JSON.parse(line) as { first: { totalSeconds: number }; maxRssMb: number };
    console.log(
      `sqlite 1M rows: ${result.first.totalSeconds.toFixed(1)} s = ${Math.round(1_000_000 / result.first.totalSeconds)} rows/s, peak RSS ${result.maxRssMb} MB`,
    );
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
