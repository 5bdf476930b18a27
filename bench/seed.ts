/**
 * Seeds the benchmark databases: a statewide tenant with 59 counties made through the real services
 * (so roles, paths and admins are exactly what the product makes), then 1,000,000 accounts and their
 * learner roles written in bulk with the same derived columns the service computes (account-keys.ts).
 * The service path (argon2, audit, one transaction per account) would take hours for a million rows.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { createServices } from '../src/server/container.ts';
import { openDatabase, type DatabaseHandle } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { emailDomainOf, emailKey, nameKey, soundKey, usernameKey } from '../src/server/modules/accounts/account-keys.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import * as data from './data.ts';

/** Bumped when the generated data changes, so stale databases are re-seeded rather than measured. */
const seedVersion = 1;

export type BenchKind = 'sqlite' | 'postgres';

export interface County {
  id: string;
  name: string;
  path: string;
  adminId: string;
  accounts: number;
}

export interface Dataset {
  seedVersion: number;
  kind: BenchKind;
  accounts: number;
  tenantId: string;
  rootOrgId: string;
  tenantAdminId: string;
  counties: County[];
  seededAt: string;
  seedSeconds: number;
}

export const dataDir = join(process.cwd(), '.bench-data');
export const sqliteFile = join(dataDir, 'search.sqlite');
export const adminPostgresUrl = process.env.REGISTRAR_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `REGISTRAR_BENCH_DB` names another database (a copy of the seeded one, e.g. to try a migration on it). */
export const benchDatabaseName = process.env.REGISTRAR_BENCH_DB ?? 'registrar_bench';

export function benchPostgresUrl(): string {
  const url = new URL(adminPostgresUrl);
  url.pathname = `/${benchDatabaseName}`;
  return url.toString();
}

export function openBench(kind: BenchKind): DatabaseHandle {
  return openDatabase({
    database: kind === 'sqlite' ? { kind: 'sqlite', file: sqliteFile } : { kind: 'postgres', url: benchPostgresUrl() },
  });
}

const manifestPath = (kind: BenchKind) => join(dataDir, `${kind}.json`);

/** The seeded dataset, when one of the current shape and size exists. */
export function existingDataset(kind: BenchKind, accounts: number): Dataset | undefined {
  if (!existsSync(manifestPath(kind))) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath(kind), 'utf8')) as Dataset;
  if (manifest.seedVersion !== seedVersion || manifest.accounts !== accounts) return undefined;
  if (kind === 'sqlite' && !existsSync(sqliteFile)) return undefined;
  return manifest;
}

async function resetDatabase(kind: BenchKind): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  rmSync(manifestPath(kind), { force: true });
  if (kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${sqliteFile}${suffix}`, { force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: adminPostgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${benchDatabaseName} with (force)`);
  await admin.query(`create database ${benchDatabaseName}`);
  await admin.end();
}

const accountColumns = [
  'id',
  'tenant_id',
  'org_id',
  'username',
  'username_key',
  'email',
  'email_key',
  'email_domain',
  'first_name',
  'last_name',
  'first_name_key',
  'last_name_key',
  'first_name_sound',
  'last_name_sound',
  'status',
  'affiliation',
  'employee_type',
  'date_hire',
  'date_transfer',
  'job_title',
  'department',
  'external_id',
  'training_manager',
  'supervisor',
  'is_global_admin',
  'extra',
  'last_activity_at',
  'archived_at',
  'version',
  'created_at',
  'updated_at',
] as const;
const integerColumns = new Set(['training_manager', 'supervisor', 'is_global_admin', 'version']);
const assignmentColumns = ['id', 'tenant_id', 'account_id', 'role_id', 'org_id', 'created_at'] as const;

type Cell = string | number | null;

const day = 86_400_000;
const now = Date.parse('2026-11-20T12:00:00Z');
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const jobTitles = ['Social Worker', 'Eligibility Worker', 'Case Aide', 'Program Analyst', 'Clerk', 'Supervisor II', 'Trainer', null];
const departments = ['Child Welfare', 'Adult Services', 'Eligibility', 'Administration', null];

