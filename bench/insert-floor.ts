/**
 * Bare-insert floors for the accounts table (issue #19): the same rows, written by the driver alone (one
 * prepared statement, one transaction on SQLite; 5,000-row `unnest` batches in one transaction on
 * PostgreSQL), into (a) a table of the same columns with only its primary key and (b) the real `accounts`
 * table with all its indexes, at a given migration. Index maintenance is the difference between the two.
 *
 *   node --import tsx bench/insert-floor.ts [--db=sqlite,postgres] [--rows=100000] [--rounds=2] [--at=2026-12-01-70-forgiving-name-keys,latest]
 *     [--each]   also, at the last migration, the accounts table without each of its indexes in turn (what each one costs)
 *
 * Each round and schema gets a fresh scratch database (a temporary SQLite file; a scratch PostgreSQL database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../src/server/db/connection.ts';
import { createMigrator, migrateToLatest } from '../src/server/db/migrator.ts';
import { emailDomainOf, emailKey, nameKey, soundKey, usernameKey } from '../src/server/modules/accounts/account-keys.ts';
import * as data from './data.ts';
import { adminPostgresUrl, type BenchKind } from './seed.ts';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key, value] = a.replace(/^--/, '').split('=');
    return [key as string, value ?? 'true'];
  }),
);
const kinds = (args.get('db') ?? 'sqlite,postgres').split(',') as BenchKind[];
const rowCount = Number(args.get('rows') ?? 100_000);
const rounds = Number(args.get('rounds') ?? 2);
const schemas = (args.get('at') ?? '2026-12-01-70-forgiving-name-keys,latest').split(',');

const columns = [
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
  'external_id',
  'extra',
  'version',
  'created_at',
  'updated_at',
] as const;

type Cell = string | number | null;

/** Realistic rows (skewed names and domains, as the search benchmark's), with the service's derived keys. */
function generate(tenantId: string, orgId: string): Cell[][] {
  const random = data.rng(20261201);
  const now = new Date().toISOString();
  return Array.from({ length: rowCount }, (_, i) => {
    const first = data.pickFirstName(random);
    const last = data.pickLastName(random);
    const email = `${nameKey(first).replace(/[^a-z]/g, '')}.${nameKey(last).replace(/[^a-z]/g, '')}${i}@${data.pickDomain(random)}`;
    return [
      uuidv7(),
      tenantId,
      orgId,
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
      data.pickStatus(random),
      data.pickAffiliation(random),
      data.pickEmployeeType(random),
      // Most imports carry no employee id; a tenth do.
      random() < 0.1 ? `E${i}` : null,
      '{}',
      1,
      now,
      now,
    ];
  });
}

const oneIndexTable = (pgTypes: boolean) =>
  `create table floor_accounts (${columns
    .map(
      (c) =>
        `${c} ${c === 'version' ? 'integer' : 'text'}${c === 'id' ? ' primary key' : ''}${pgTypes && c.endsWith('_key') ? ' collate "C"' : ''}`,
    )
    .join(', ')})`;

