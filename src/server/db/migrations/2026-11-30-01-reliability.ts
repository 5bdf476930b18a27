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
 */
export async function up(db: Kysely<any>): Promise<void> {
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
  await sql`create unique index imports_in_flight on imports (tenant_id, checksum, org_id, template_key)
            where status in ('queued', 'planning', 'running')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('imports_in_flight').execute();
  await db.schema.alterTable('jobs').dropColumn('abandoned_attempts').execute();
}
