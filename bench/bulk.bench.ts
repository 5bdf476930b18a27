/**
 * Bulk benchmark (issue #16): a bulk archive of 100,000 accounts selected by a filter, run through the
 * real services and job, beside a floor measured in the same run — one bare UPDATE of the same rows in
 * one transaction; then the streamed CSV export of the same list beside a floor (one SELECT of the rows,
 * turned into CSV in memory), with the peak RSS of the process.
 *
 *   npm run bench:bulk                  100k on SQLite and PostgreSQL
 *   npm run bench:bulk -- --accounts=N  another size
 *   npm run bench:bulk -- --sqlite      SQLite only
 *   npm run bench:bulk -- --million     only the export, of 1,000,000 accounts (SQLite), in a child
 *                                       process so its peak RSS is the export's (bench/bulk-export.child.ts)
 *   … --million --keep=<file>           and leave the seeded file, for bench/export-rss.ts (over HTTP)
 */
import { CompiledQuery } from 'kysely';
import Papa from 'papaparse';
import { v7 as uuidv7 } from 'uuid';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { insertRows } from '../src/server/db/bulk-insert.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { JobRunner } from '../src/server/jobs/index.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import { newAccountRow } from '../src/server/modules/accounts/account-columns.ts';
import { createScratchDatabase, postgresSkipReason, type DatabaseKind } from '../test/support/databases.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}`));
const accounts = Number(arg('accounts')?.split('=')[1] ?? (arg('million') ? 1_000_000 : 100_000));
const kinds: DatabaseKind[] = arg('sqlite') || postgresSkipReason ? ['sqlite'] : ['sqlite', 'postgres'];
const affiliation = 'Bench Partners';
/** Node flags for the export child (BENCH_CHILD_FLAGS="--max-old-space-size=96": is the RSS live data or garbage?). */
const childFlags = process.env.BENCH_CHILD_FLAGS?.split(' ').filter(Boolean) ?? [];

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const seconds = (start: number) => (performance.now() - start) / 1000;