/** A scratch database at the given migration, with one tenant and one organization; returns how to reach it and drop it. */
async function scratch(kind: BenchKind, at: string): Promise<{ sqliteFile?: string; pgUrl?: string; drop(): Promise<void> }> {
  let sqliteFile: string | undefined;
  let pgUrl: string | undefined;
  let dropPg = async () => {};
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'registrar-insert-floor-'));
    sqliteFile = join(dir, 'floor.sqlite');
    dropPg = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `registrar_insert_floor_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminPostgresUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminPostgresUrl);
    url.pathname = `/${name}`;
    pgUrl = url.toString();
    dropPg = async () => {
      const again = new pg.Client({ connectionString: adminPostgresUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }
  const handle = openDatabase({
    database: sqliteFile ? { kind: 'sqlite', file: sqliteFile } : { kind: 'postgres', url: pgUrl as string },
  });
  if (at === 'latest') await migrateToLatest(handle.db);
  else {
    const result = await createMigrator(handle.db).migrateTo(at);
    if (result.error) throw result.error;
  }
  await handle.close();
  return { sqliteFile, pgUrl, drop: dropPg };
}

const tenantId = uuidv7();
const orgId = uuidv7();
const created = new Date().toISOString();

/** Rows per second of a bare insert into `table`, after dropping the indexes named in `without`. */
async function insertSqlite(file: string, table: string, rows: Cell[][], without: string[] = []): Promise<number> {
  const db = new SQLite(file);
  for (const index of without) db.exec(`drop index ${index}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  db.prepare('insert into tenants (id, name, created_at) values (?, ?, ?)').run(tenantId, 'Floor', created);
  db.prepare(
    'insert into organizations (id, tenant_id, parent_id, name, kind, path, depth, created_at, updated_at) values (?, ?, null, ?, ?, ?, 0, ?, ?)',
  ).run(orgId, tenantId, 'Floor', 'state', `/${tenantId}/`, created, created);
  if (table === 'floor_accounts') db.exec(oneIndexTable(false));
  const insert = db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
  const started = performance.now();
  db.transaction(() => {
    for (const row of rows) insert.run(row);
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return rows.length / seconds;
}

async function insertPostgres(url: string, table: string, rows: Cell[][], without: string[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const index of without) await client.query(`drop index ${index}`);
  await client.query('insert into tenants (id, name, created_at) values ($1, $2, $3)', [tenantId, 'Floor', created]);
  await client.query(
    'insert into organizations (id, tenant_id, parent_id, name, kind, path, depth, created_at, updated_at) values ($1, $2, null, $3, $4, $5, 0, $6, $6)',
    [orgId, tenantId, 'Floor', 'state', `/${tenantId}/`, created],
  );
  if (table === 'floor_accounts') await client.query(oneIndexTable(true));
  const text = `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns
    .map((c, i) => `$${i + 1}::${c === 'version' ? 'int' : 'text'}[]`)
    .join(', ')})`;
  const started = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    await client.query(
      text,
      columns.map((_, c) => batch.map((r) => r[c])),
    );
  }
  await client.query('commit');
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return rows.length / seconds;
}

const rows = generate(tenantId, orgId);
for (const kind of kinds) {
  for (let round = 1; round <= rounds; round += 1) {
    for (const [i, at] of schemas.entries()) {
      // The one-index table does not depend on the migration: measured once per round.
      for (const table of i === 0 ? ['floor_accounts', 'accounts'] : ['accounts']) {
        const db = await scratch(kind, at);
        const rate =
          kind === 'sqlite'
            ? await insertSqlite(db.sqliteFile as string, table, rows)
            : await insertPostgres(db.pgUrl as string, table, rows);
        await db.drop();
        const what = table === 'accounts' ? `accounts at ${at}` : 'one-index table (primary key only)';
        console.log(`${kind} round ${round}: ${what}: ${Math.round(rate).toLocaleString('en-US')} rows/s`);
      }
    }
  }
  if (!args.has('each')) continue;
  const at = schemas.at(-1) as string;
  for (const index of await accountIndexes(kind, at)) {
    const db = await scratch(kind, at);
    const rate =
      kind === 'sqlite'
        ? await insertSqlite(db.sqliteFile as string, 'accounts', rows, [index])
        : await insertPostgres(db.pgUrl as string, 'accounts', rows, [index]);
    await db.drop();
    console.log(`${kind}: accounts at ${at} without ${index}: ${Math.round(rate).toLocaleString('en-US')} rows/s`);
  }
}

/** The secondary indexes of `accounts` at a migration (constraint-free ones, which can be dropped). */
async function accountIndexes(kind: BenchKind, at: string): Promise<string[]> {
  const db = await scratch(kind, at);
  let names: string[];
  if (kind === 'sqlite') {
    const sqlite = new SQLite(db.sqliteFile as string);
    names = (
      sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'accounts' and sql is not null").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    sqlite.close();
  } else {
    const client = new pg.Client({ connectionString: db.pgUrl });
    await client.connect();
    names = (await client.query("select indexname from pg_indexes where tablename = 'accounts' and indexname <> 'accounts_pkey'")).rows.map(
      (r: { indexname: string }) => r.indexname,
    );
    await client.end();
  }
  await db.drop();
  return names;
}
