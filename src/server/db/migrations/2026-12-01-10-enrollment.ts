import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Enrollment: courses, their sections, learning paths and who is enrolled in what. Frozen once landed.
 *
 * - courses / learning_paths carry the offering organization's path: they are seen and enrolled into
 *   from that subtree, and a subtree is one index range.
 * - sections copy their course's organization and path, so a roster's reach check needs no join.
 *   `waitlist_seq` hands out waitlist positions in arrival order under the section's lock.
 * - enrollments keep their whole life on one row (enrolled_at, waitlisted_at, withdrawn_at,
 *   completed_at): the profile's history is read from it. At most one live enrollment (enrolled,
 *   waitlisted or completed) per account and section: a partial unique index, on both databases.
 * - path_enrollments: one per account and learning path; its course enrollments point at it.
 * - Existing `admin` roles gain the new permissions, as the default catalog now gives them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const binaryText = isPostgres(db) ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_key', binaryText, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('courses_tenant_code').on('courses').columns(['tenant_id', 'code_key']).unique().execute();
  await db.schema.createIndex('courses_tenant_path').on('courses').columns(['tenant_id', 'org_path']).execute();

  await db.schema
    .createTable('sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_key', binaryText, (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('location', 'text')
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('enroll_opens_at', 'text')
    .addColumn('enroll_closes_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waitlist_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('sections_tenant_code').on('sections').columns(['tenant_id', 'code_key']).unique().execute();
  await db.schema.createIndex('sections_course').on('sections').columns(['course_id', 'starts_at']).execute();

  await db.schema
    .createTable('learning_paths')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('code_key', binaryText, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learning_paths_tenant_code').on('learning_paths').columns(['tenant_id', 'code_key']).unique().execute();

  await db.schema
    .createTable('learning_path_courses')
    .addColumn('path_id', 'text', (c) => c.notNull().references('learning_paths.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addPrimaryKeyConstraint('learning_path_courses_pk', ['path_id', 'position'])
    .execute();

  await db.schema
    .createTable('path_enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('path_id', 'text', (c) => c.notNull().references('learning_paths.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('path_enrollments_account_path').on('path_enrollments').columns(['account_id', 'path_id']).unique().execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('section_id', 'text', (c) => c.notNull().references('sections.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('path_enrollment_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('waitlist_position', 'integer')
    .addColumn('forced', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('enrolled_by', 'text')
    .addColumn('enrolled_by_label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text')
    .addColumn('waitlisted_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_because', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  await sql`create unique index enrollments_live on enrollments (section_id, account_id) where status in ('enrolled', 'waitlisted', 'completed')`.execute(
    db,
  );
  await db.schema
    .createIndex('enrollments_section_status')
    .on('enrollments')
    .columns(['section_id', 'status', 'waitlist_position'])
    .execute();
  await db.schema.createIndex('enrollments_account').on('enrollments').columns(['account_id', 'created_at']).execute();
  await db.schema.createIndex('enrollments_path').on('enrollments').columns(['path_enrollment_id']).execute();

  // The roles table as it is at this point in time (a migration never imports the app's table types).
  const rolesNow = db as unknown as Kysely<{ roles: { id: string; key: string; permissions: string } }>;
  const admins = await rolesNow.selectFrom('roles').select(['id', 'permissions']).where('key', '=', 'admin').execute();
  for (const role of admins) {
    const permissions = new Set(JSON.parse(role.permissions) as string[]);
    for (const permission of ['courses.manage', 'enrollments.manage', 'enrollments.force']) permissions.add(permission);
    await rolesNow
      .updateTable('roles')
      .set({ permissions: JSON.stringify([...permissions]) })
      .where('id', '=', role.id)
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('enrollments').execute();
  await db.schema.dropTable('path_enrollments').execute();
  await db.schema.dropTable('learning_path_courses').execute();
  await db.schema.dropTable('learning_paths').execute();
  await db.schema.dropTable('sections').execute();
  await db.schema.dropTable('courses').execute();
}