/** Yields account rows (in accountColumns order) and their learner assignment, deterministically. */
function* generate(
  count: number,
  tenantId: string,
  counties: County[],
  learnerRoleId: string,
): Generator<{ account: Cell[]; assignment: Cell[] | null }> {
  const random = data.rng(20261123);
  const pickCounty = data.weighted(counties, data.countyWeights);
  const taken = new Set<string>();
  const localPart = (first: string, last: string) => {
    const f = nameKey(first).replace(/[^a-z]/g, '');
    const l = nameKey(last).replace(/[^a-z]/g, '');
    const style = random();
    if (style < 0.4) return `${f}.${l}`;
    if (style < 0.65) return `${f[0] ?? 'x'}${l}`;
    if (style < 0.85) return `${f}${l}${Math.floor(random() * 100)}`;
    return `${f}_${l}`;
  };
  for (let i = 0; i < count; i += 1) {
    const first = data.pickFirstName(random);
    const last = data.pickLastName(random);
    const county = pickCounty(random);
    county.accounts += 1;
    const domain = data.pickDomain(random);
    const base = localPart(first, last);
    let email = `${base}@${domain}`;
    for (let n = 2; taken.has(email); n += 1) email = `${base}${n}@${domain}`;
    taken.add(email);
    const status = data.pickStatus(random);
    const createdMs = now - Math.floor(random() * 5 * 365) * day - Math.floor(random() * day);
    const created = new Date(createdMs).toISOString();
    const lastActivity =
      status === 'invited' || status === 'expired' ? null : new Date(now - Math.floor(random() * 400 * day)).toISOString();
    const id = uuidv7();
    const account: Cell[] = [
      id,
      tenantId,
      county.id,
      email,
      usernameKey(email),
      email,
      emailKey(email),
      emailDomainOf(email),
      first,
      last,
      nameKey(first),
      nameKey(last),
      soundKey(first),
      soundKey(last),
      status,
      data.pickAffiliation(random),
      data.pickEmployeeType(random),
      isoDay(createdMs - Math.floor(random() * 3000) * day),
      random() < 0.1 ? isoDay(createdMs + Math.floor(random() * 300) * day) : null,
      jobTitles[Math.floor(random() * jobTitles.length)] ?? null,
      departments[Math.floor(random() * departments.length)] ?? null,
      `E${1_000_000 + i}`,
      random() < 0.05 ? 1 : 0,
      random() < 0.1 ? 1 : 0,
      0,
      '{}',
      lastActivity,
      status === 'archived' ? new Date(now - Math.floor(random() * 300 * day)).toISOString() : null,
      1,
      created,
      created,
    ];
    // Most people hold the learner role where they live; a few invited or expired ones hold none yet.
    const assignment = status === 'invited' && random() < 0.5 ? null : [uuidv7(), tenantId, id, learnerRoleId, county.id, created];
    yield { account, assignment };
  }
}

/** The tenant, its counties and their administrators, made through the services like in production. */
async function createTenant(
  handle: DatabaseHandle,
): Promise<{ tenantId: string; rootOrgId: string; tenantAdminId: string; counties: County[]; learnerRoleId: string }> {
  await migrateToLatest(handle.db);
  const services = createServices(handle, { sessionTtlHours: 8 });
  const system = systemActor('cli', 'bench');
  const root = await services.organizations.createOrganization(system, { name: 'Calisota Training System', kind: 'state', parentId: null });
  const rootAdmin = await services.accounts.createAccount(system, {
    orgId: root.id,
    firstName: 'Tess',
    lastName: 'Statewide',
    email: 'tess.statewide@admin.calisota.gov',
    role: 'admin',
  });
  const counties: County[] = [];
  for (const name of data.countyNames) {
    const org = await services.organizations.createOrganization(system, { name: `${name} County`, kind: 'county', parentId: root.id });
    const slug = name.toLowerCase().replace(/[^a-z]/g, '');
    const admin = await services.accounts.createAccount(system, {
      orgId: org.id,
      firstName: 'Casey',
      lastName: `Admin ${name}`,
      email: `admin.${slug}@admin.calisota.gov`,
      role: 'admin',
    });
    counties.push({ id: org.id, name: org.name, path: `/${root.id}/${org.id}/`, adminId: admin.id, accounts: 0 });
  }
  const learner = await handle.db
    .selectFrom('roles')
    .select('id')
    .where('tenantId', '=', root.id)
    .where('key', '=', 'learner')
    .executeTakeFirstOrThrow();
  return { tenantId: root.id, rootOrgId: root.id, tenantAdminId: rootAdmin.id, counties, learnerRoleId: learner.id };
}

