import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Imports: templates as tenant data, the import jobs, their stored upload and a result per row; and the
 * notification outbox, written in the same transaction as the change that causes a message.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const binaryText = pg ? sql`text collate "C"` : sql`text`;
  const bytes = pg ? sql`bytea` : sql`blob`;

  await db.schema
    .createTable('import_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_templates_tenant_key').on('import_templates').columns(['tenant_id', 'key']).unique().execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('org_path', binaryText, (c) => c.notNull())
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_size', 'integer', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_by_label', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('format', 'text')
    .addColumn('error', 'text')
    .addColumn('plan_job_id', 'text')
    .addColumn('commit_job_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('planned_at', 'text')
    .addColumn('committed_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('rolled_back_at', 'text')
    .addColumn('rollback', 'text')
    .execute();
  await db.schema.createIndex('imports_tenant_created').on('imports').columns(['tenant_id', 'created_at']).execute();
  await db.schema.createIndex('imports_checksum').on('imports').columns(['tenant_id', 'checksum']).execute();

  // The upload itself, in chunks, so every app instance can read it (no shared disk needed).
  await db.schema
    .createTable('import_files')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_files_pk', ['import_id', 'seq'])
    .execute();

  await db.schema
    .createTable('import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('line', 'integer', (c) => c.notNull())
    // Set only for rows that claim their email (not failed ones): later duplicates are found through it.
    .addColumn('email_key', binaryText)
    // The email as written in the file, for showing every row (failed ones too).
    .addColumn('email', 'text')
    .addColumn('planned', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('message', 'text')
    .addColumn('account_id', 'text')
    .addColumn('expected_version', 'integer')
    .addColumn('org_id', 'text')
    .addColumn('role_id', 'text')
    .addColumn('values', 'text')
    .addColumn('changes', 'text')
    .addColumn('previous', 'text')
    .addColumn('applied', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'line'])
    .execute();
  // Only the email lookup (duplicates within a file) is indexed: filters by outcome read one import's
  // rows through the primary key, and every extra index here is paid on each of up to a million rows.
  await db.schema.createIndex('import_rows_email').on('import_rows').columns(['import_id', 'email_key']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.references('tenants.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    // One message per causing change: the key makes a replayed job write nothing new.
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'created_at']).execute();

  // Tenants created before this migration get the default template when first read (see ImportTemplatesService).
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['outbox', 'import_rows', 'import_files', 'imports', 'import_templates']) await db.schema.dropTable(table).execute();
}
