import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { AccountRow, AccountUpdate, Database, NewAccountRow, OrganizationsTable } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';

export type AccountWithOrg = AccountRow & { orgName: string; orgPath: string };

export type AccountSort = 'name' | 'email' | 'createdAt' | 'status' | 'lastActivityAt';

/** A search already narrowed to what the actor may see: the service resolves scope into `roots`. */
export interface AccountQuery {
  tenantId?: string;
  /** Organization subtree roots (materialized paths), or 'all'. A tenant root path needs no org filter. */
  roots: 'all' | string[];
  q?: string;
  statuses?: string[];
  affiliation?: string;
  employeeType?: string;
  emailDomain?: string;
  roleKey?: string;
  sort: AccountSort;
  direction: 'asc' | 'desc';
  limit: number;
  /** Keyset position: the sort key values and id of the last row of the previous page. */
  after?: readonly (string | null)[];
}

type WithOrg = Database & { o: OrganizationsTable };
type AccountsQB = SelectQueryBuilder<WithOrg, 'accounts' | 'o', AccountWithOrg>;

const sortColumns: Record<AccountSort, readonly ('accounts.lastNameKey' | 'accounts.firstNameKey' | 'accounts.emailKey' | 'accounts.createdAt' | 'accounts.status' | 'accounts.lastActivityAt' | 'accounts.id')[]> = {
  name: ['accounts.lastNameKey', 'accounts.firstNameKey', 'accounts.id'],
  email: ['accounts.emailKey', 'accounts.id'],
  createdAt: ['accounts.createdAt', 'accounts.id'],
  status: ['accounts.status', 'accounts.lastNameKey', 'accounts.id'],
  lastActivityAt: ['accounts.lastActivityAt', 'accounts.id'],
};

export class AccountsRepository {
  async insert(db: Executor, row: NewAccountRow): Promise<void> {
    await db.insertInto('accounts').values(row).execute();
  }

  private withOrg(db: Executor) {
    return db
      .selectFrom('accounts')
      .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
      .selectAll('accounts')
      .select(['o.name as orgName', 'o.path as orgPath']);
  }

  async getById(db: Executor, id: string): Promise<AccountWithOrg | undefined> {
    return this.withOrg(db).where('accounts.id', '=', id).executeTakeFirst();
  }