function insertSqlite(rows: ReturnType<typeof generate>, log: (done: number) => void): void {
  const db = new SQLite(sqliteFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1048576');
  const insertAccount = db.prepare(
    `insert into accounts (${accountColumns.join(', ')}) values (${accountColumns.map(() => '?').join(', ')})`,
  );
  const insertAssignment = db.prepare(`insert into role_assignments (${assignmentColumns.join(', ')}) values (?, ?, ?, ?, ?, ?)`);
  let done = 0;
  db.transaction(() => {
    for (const { account, assignment } of rows) {
      insertAccount.run(account);
      if (assignment) insertAssignment.run(assignment);
      if (++done % 100_000 === 0) log(done);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

const pgArrayType = (column: string) => (integerColumns.has(column) ? 'int[]' : 'text[]');

async function insertPostgres(rows: ReturnType<typeof generate>, log: (done: number) => void): Promise<void> {
  const client = new pg.Client({ connectionString: benchPostgresUrl() });
  await client.connect();
  const accountSql = `insert into accounts (${accountColumns.join(', ')}) select * from unnest(${accountColumns.map((c, i) => `$${i + 1}::${pgArrayType(c)}`).join(', ')})`;
  const assignmentSql = `insert into role_assignments (${assignmentColumns.join(', ')}) select * from unnest(${assignmentColumns.map((_, i) => `$${i + 1}::text[]`).join(', ')})`;
  const flush = async (accounts: Cell[][], assignments: Cell[][]) => {
    const columnsOf = (batch: Cell[][], width: number) => Array.from({ length: width }, (_, c) => batch.map((r) => r[c]));
    if (accounts.length) await client.query(accountSql, columnsOf(accounts, accountColumns.length));
    if (assignments.length) await client.query(assignmentSql, columnsOf(assignments, assignmentColumns.length));
  };
  await client.query('begin');
  let accounts: Cell[][] = [];
  let assignments: Cell[][] = [];
  let done = 0;
  for (const { account, assignment } of rows) {
    accounts.push(account);
    if (assignment) assignments.push(assignment);
    if (accounts.length === 5000) {
      await flush(accounts, assignments);
      accounts = [];
      assignments = [];
    }
    if (++done % 100_000 === 0) log(done);
  }
  await flush(accounts, assignments);
  await client.query('commit');
  // Autovacuum would get here on its own within minutes; do it now so the first run sees the steady state.
  await client.query('vacuum analyze accounts');
  await client.query('vacuum analyze role_assignments');
  await client.end();
}

export async function seed(kind: BenchKind, accounts: number): Promise<Dataset> {
  const started = performance.now();
  await resetDatabase(kind);
  const handle = openBench(kind);
  const tenant = await createTenant(handle);
  await handle.close();
  const log = (done: number) =>
    console.log(`  ${kind}: ${done.toLocaleString('en-US')} accounts written (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const rows = generate(accounts, tenant.tenantId, tenant.counties, tenant.learnerRoleId);
  if (kind === 'sqlite') insertSqlite(rows, log);
  else await insertPostgres(rows, log);
  const dataset: Dataset = {
    seedVersion,
    kind,
    accounts,
    tenantId: tenant.tenantId,
    rootOrgId: tenant.rootOrgId,
    tenantAdminId: tenant.tenantAdminId,
    counties: tenant.counties,
    seededAt: new Date().toISOString(),
    seedSeconds: Math.round((performance.now() - started) / 1000),
  };
  writeFileSync(manifestPath(kind), `${JSON.stringify(dataset, null, 2)}\n`);
  return dataset;
}
