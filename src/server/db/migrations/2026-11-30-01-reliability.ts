import { sql, type Kysely } from 'kysely';

/*
 * Reliability findings of the security probe (issue #12). Frozen once landed.
 *
 * - jobs.abandoned_attempts: how many claims of a job ended without any answer (its runner died or
 *   lost the lease while running it). The runner quarantines a job once this reaches its limit, so a
 *   job that kills its process is not claimed again on every restart.
 * - imports_in_flight: at most one import of the same bytes, template and organization is in flight
 *   (queued, planning or running). Checking first and inserting after let two concurrent uploads
 *   both pass on PostgreSQL; the index makes the second insert fail instead.
 * - Imports stranded in progress by a job that had already failed end failed, with a reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('abandoned_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Duplicates already in flight (let through before this index existed) would stop the index from
  // being built: the oldest keeps going, the later ones end failed with a reason an administrator reads.
  const duplicates = await sql<{ id: string }>`
    select later.id from imports later
    where later.status in ('queued', 'planning', 'running')
      and exists (
        select 1 from imports earlier
        where earlier.status in ('queued', 'planning', 'running')
          and earlier.tenant_id = later.tenant_id and earlier.checksum = later.checksum
          and earlier.org_id = later.org_id and earlier.template_key = later.template_key
          and (earlier.created_at < later.created_at or (earlier.created_at = later.created_at and earlier.id < later.id))
      )`.execute(db);
  const error = JSON.stringify({
    code: 'import_in_progress',
    message: 'The same file was being imported into this organization twice at once; this copy was stopped and the other one kept.',
  });
  for (const { id } of duplicates.rows) {
    await sql`update imports set status = 'failed', error = ${error}, finished_at = ${new Date().toISOString()} where id = ${id}`.execute(
      db,
    );
  }
  await failStrandedImports(db);
  await sql`create unique index imports_in_flight on imports (tenant_id, checksum, org_id, template_key)
            where status in ('queued', 'planning', 'running')`.execute(db);
}

/**
 * Imports left "being checked" or "being applied" for good because their job had already failed
 * (before the runner told the import): they end failed too, saying how far they got.
 */
async function failStrandedImports(db: Kysely<unknown>): Promise<void> {
  const stranded = await sql<{ id: string; status: string; rowsDone: number; jobError: string | null }>`
    select imports.id, imports.status, imports.rows_done as "rowsDone", jobs.error as "jobError"
    from imports join jobs on jobs.id = (case when imports.status = 'running' then imports.commit_job_id else imports.plan_job_id end)
    where imports.status in ('queued', 'planning', 'running') and jobs.status = 'failed'`.execute(db);
  for (const imp of stranded.rows) {
    const reason = (imp.jobError ?? 'its background job failed').replace(/\.\s*$/, '');
    const rowsDone = Number(imp.rowsDone);
    const error =
      imp.status === 'running'
        ? {
            code: 'commit_stopped',
            message:
              rowsDone === 0
                ? `Stopped before any row was applied: ${reason}. Nothing was changed.`
                : `Stopped after ${rowsDone.toLocaleString('en-US')} rows: ${reason}. The applied rows can be rolled back.`,
          }
        : {
            code: 'plan_stopped',
            message: `Checking the file failed: ${reason}. Upload it again; if it keeps failing, ask your administrator.`,
          };
    await sql`update imports set status = 'failed', error = ${JSON.stringify(error)}, finished_at = ${new Date().toISOString()}
              where id = ${imp.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('imports_in_flight').execute();
  await db.schema.alterTable('jobs').dropColumn('abandoned_attempts').execute();
}