  async getByEmailKey(db: Executor, tenantId: string, emailKey: string): Promise<AccountWithOrg | undefined> {
    return this.withOrg(db).where('accounts.tenantId', '=', tenantId).where('accounts.emailKey', '=', emailKey).executeTakeFirst();
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

  /** Accounts whose names sound alike, in one tenant or (undefined) in every tenant. */
  async findBySound(db: Executor, tenantId: string | undefined, lastSounds: string[], firstSounds: string[], limit: number): Promise<AccountWithOrg[]> {
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

  async insertMany(db: Executor, rows: NewAccountRow[]): Promise<void> {
    // ~32 columns per row: 500 rows stay under PostgreSQL's 65,535 bind parameters.
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('accounts').values(rows.slice(i, i + 500)).execute();
  }

  async getManyByEmailKeys(db: Executor, tenantId: string, emailKeys: readonly string[]): Promise<AccountWithOrg[]> {
    const out: AccountWithOrg[] = [];
    for (let i = 0; i < emailKeys.length; i += 1000) {
      out.push(...(await this.withOrg(db).where('accounts.tenantId', '=', tenantId).where('accounts.emailKey', 'in', emailKeys.slice(i, i + 1000)).execute()));
    }
    return out;
  }

  async getManyByIds(db: Executor, ids: readonly string[]): Promise<AccountWithOrg[]> {
    const out: AccountWithOrg[] = [];
    for (let i = 0; i < ids.length; i += 1000) {
      out.push(...(await this.withOrg(db).where('accounts.id', 'in', ids.slice(i, i + 1000)).execute()));
    }
    return out;
  }

  async deleteById(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('accounts').where('id', '=', id).execute();
  }

  async countGlobalAdmins(db: Executor): Promise<number> {
    const row = await db.selectFrom('accounts').select((eb) => eb.fn.countAll().as('n')).where('isGlobalAdmin', '=', 1).executeTakeFirst();
    return toNumber(row?.n);
  }

  async search(db: Executor, query: AccountQuery): Promise<AccountWithOrg[]> {
    const columns = sortColumns[query.sort];
    let qb = this.filtered(db, query);
    if (query.after) {
      const after = query.after;
      const op = query.direction === 'asc' ? '>' : '<';
      qb = qb.where((eb) => eb(eb.refTuple(...(columns as [typeof columns[0], typeof columns[0]])), op, eb.tuple(...(after.map((v) => v ?? '') as [string, string]))));
    }
    for (const column of columns) {
      qb = column === 'accounts.lastActivityAt'
        ? qb.orderBy(sql`coalesce(accounts.last_activity_at, '')`, query.direction)
        : qb.orderBy(column, query.direction);
    }
    return qb.limit(query.limit).execute();
  }

  async count(db: Executor, query: AccountQuery): Promise<number> {
    const row = await this.filtered(db, query)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return toNumber(row?.n);
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

  private filtered(db: Executor, query: AccountQuery): AccountsQB {
    let qb = this.withOrg(db) as unknown as AccountsQB;
    if (query.tenantId) qb = qb.where('accounts.tenantId', '=', query.tenantId);
    const roots = query.roots;
    if (roots !== 'all') {
      const tenantRoots = roots.filter((p) => p.split('/').length === 3);
      if (tenantRoots.length === roots.length) {
        // Whole tenants: the tenant column says it all and keeps every tenant-leading index usable.
        qb = qb.where('accounts.tenantId', 'in', tenantRoots.map((p) => p.split('/')[1] as string));
      } else {
        qb = qb.where('accounts.orgId', 'in', (eb) =>
          eb
            .selectFrom('organizations')
            .select('id')
            .where((inner) => inner.or(roots.map((p) => inner.and([inner('path', '>=', p), inner('path', '<', prefixUpperBound(p))])))),
        );
      }
    }
    if (query.statuses?.length) qb = qb.where('accounts.status', 'in', query.statuses);
    if (query.affiliation) qb = qb.where('accounts.affiliation', '=', query.affiliation);
    if (query.employeeType) qb = qb.where('accounts.employeeType', '=', query.employeeType);
    if (query.emailDomain) qb = qb.where('accounts.emailDomain', '=', query.emailDomain);
    if (query.roleKey) {
      const roleKey = query.roleKey;
      qb = qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('roleAssignments as ra')
            .innerJoin('roles as r', 'r.id', 'ra.roleId')
            .select('ra.id')
            .whereRef('ra.accountId', '=', 'accounts.id')
            .where('r.key', '=', roleKey),
        ),
      );
    }
    if (query.q) qb = qb.where((eb) => textMatch(eb, query.q as string));
    return qb;
  }
}

/**
 * Prefix match over names, email and username, each an index range. Two or more words match
 * first and last name in either order ("ana lop" or "lopez ana").
 */
function textMatch(eb: ExpressionBuilder<WithOrg, 'accounts' | 'o'>, q: string) {
  const range = (column: 'accounts.lastNameKey' | 'accounts.firstNameKey' | 'accounts.emailKey' | 'accounts.usernameKey', prefix: string) =>
    eb.and([eb(column, '>=', prefix), eb(column, '<', prefixUpperBound(prefix))]);
  const text = q.trim().toLowerCase();
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length >= 2) {
    const first = words[0] as string;
    const rest = words.slice(1).join(' ');
    return eb.or([
      eb.and([range('accounts.firstNameKey', first), range('accounts.lastNameKey', rest)]),
      eb.and([range('accounts.lastNameKey', first), range('accounts.firstNameKey', rest)]),
      range('accounts.lastNameKey', text),
      range('accounts.firstNameKey', text),
    ]);
  }
  return eb.or([
    range('accounts.lastNameKey', text),
    range('accounts.firstNameKey', text),
    range('accounts.emailKey', text),
    range('accounts.usernameKey', text),
  ]);
}