async function runKind(kind: DatabaseKind) {
  const scratch = await createScratchDatabase(kind);
  const database = openDatabase(scratch.config);
  const { db } = database;
  try {
    await migrateToLatest(db);
    const services = createServices(database, { sessionTtlHours: 1 });
    const runner = new JobRunner({ db, queue: services.jobQueue, handlers: services.jobHandlers, heartbeatMs: 0 });
    const system = systemActor('cli', 'bench');
    const tenant = await services.organizations.createOrganization(system, { name: 'Bench State', kind: 'state' });
    const county = await services.organizations.createOrganization(system, { name: 'Bench County', kind: 'county', parentId: tenant.id });
    const admin = await services.accounts.createAccount(
      system,
      {
        orgId: tenant.id,
        firstName: 'Bench',
        lastName: 'Admin',
        email: 'admin@bench.example.org',
        role: 'admin',
        password: 'Bench-admin-pass-1',
      },
      { passwordIsFinal: true },
    );
    const actor = (await services.auth.actorOfAccount(admin.id, 'api'))?.actor;
    if (!actor) throw new Error('no admin actor');

    const seeded = performance.now();
    const now = new Date().toISOString();
    for (let start = 0; start < accounts; start += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, accounts - start) }, (_, k) => {
        const i = start + k;
        return newAccountRow({
          id: uuidv7(),
          tenantId: tenant.id,
          orgId: county.id,
          fields: { firstName: `First${i % 997}`, lastName: `Last${i % 1009}`, email: `person${i}@bench.example.org`, affiliation },
          status: 'active',
          now,
        });
      });
      await db.transaction().execute((trx) => insertRows(trx, 'accounts', rows));
    }
    if (kind === 'postgres') await db.executeQuery(CompiledQuery.raw('analyze accounts'));
    const seedSeconds = seconds(seeded);

    // The bulk archive, as a person would ask for it: filter, expected count, confirmation; then the job.
    const filter = { affiliation };
    const expectedCount = await services.accountSearch.countMatching(actor, filter);
    const archiveStart = performance.now();
    const action = await services.bulkActions.requestBulkAction(actor, { action: 'archive', filter, expectedCount, confirm: true });
    while (await runner.runOnce());
    const archiveSeconds = seconds(archiveStart);
    const done = await services.bulkActions.getBulkAction(actor, action.id);
    if (done.counts.succeeded !== accounts)
      throw new Error(`archived ${done.counts.succeeded} of ${accounts}: ${done.status} ${done.error}`);

    // Floor: the same rows back to active, then one bare UPDATE archiving them in one transaction.
    await db.updateTable('accounts').set({ status: 'active', archivedAt: null }).where('affiliation', '=', affiliation).execute();
    const floorStart = performance.now();
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('accounts')
        .set({ status: 'archived', archivedAt: now, updatedAt: now })
        .where('tenantId', '=', tenant.id)
        .where('affiliation', '=', affiliation)
        .execute();
    });
    const floorSeconds = seconds(floorStart);

    // Export of the same list (archived now), streamed through the service and read to the end.
    peakRss = process.memoryUsage().rss;
    const exportStart = performance.now();
    const pages = await services.accountExport.filterPages(actor, { affiliation, status: 'archived' });
    let bytes = 0;
    for await (const chunk of services.accountExport.stream(pages, 'csv')) bytes += Buffer.byteLength(chunk as string);
    const exportSeconds = seconds(exportStart);
    const exportRss = peakRss;
    const exportFloorStart = performance.now();
    const all = await db
      .selectFrom('accounts')
      .selectAll()
      .where('tenantId', '=', tenant.id)
      .where('affiliation', '=', affiliation)
      .execute();
    const floorCsv = Papa.unparse(all.map((a) => [a.externalId ?? '', a.lastName, a.firstName, a.email, 'Archived', a.affiliation ?? '']));
    const exportFloorSeconds = seconds(exportFloorStart);

    return {
      kind,
      accounts,
      seedSeconds,
      archiveSeconds,
      archivePerSecond: Math.round(accounts / archiveSeconds),
      floorSeconds,
      exportSeconds,
      exportMiB: Math.round(bytes / 1048576),
      exportPeakRssMiB: Math.round(exportRss / 1048576),
      exportFloorSeconds,
      exportFloorMiB: Math.round(floorCsv.length / 1048576),
    };
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** Seeds a SQLite file with `accounts` accounts and runs the export in a child process, CSV then XLSX. */
async function exportMillion() {
  // --keep=<file>: seed into that file and leave it, for bench/export-rss.ts (the export over HTTP).
  const keep = arg('keep')?.split('=')[1];
  const scratch = keep
    ? { config: { database: { kind: 'sqlite' as const, file: keep } }, drop: async () => undefined }
    : await createScratchDatabase('sqlite');
  const database = openDatabase(scratch.config);
  try {
    await migrateToLatest(database.db);
    const services = createServices(database, { sessionTtlHours: 1 });
    const system = systemActor('cli', 'bench');
    const tenant = await services.organizations.createOrganization(system, { name: 'Bench State', kind: 'state' });
    const admin = await services.accounts.createAccount(
      system,
      {
        orgId: tenant.id,
        firstName: 'Bench',
        lastName: 'Admin',
        email: 'admin@bench.example.org',
        role: 'admin',
        password: 'Bench-admin-pass-1',
      },
      { passwordIsFinal: true },
    );
    const now = new Date().toISOString();
    for (let start = 0; start < accounts; start += 10_000) {
      const rows = Array.from({ length: Math.min(10_000, accounts - start) }, (_, k) =>
        newAccountRow({
          id: uuidv7(),
          tenantId: tenant.id,
          orgId: tenant.id,
          fields: {
            firstName: `First${(start + k) % 997}`,
            lastName: `Last${(start + k) % 1009}`,
            email: `person${start + k}@bench.example.org`,
            affiliation,
          },
          status: 'active',
          now,
        }),
      );
      await database.db.transaction().execute((trx) => insertRows(trx, 'accounts', rows));
    }
    await database.close();
    const file = (scratch.config.database as { file: string }).file;
    for (const format of ['csv', 'xlsx']) {
      const child = spawnSync(process.execPath, [...childFlags, '--import', 'tsx', 'bench/bulk-export.child.ts', file, admin.id, format], {
        encoding: 'utf8',
      });
      console.log(child.stdout.trim() || child.stderr);
    }
  } finally {
    await scratch.drop();
  }
}

const { execSync, spawnSync } = await import('node:child_process');
console.log(`uptime: ${execSync('uptime').toString().trim()}`);
if (arg('million')) await exportMillion();
else for (const kind of kinds) console.log(JSON.stringify(await runKind(kind)));
console.log(`uptime: ${execSync('uptime').toString().trim()}`);
clearInterval(sampler);
