import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Text search reads names and emails from indexes that carry the organization, so a county
 * administrator's search filters its reach inside the index instead of visiting each row; and the
 * email branch reads only the emails that no name explains (see `emailNameLength` below), so a common
 * first-name prefix no longer reads the thousands of "first.last" emails its name branch already found.
 * Two lookups that imports never fill (SCIM's and the employee external ids) index only the rows that
 * have one, so a bulk insert without them writes no entry there. No row is rewritten: only indexes move.
 */

/**
 * How many leading characters of the email a name explains: the length of the first-name key when the
 * email starts with it, else of the last-name key when it starts with that, else 0. An email matched by
 * a prefix no longer than this is also matched by that name, so the email branch of a search needs only
 * the emails whose value is below the prefix's length. Copied, not imported, in
 * `modules/accounts/account-text-sql.ts`: SQLite uses an expression index only for the same expression.
 */
const emailNameLength = sql`(case when substr(email_key, 1, length(first_name_key)) = first_name_key then length(first_name_key) when substr(email_key, 1, length(last_name_key)) = last_name_key then length(last_name_key) else 0 end)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('accounts_tenant_last_name').execute();
  await db.schema
    .createIndex('accounts_tenant_last_name')
    .on('accounts')
    .columns(['tenant_id', 'last_name_key', 'first_name_key', 'id', 'email_key', 'org_id'])
    .execute();
  await db.schema.dropIndex('accounts_tenant_first_name').execute();
  await db.schema
    .createIndex('accounts_tenant_first_name')
    .on('accounts')
    .columns(['tenant_id', 'first_name_key', 'last_name_key', 'id', 'org_id'])
    .execute();
  await db.schema.dropIndex('accounts_tenant_email_name').execute();
  // The email is indexed as `('' || email_key)`, a value only this index holds: PostgreSQL underestimates a prefix range
  // of emails (one row for thousands) and would otherwise read it from the unique email index, testing every row.
  await sql`create index accounts_tenant_email_rest on accounts (tenant_id, ${emailNameLength}, ('' || email_key), last_name_key, first_name_key, id, org_id)`.execute(
    db,
  );
  for (const column of ['external_id', 'scim_external_id']) {
    await db.schema.dropIndex(`accounts_tenant_${column}`).execute();
    await db.schema
      .createIndex(`accounts_tenant_${column}`)
      .on('accounts')
      .columns(['tenant_id', column])
      .where(sql.ref(column), 'is not', null)
      .execute();
  }
  // PostgreSQL plans with statistics, and has none yet for the new index's expressions.
  if (isPostgres(db)) await sql`analyze accounts`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['external_id', 'scim_external_id']) {
    await db.schema.dropIndex(`accounts_tenant_${column}`).execute();
    await db.schema.createIndex(`accounts_tenant_${column}`).on('accounts').columns(['tenant_id', column]).execute();
  }
  await db.schema.dropIndex('accounts_tenant_email_rest').execute();
  await db.schema
    .createIndex('accounts_tenant_email_name')
    .on('accounts')
    .columns(['tenant_id', 'email_key', 'last_name_key', 'first_name_key', 'id'])
    .execute();
  await db.schema.dropIndex('accounts_tenant_first_name').execute();
  await db.schema
    .createIndex('accounts_tenant_first_name')
    .on('accounts')
    .columns(['tenant_id', 'first_name_key', 'last_name_key', 'id'])
    .execute();
  await db.schema.dropIndex('accounts_tenant_last_name').execute();
  await db.schema
    .createIndex('accounts_tenant_last_name')
    .on('accounts')
    .columns(['tenant_id', 'last_name_key', 'first_name_key', 'id', 'email_key'])
    .execute();
}
