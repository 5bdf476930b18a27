import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AccountRow, AccountUpdate, NewAccountRow } from '../../db/schema.ts';
import { anyOf, keyLists } from '../../db/key-lists.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { prepared } from '../../db/prepared.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';
import type { AccountQuery, AccountSort } from './account-query.ts';
import type { AccountFilterQuery } from './account-filter.ts';
import { accountFilterSql } from './scim-filter-sql.ts';
import { countAccounts, countAccountsUpTo } from './account-count-sql.ts';
import { accountsToCompare } from './account-compare-sql.ts';
import { planPage, resolveQuery, sortColumns } from './account-search-sql.ts';

import type { AccountBrief, AccountToCompare, AccountWithOrg } from './account-record.ts';
import { heldRolesJson } from '../roles/roles.repository.ts';

export type { AccountWithOrg };

export type { AccountQuery, AccountSort } from './account-query.ts';

/** An account with its organization: the same columns every read of one account gives. */
const withOrg = (db: Executor) =>
  db
    .selectFrom('accounts')
    .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
    .selectAll('accounts')
    .select(['o.name as orgName', 'o.path as orgPath']);

// Reads every request makes (reach checks, a new account's email and username), built once (db/prepared.ts).
const accountById = prepared(1, (db: Executor, id: string) => withOrg(db).where('accounts.id', '=', id));
const accountsByEmailOrUsername = prepared(3, (db: Executor, tenantId: string, emailKey: string, usernameKey: string) =>
  withOrg(db)
    .where('accounts.tenantId', '=', tenantId)
    // No LIMIT: each key is unique in a tenant, and a bound LIMIT made SQLite's two-index OR ten times slower.
    .where((eb) => eb.or([eb('accounts.emailKey', '=', emailKey), eb('accounts.usernameKey', '=', usernameKey)])),
);

export class AccountsRepository {
  async insert(db: Executor, row: NewAccountRow): Promise<void> {
    await db.insertInto('accounts').values(row).execute();
  }

  /**
   * Inserts and gives back the stored row, the columns' defaults included. Direct SQL, then the prepared
   * read: Kysely's insert of thirty columns cost ~50 µs to build, and SQLite's RETURNING (an ephemeral
   * table per statement) ~55 µs more than a second read by primary key.
   */
  async insertAndGet(db: Executor, row: NewAccountRow): Promise<AccountWithOrg> {
    await insertRows(db, 'accounts', [row]);
    const [stored] = await accountById(db, row.id);
    if (!stored) throw new Error('The account just inserted cannot be read back.');
    return stored;
  }

  private withOrg(db: Executor) {
    return withOrg(db);
  }

  async getById(db: Executor, id: string): Promise<AccountWithOrg | undefined> {
    return (await accountById(db, id))[0];
  }

  async getByEmailKey(db: Executor, tenantId: string, emailKey: string): Promise<AccountWithOrg | undefined> {
    return this.withOrg(db).where('accounts.tenantId', '=', tenantId).where('accounts.emailKey', '=', emailKey).executeTakeFirst();
  }

  /** The accounts of a tenant holding this email or this username (at most two: each is unique in the tenant). */
  async findByEmailOrUsernameKey(db: Executor, tenantId: string, emailKey: string, usernameKey: string): Promise<AccountWithOrg[]> {
    return accountsByEmailOrUsername(db, tenantId, emailKey, usernameKey);
  }

  async getByUsernameKey(db: Executor, tenantId: string, usernameKey: string): Promise<AccountRow | undefined> {
    return db.selectFrom('accounts').selectAll().where('tenantId', '=', tenantId).where('usernameKey', '=', usernameKey).executeTakeFirst();
  }

  /** Sign-in looks across tenants: the identifier may be a username or an email. */
  async findByLoginKey(db: Executor, key: string): Promise<AccountRow[]> {
    return db
      .selectFrom('accounts')
      .selectAll()
      .where((eb) => eb.or([eb('usernameKey', '=', key), eb('emailKey', '=', key)]))
      .limit(10)
      .execute();
  }

  /** Every account with this email, in any tenant (global administrators' duplicate check). */
  async listByEmailKey(db: Executor, emailKey: string): Promise<AccountWithOrg[]> {
    return this.withOrg(db).where('accounts.emailKey', '=', emailKey).limit(20).execute();
  }

  /** Accounts with exactly these name keys, in one tenant or (undefined) in every tenant. */
  async findByNameKeys(db: Executor, tenantId: string | undefined, lastNameKey: string, firstNameKey: string, limit: number) {
    let query = this.withOrg(db);
    if (tenantId) query = query.where('accounts.tenantId', '=', tenantId);
    return query.where('accounts.lastNameKey', '=', lastNameKey).where('accounts.firstNameKey', '=', firstNameKey).limit(limit).execute();
  }

