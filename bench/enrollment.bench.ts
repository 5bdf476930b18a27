/**
 * Enrollment benchmark: 10,000 accounts enrolled into one section of capacity 10,000 through the
 * background job (the path a large POST /api/enrollments takes), on SQLite, beside the floor measured
 * in the same run: a bare better-sqlite3 insert of the same 10,000 enrollment rows into a table with
 * the same unique index, one transaction. The job does what the product does per person: the rules,
 * one audit event and one "enrolled" email in the outbox each, in batches of 2,500 with their checkpoint.
 *
 *   npm run bench:enrollment            SQLite (BENCH_DB=postgres for PostgreSQL, BENCH_ROWS to resize)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createServices } from '../src/server/container.ts';
import { openDatabase } from '../src/server/db/connection.ts';
import { migrateToLatest } from '../src/server/db/migrator.ts';
import { JobRunner, type JobHandlers } from '../src/server/jobs/index.ts';
import { bulkEnrollmentJobType } from '../src/server/modules/enrollment/bulk-enrollment.service.ts';
import { systemActor } from '../src/server/platform/actor.ts';
import { AccountsRepository } from '../src/server/modules/accounts/accounts.repository.ts';
import { newAccountRow } from '../src/server/modules/accounts/account-columns.ts';
import { createScratchDatabase, postgresSkipReason, type DatabaseKind } from '../test/support/databases.ts';

const rows = Number(process.env.BENCH_ROWS ?? 10_000);

/** The floor: the same enrollment rows, bare, one transaction, the live-enrollment unique index. */
function sqliteFloor(): number {
  const dir = mkdtempSync(join(tmpdir(), 'registrar-enroll-floor-'));
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table enrollments (id text primary key, tenant_id text, account_id text, section_id text, course_id text, org_path text,
    status text, enrolled_by_label text, created_at text, updated_at text, enrolled_at text);
    create unique index enrollments_live on enrollments (section_id, account_id) where status in ('enrolled', 'waitlisted', 'completed');`);
  const insert = db.prepare('insert into enrollments values (?,?,?,?,?,?,?,?,?,?,?)');
  const started = performance.now();
  db.transaction(() => {
    for (let i = 0; i < rows; i += 1) {
      const now = new Date().toISOString();
      insert.run(`e-${i}`, 't', `a-${i}`, 's', 'c', '/t/', 'enrolled', 'bench', now, now, now);
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return rows / seconds;
}

async function enrollThroughJob(kind: DatabaseKind) {
  const scratch = await createScratchDatabase(kind);
  const database = openDatabase(scratch.config);
  await migrateToLatest(database.db);
  const services = createServices(database, { sessionTtlHours: 1 });
  // Only the enrollment job runs in the timed part: delivering the 10,000 emails is the mail worker's
  // business afterwards (the outbox rows themselves are written inside the enrollment batches).
  const handlers = { [bulkEnrollmentJobType]: services.jobHandlers[bulkEnrollmentJobType] as JobHandlers[string] };
  const runner = new JobRunner({ db: database.db, queue: services.jobQueue, handlers, heartbeatMs: 0 });
  const actor = systemActor('cli', 'bench');
  const tenant = await services.organizations.createOrganization(actor, { name: 'Bench State', kind: 'state' });
  const county = await services.organizations.createOrganization(actor, { name: 'Riverside County', kind: 'county', parentId: tenant.id });
  // The accounts exist before the run (how they got there is the import benchmark's business).
  const now = new Date().toISOString();
  const accounts = Array.from({ length: rows }, (_, i) =>
    newAccountRow({
      id: `bench-account-${String(i).padStart(6, '0')}`,
      tenantId: tenant.id,
      orgId: county.id,
      fields: { email: `partner.${i}@example.org`, firstName: 'Partner', lastName: `Number${i}` },
      status: 'active',
      now,
    }),
  );
  await database.db.transaction().execute((trx) => new AccountsRepository().insertMany(trx, accounts));
  const course = await services.catalog.createCourse(actor, { orgId: tenant.id, code: 'CP-101', title: 'Community partner orientation' });
  const section = await services.catalog.createSection(actor, course.id, { code: 'CP-101-A', capacity: rows, startsAt: '2099-01-10' });

  const started = performance.now();
  const { jobId } = await services.enrollments.enrollInBackground(
    actor,
    accounts.map((a) => a.id),
    { sectionId: section.id },
    {},
  );
  while (await runner.runOnce());
  const seconds = (performance.now() - started) / 1000;
  const job = await services.bulkEnrollment.getJob(actor, jobId);
  const outbox = await database.db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '=', 'enrolled')
    .executeTakeFirst();
  await database.close();
  await scratch.drop();
  return { seconds, job, emails: Number(outbox?.n ?? 0) };
}

async function main() {
  const kind = (process.env.BENCH_DB ?? 'sqlite') as DatabaseKind;
  if (kind === 'postgres' && postgresSkipReason) {
    console.log(`postgres: skipped (${postgresSkipReason})`);
    return;
  }
  // The machine is shared: three rounds, each with its own floor measured just before it, and the median.
  const rates: number[] = [];
  for (let round = 1; round <= 3; round += 1) {
    const floor = sqliteFloor();
    const r = await enrollThroughJob(kind);
    const rate = rows / r.seconds;
    rates.push(rate);
    console.log(
      `round ${round}: floor (bare better-sqlite3 insert of ${rows} enrollment rows, one transaction) ${Math.round(floor)} rows/s; ` +
        `${kind}: ${rows} enrollments through the job in ${r.seconds.toFixed(2)} s = ${Math.round(rate)} enrollments/s, ${(floor / rate).toFixed(1)}x the floor; ` +
        `job ${r.job.status}, enrolled ${r.job.counts.enrolled}, waitlisted ${r.job.counts.waitlisted}, failed ${r.job.counts.failed}; ${r.emails} "enrolled" emails queued`,
    );
  }
  console.log(`${kind}: median ${Math.round([...rates].sort((a, b) => a - b)[1] as number)} enrollments/s`);
}

await main();
