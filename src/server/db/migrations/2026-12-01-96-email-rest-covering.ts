import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * PostgreSQL reads an index alone (an index-only scan) only when every column a query names is a plain column of
 * that index; it does not look inside index expressions. The email branch of a text search names `email_key`
 * through the expressions of `accounts_tenant_email_rest`, so each match cost a visit to its row (3,098 for
 * "mark." at 1M accounts, ~3 ms each time the branch was sized, counted or paged). Carrying `email_key` as an
 * included column lets the index answer alone. SQLite has no INCLUDE and reads the index's expressions itself:
 * there it stays as it is.
 *
 * Tried and left out: indexes by organization and name, for a county administrator's text search. They cut the
 * county's "mar" count from 2,284 buffers to 1,196 but slowed a bare insert into `accounts` by a quarter on
 * PostgreSQL (11,800 to 8,900 rows/s), against an import goal that needs every insert; and SQLite, planning
 * without statistics, read a county's emails through the whole tenant's last-name index once one existed.
 */

const emailNameLength = sql`(case when substr(email_key, 1, length(first_name_key)) = first_name_key then length(first_name_key) when substr(email_key, 1, length(last_name_key)) = last_name_key then length(last_name_key) else 0 end)`;

async function rebuildEmailRest(db: Kysely<unknown>, include: boolean): Promise<void> {
  await db.schema.dropIndex('accounts_tenant_email_rest').execute();
  await sql`create index accounts_tenant_email_rest on accounts (tenant_id, ${emailNameLength}, ('' || email_key), last_name_key, first_name_key, id, org_id)${sql.raw(include ? ' include (email_key)' : '')}`.execute(
    db,
  );
  await sql`analyze accounts`.execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await rebuildEmailRest(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await rebuildEmailRest(db, false);
}
