import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Indexes for text search at 1M accounts.
 *
 * A county administrator's text search names one organization (or a few): the name indexes lead with the
 * tenant, so counting "mar" in one county of 59 read every "mar" of the state to keep the county's (31 ms on
 * PostgreSQL, ~80,000 index entries). `accounts_tenant_org_last` and `accounts_tenant_org_first` hold each
 * organization's accounts by last and by first name: inside one organization a prefix of either is one short
 * range, for the count and for the page's ordered ranges alike (the last-name part of that count: 0.4 ms).
 * PostgreSQL only: SQLite, which plans without statistics, took an index leading with the organization as a reason
 * to read the county's emails from the whole tenant's last-name index (900 ms instead of 0.5); there the county's
 * search keeps the indexes it had.
 *
 * PostgreSQL reads an index alone (an index-only scan) only when every column a query names is a plain column of
 * that index; it does not look inside index expressions. The email branch names `email_key` through the
 * expressions of `accounts_tenant_email_rest`, so each match cost a visit to its row (3,098 for "mark.", ~3 ms
 * each time the branch was sized, counted or paged). Carrying `email_key` as an included column lets the index
 * answer alone. SQLite has no INCLUDE and reads the index's expressions itself: there it stays as it is.
 */

const emailNameLength = sql`(case when substr(email_key, 1, length(first_name_key)) = first_name_key then length(first_name_key) when substr(email_key, 1, length(last_name_key)) = last_name_key then length(last_name_key) else 0 end)`;

async function rebuildEmailRest(db: Kysely<unknown>, include: boolean): Promise<void> {
  await db.schema.dropIndex('accounts_tenant_email_rest').execute();
  await sql`create index accounts_tenant_email_rest on accounts (tenant_id, ${emailNameLength}, ('' || email_key), last_name_key, first_name_key, id, org_id)${sql.raw(include ? ' include (email_key)' : '')}`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema
    .createIndex('accounts_tenant_org_last')
    .on('accounts')
    .columns(['tenant_id', 'org_id', 'last_name_key', 'first_name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('accounts_tenant_org_first')
    .on('accounts')
    .columns(['tenant_id', 'org_id', 'first_name_key', 'last_name_key', 'id'])
    .execute();
  await rebuildEmailRest(db, true);
  await sql`analyze accounts`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await db.schema.dropIndex('accounts_tenant_org_last').execute();
  await db.schema.dropIndex('accounts_tenant_org_first').execute();
  await rebuildEmailRest(db, false);
}
