import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/*
 * Every list of accounts reads its page's roles by account: 50 accounts, 50 seeks into the grants. Found through the
 * (account, role, organization) index, each grant was then read from its table row for its id, a second random
 * page per account: 1.1 ms of a search's ~4 ms of SQL at 1M accounts on SQLite.
 *
 * SQLite: the grants become a WITHOUT ROWID table keyed by (account, role, organization), so an account's grants sit
 * together in the key's own B-tree and one seek reads them whole; the id keeps its own unique index. Three B-trees
 * per grant instead of four (row table, id, unique key, role-organization), so an import writes less too.
 * PostgreSQL: the unique index carries the id (INCLUDE), so the page's grants are read from the index alone.
 */

async function sqliteRebuild(db: Kysely<unknown>, clustered: boolean): Promise<void> {
  await sql`create table role_assignments_next (
    id text not null ${sql.raw(clustered ? 'unique' : 'primary key')},
    tenant_id text not null references tenants (id),
    account_id text not null references accounts (id) on delete cascade,
    role_id text not null references roles (id),
    org_id text not null references organizations (id),
    created_at text not null${sql.raw(clustered ? ',\n    primary key (account_id, role_id, org_id)' : '')}
  )${sql.raw(clustered ? ' without rowid' : '')}`.execute(db);
  await sql`insert into role_assignments_next (id, tenant_id, account_id, role_id, org_id, created_at)
    select id, tenant_id, account_id, role_id, org_id, created_at from role_assignments order by account_id, role_id, org_id`.execute(db);
  await sql`drop table role_assignments`.execute(db);
  await sql`alter table role_assignments_next rename to role_assignments`.execute(db);
  if (!clustered) await sql`create unique index role_assignments_unique on role_assignments (account_id, role_id, org_id)`.execute(db);
  await sql`create index role_assignments_role_org on role_assignments (role_id, org_id)`.execute(db);
}

async function postgresUnique(db: Kysely<unknown>, include: boolean): Promise<void> {
  await sql`drop index role_assignments_unique`.execute(db);
  await sql`create unique index role_assignments_unique on role_assignments (account_id, role_id, org_id)${sql.raw(include ? ' include (id)' : '')}`.execute(
    db,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await postgresUnique(db, true);
  else await sqliteRebuild(db, true);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) await postgresUnique(db, false);
  else await sqliteRebuild(db, false);
}