  /** Accounts whose names sound alike, in one tenant or (undefined) in every tenant. */
  async findBySound(
    db: Executor,
    tenantId: string | undefined,
    lastSounds: string[],
    firstSounds: string[],
    limit: number,
  ): Promise<AccountWithOrg[]> {
    let query = this.withOrg(db);
    if (tenantId) query = query.where('accounts.tenantId', '=', tenantId);
    return query
      .where('accounts.lastNameSound', 'in', lastSounds)
      .where('accounts.firstNameSound', 'in', firstSounds)
      .limit(limit)
      .execute();
  }

  /** Updates the row and bumps its version; returns false when the row was not at `expectedVersion`. */
  async update(db: Executor, id: string, changes: AccountUpdate, expectedVersion?: number): Promise<boolean> {
    let query = db
      .updateTable('accounts')
      .set({ ...changes, version: sql<number>`version + 1` })
      .where('id', '=', id);
    if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
    const result = await query.executeTakeFirst();
    return toNumber(result.numUpdatedRows) === 1;
  }

  /** invited → expired for those still invited; returns the ids that changed. */
  async expireInvited(db: Executor, ids: readonly string[], now: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable('accounts')
      .set({ status: 'expired', updatedAt: now, version: sql<number>`version + 1` })
      .where('id', 'in', [...ids])
      .where('status', '=', 'invited')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async insertMany(db: Executor, rows: NewAccountRow[]): Promise<void> {
    await insertRows(db, 'accounts', rows);
  }

  async getManyByEmailKeys(db: Executor, tenantId: string, emailKeys: readonly string[]): Promise<AccountWithOrg[]> {
    const out: AccountWithOrg[] = [];
    for (let i = 0; i < emailKeys.length; i += 1000) {
      out.push(
        ...(await this.withOrg(db)
          .where('accounts.tenantId', '=', tenantId)
          .where('accounts.emailKey', 'in', emailKeys.slice(i, i + 1000))
          .execute()),
      );
    }
    return out;
  }

  /** Accounts of the tenant holding these external ids (UserID); an id may be held by more than one. */
  async getManyByExternalIds(db: Executor, tenantId: string, externalIds: readonly string[]): Promise<AccountWithOrg[]> {
    const out: AccountWithOrg[] = [];
    for (let i = 0; i < externalIds.length; i += 1000) {
      out.push(
        ...(await this.withOrg(db)
          .where('accounts.tenantId', '=', tenantId)
          .where('accounts.externalId', 'in', externalIds.slice(i, i + 1000))
          .execute()),
      );
    }
    return out;
  }

  /** The accounts of the tenant holding these email keys, with only what an import's plan compares (account-compare-sql.ts). */
  async getToCompareByEmailKeys(db: Executor, tenantId: string, emailKeys: readonly string[]): Promise<AccountToCompare[]> {
    return accountsToCompare(db, tenantId, emailKeys);
  }

  /** Which of these email keys accounts of the tenant hold: read from the unique index alone. */
  async takenEmailKeys(db: Executor, tenantId: string, emailKeys: readonly string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (const keys of keyLists(db, emailKeys)) {
      const rows = await db
        .selectFrom('accounts')
        .select('emailKey')
        .where('tenantId', '=', tenantId)
        .where(anyOf(db, 'emailKey', keys))
        .execute();
      for (const row of rows) taken.add(row.emailKey);
    }
    return taken;
  }

  async getManyByIds(db: Executor, ids: readonly string[]): Promise<AccountWithOrg[]> {
    const out: AccountWithOrg[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      out.push(
        ...(await this.withOrg(db)
          .where('accounts.id', 'in', ids.slice(i, i + 1000))
          .execute()),
      );
    }
    return out;
  }

  async getBriefsByIds(db: Executor, ids: readonly string[]): Promise<AccountBrief[]> {
    const out: AccountBrief[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      out.push(
        ...(await db
          .selectFrom('accounts as a')
          .innerJoin('organizations as o', 'o.id', 'a.orgId')
          .select([
            'a.id',
            'a.tenantId',
            'a.status',
            'a.email',
            'a.username',
            'a.firstName',
            'a.lastName',
            'o.name as orgName',
            'o.path as orgPath',
          ])
          .where('a.id', 'in', ids.slice(i, i + 1000))
          .execute()),
      );
    }
    return out;
  }

  /** A deleted group stops being anyone's default group. */
  async clearDefaultGroup(db: Executor, groupId: string, at: string): Promise<void> {
    await db
      .updateTable('accounts')
      .set({ defaultGroupId: null, updatedAt: at, version: sql<number>`version + 1` })
      .where('defaultGroupId', '=', groupId)
      .execute();
  }

  async deleteById(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('accounts').where('id', '=', id).execute();
  }

  /** Activity is not an edit: it leaves the version alone, so plans made before a sign-in stay valid. */
  async touchActivity(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('accounts').set({ lastActivityAt: at }).where('id', '=', id).execute();
  }

  async countGlobalAdmins(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('isGlobalAdmin', '=', 1)
      .executeTakeFirst();
    return toNumber(row?.n);
  }

  /** The query with its reach resolved to organization ids (and its text to first names) once, for the page and the count to share. */
  async resolveReach(db: Executor, query: AccountQuery): Promise<AccountQuery> {
    return resolveQuery(db, query);
  }

  /** One keyset page: one index range read directly, or ids chosen branch by branch (see account-search-sql.ts), with their organization. */
  async search(db: Executor, query: AccountQuery): Promise<AccountWithOrg[]> {
    return this.searchPage(db, query, false);
  }

  /** The same page, each account with the roles it holds as JSON text (`heldRolesJson`): one round trip for a list. */
  async searchWithRoles(db: Executor, query: AccountQuery): Promise<Array<AccountWithOrg & { rolesJson: string }>> {
    return this.searchPage(db, query, true) as Promise<Array<AccountWithOrg & { rolesJson: string }>>;
  }

  private async searchPage(db: Executor, query: AccountQuery, withRoles: boolean): Promise<AccountWithOrg[]> {
    const plan = await planPage(db, query);
    if (!plan) return [];
    let qb =
      plan.kind === 'range'
        ? // The range is read in index order and cut to the page before the organization is joined: joined first,
          // PostgreSQL hashes and sorts the whole range ("more" at 1M accounts: 1,886 rows and 5 ms, not 51 and 0.3).
          db
            .selectFrom(plan.narrow(db.selectFrom('accounts').selectAll('accounts')).as('accounts'))
            .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
            .selectAll('accounts')
            .select(['o.name as orgName', 'o.path as orgPath'])
        : this.withOrg(db).where('accounts.id', 'in', plan.ids);
    if (withRoles) qb = qb.select(heldRolesJson(db, 'accounts.id').as('rolesJson'));
    for (const column of sortColumns[query.sort]) {
      qb =
        column === 'accounts.lastActivityAt'
          ? qb.orderBy(sql`coalesce(accounts.last_activity_at, '')`, query.direction)
          : qb.orderBy(column, query.direction);
    }
    return qb.execute();
  }

  /** Exact number of matches, from covering indexes without the organization join. */
  async count(db: Executor, query: AccountQuery): Promise<number> {
    return countAccounts(db, query);
  }

  /** The number of matches when it is at most `cap`; any larger answer only means "more than cap". */
  async countUpTo(db: Executor, query: AccountQuery, cap: number): Promise<number> {
    return countAccountsUpTo(db, query, cap);
  }

  /**
   * One page of the accounts in reach that match a filter (SCIM's listing), oldest first, and how many
   * match in all. Accounts SCIM deleted are left out. The filter is SQL: nothing is filtered in memory.
   */
  async filteredPage(db: Executor, query: AccountFilterQuery): Promise<{ rows: AccountWithOrg[]; total: number }> {
    let base = db
      .selectFrom('accounts')
      .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
      .where('accounts.tenantId', '=', query.tenantId)
      .where('accounts.scimDeletedAt', 'is', null);
    const roots = query.roots;
    if (roots !== 'all')
      base = base.where((eb) => eb.or(roots.map((p) => eb.and([eb('o.path', '>=', p), eb('o.path', '<', prefixUpperBound(p))]))));
    const filter = query.filter;
    if (filter) base = base.where((eb) => accountFilterSql(eb, filter));
    const rows =
      query.limit === 0
        ? []
        : await base
            .selectAll('accounts')
            .select(['o.name as orgName', 'o.path as orgPath'])
            .orderBy('accounts.createdAt')
            .orderBy('accounts.id')
            .limit(query.limit)
            .offset(query.offset)
            .execute();
    // A page that is not full and starts inside the matches tells the total itself (the lookup by userName a
    // provider makes before each create), so the count runs only when it is not known.
    if (query.limit > 0 && rows.length < query.limit && (rows.length > 0 || query.offset === 0)) {
      return { rows, total: query.offset + rows.length };
    }
    const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return { rows, total: toNumber(count?.n) };
  }

  /** The sort key values of a row, in cursor order. */
  sortKeyOf(row: AccountRow, sort: AccountSort): (string | null)[] {
    const values: Record<AccountSort, (string | null)[]> = {
      name: [row.lastNameKey, row.firstNameKey, row.id],
      email: [row.emailKey, row.id],
      createdAt: [row.createdAt, row.id],
      status: [row.status, row.lastNameKey, row.id],
      lastActivityAt: [row.lastActivityAt ?? '', row.id],
    };
    return values[sort];
  }

  /**
   * Sets the status of many accounts, a statement per thousand, only where the status is still what the
   * caller expects (`from`: that status, or `not:<status>`), so a change made meanwhile is not undone;
   * returns the ids changed with their new versions.
   */
  async setStatuses(
    db: Executor,
    ids: readonly string[],
    from: string,
    changes: Pick<AccountUpdate, 'status' | 'archivedAt' | 'updatedAt' | 'lastActivityAt'>,
  ): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 1000) {
      let query = db
        .updateTable('accounts')
        .set({ ...changes, version: sql<number>`version + 1` })
        .where('id', 'in', ids.slice(i, i + 1000));
      query = from.startsWith('not:') ? query.where('status', '!=', from.slice(4)) : query.where('status', '=', from);
      const rows = await query.returning(['id', 'version']).execute();
      for (const row of rows) out.set(row.id, row.version);
    }
    return out;
  }
}
