import { sql, type Expression, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { accountStatuses } from '../../../common/permissions.ts';
import type { Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';
import { firstNamePrefixes, firstNamesStartingWith, hidden, textBranches, type TextBranch } from './account-text-sql.ts';
import type { AccountQuery, AccountSort } from './account-query.ts';

/*
 * Account search SQL, shaped so that every part is one index range whatever the planner knows.
 *
 * SQLite plans without statistics: it takes `tenant_id = ?` for a selective equality and would walk
 * the whole tenant in name order (seconds at 1M accounts) rather than combine the four key ranges a
 * text query needs. So the page is the union of per-branch top-N lists, each one index range (a
 * text branch, or one organization × status), and the count is a sum of disjoint branch counts read
 * from covering indexes. Both stay exact; nothing is estimated.
 */

type AccountsEB = ExpressionBuilder<Database, 'accounts'>;
export type AccountsSelect = SelectQueryBuilder<Database, 'accounts', object>;
type SortColumn =
  | 'accounts.lastNameKey'
  | 'accounts.firstNameKey'
  | 'accounts.emailKey'
  | 'accounts.createdAt'
  | 'accounts.status'
  | 'accounts.lastActivityAt'
  | 'accounts.id';

export const sortColumns: Record<AccountSort, readonly SortColumn[]> = {
  name: ['accounts.lastNameKey', 'accounts.firstNameKey', 'accounts.id'],
  email: ['accounts.emailKey', 'accounts.id'],
  createdAt: ['accounts.createdAt', 'accounts.id'],
  status: ['accounts.status', 'accounts.lastNameKey', 'accounts.id'],
  lastActivityAt: ['accounts.lastActivityAt', 'accounts.id'],
};

/** A text branch bigger than this is paged by walking the name index; a smaller one is sorted. */
const walkThreshold = 5000;
/** Above this many organization × status pairs, one IN filter and a sort replace the union. */
const maxPairBranches = 64;
/** Beyond this many organizations, a subquery keeps the statement under the databases' parameter limits. */
const maxListedOrgs = 500;

const orgsUnder = (db: Executor, roots: string[]) =>
  db
    .selectFrom('organizations')
    .select('id')
    .where((eb) => eb.or(roots.map((p) => eb.and([eb('path', '>=', p), eb('path', '<', prefixUpperBound(p))]))));

/** The actor's reach as index keys: organization ids, or null for whole tenants. `[]` reaches nothing. */
export async function resolveOrgIds(db: Executor, query: AccountQuery): Promise<string[] | null> {
  if (query.orgIds !== undefined) return query.orgIds;
  const roots = query.roots;
  if (roots === 'all') return null;
  if (roots.every((p) => p.split('/').length === 3)) return null;
  return (await orgsUnder(db, roots).execute()).map((r) => r.id);
}

/** Every filter but the text, on `accounts` alone (the organization join is only for the page). */
export function base(db: Executor, query: AccountQuery, orgIds: string[] | null, from?: AccountsSelect): AccountsSelect {
  let qb = from ?? (db.selectFrom('accounts') as AccountsSelect);
  if (query.tenantId) qb = qb.where('accounts.tenantId', '=', query.tenantId);
  if (query.roots !== 'all' && orgIds === null) {
    // Whole tenants: the tenant column says it all and keeps every tenant-leading index usable.
    const tenants = [...new Set(query.roots.map((p) => p.split('/')[1] as string))];
    if (!(tenants.length === 1 && tenants[0] === query.tenantId)) qb = qb.where('accounts.tenantId', 'in', tenants);
  }
  if (orgIds && orgIds.length <= maxListedOrgs) qb = qb.where('accounts.orgId', 'in', orgIds);
  else if (orgIds && query.roots !== 'all') qb = qb.where('accounts.orgId', 'in', orgsUnder(db, query.roots));
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
  return qb;
}

/** A text query of punctuation and spaces alone ("' -") has no branch: it matches nobody. */
export const matchesNothing = (query: AccountQuery) => query.q !== undefined && textBranches(query.q).length === 0;

/** The one tenant a query searches, when it searches one: the first names are looked up in it. */
function tenantOf(query: AccountQuery): string | undefined {
  if (query.tenantId) return query.tenantId;
  if (query.roots === 'all') return undefined;
  const tenants = new Set(query.roots.map((p) => p.split('/')[1]));
  return tenants.size === 1 ? [...tenants][0] : undefined;
}

/**
 * The reach as organization ids and, for a text query, the first names under each of its prefixes:
 * looked up once, so the page and the count share them.
 */
export async function resolveQuery(db: Executor, query: AccountQuery): Promise<AccountQuery> {
  const orgIds = await resolveOrgIds(db, query);
  const resolved: AccountQuery = { ...query, orgIds };
  if (!query.q || orgIds?.length === 0) return resolved;
  const prefixes = query.firstNames === undefined ? firstNamePrefixes(query.q) : [];
  // Independent lookups, side by side (on PostgreSQL, two connections: one round trip of waiting instead of two).
  const [firstNames, branchSizes] = await Promise.all([
    prefixes.length ? firstNamesStartingWith(db, tenantOf(query), prefixes) : query.firstNames,
    query.sort === 'name' && !query.branchSizes
      ? sizeBranches(db, resolved, (b) => b.lead === 'accounts.emailKey' || b.lead === 'accounts.usernameKey')
      : query.branchSizes,
  ]);
  return { ...resolved, firstNames, branchSizes };
}

/**
 * How many rows each chosen text branch matches, counting at most `walkThreshold`: neither planner can know
 * (SQLite has no statistics; PostgreSQL misjudges prefixes and `username_key <> email_key`), so this decides
 * whether a branch sorts its own range or walks the name index, the same way on both. One statement.
 */
async function sizeBranches(db: Executor, query: AccountQuery, which: (b: TextBranch) => boolean): Promise<Map<string, number>> {
  const sized = textBranches(query.q as string).filter(which);
  const sizes = new Map<string, number>();
  if (sized.length === 0) return sizes;
  const row = (await db
    .selectNoFrom(
      sized.map((b, i) =>
        db
          .selectFrom(
            base(db, query, query.orgIds ?? null)
              .where((eb) => b.match(eb))
              .select(sql<number>`1`.as('one'))
              .limit(walkThreshold)
              .as('c'),
          )
          .select((eb) => eb.fn.countAll().as('n'))
          .as(`n${i}`),
      ),
    )
    .executeTakeFirst()) as Record<string, unknown> | undefined;
  sized.forEach((b, i) => sizes.set(b.lead, toNumber(row?.[`n${i}`])));
  return sizes;
}

function sortExpression(column: SortColumn, hide: boolean): RawBuilder<unknown> {
  if (column === 'accounts.lastActivityAt') return sql`coalesce(accounts.last_activity_at, '')`;
  return hide ? hidden(column) : sql`${sql.ref(column)}`;
}

/** Keyset position: rows strictly after (or before) the last row of the previous page. */
function afterCursor(qb: AccountsSelect, query: AccountQuery, columns: readonly SortColumn[]): AccountsSelect {
  const after = query.after;
  if (!after) return qb;
  const op = query.direction === 'asc' ? '>' : '<';
  return qb.where((eb) =>
    eb(eb.refTuple(...(columns as [SortColumn, SortColumn])), op, eb.tuple(...(after.map((v) => v ?? '') as [string, string]))),
  );
}

/**
 * The name-order cursor restated for rows of one first name, in the columns of the first-name index
 * (last name, id), so the range starts at the cursor instead of being read from its beginning.
 */
function afterCursorForFirstName(qb: AccountsSelect, query: AccountQuery, name: string): AccountsSelect {
  const after = query.after;
  if (!after) return qb;
  const [last, first, id] = after.map((v) => v ?? '') as [string, string, string];
  const asc = query.direction === 'asc';
  const strict = asc ? '>' : '<';
  if (name === first) return qb.where((eb) => eb(eb.refTuple('accounts.lastNameKey', 'accounts.id'), strict, eb.tuple(last, id)));
  // Same last name: this first name sorts after the cursor's (asc) or before it, and so do all its rows, or none.
  const sameLastFollows = asc ? name > first : name < first;
  return qb.where('accounts.lastNameKey', sameLastFollows ? (asc ? '>=' : '<=') : strict, last);
}

interface PageBranch {
  where?: (eb: AccountsEB) => Expression<SqlBool>;
  /** Sort the branch's own index range (`sort`), or walk the first sort column's index and filter (`walk`). */
  hint?: 'sort' | 'walk';
  /** Rows of one first name: an ordered range of the first-name index, its cursor restated for it. */
  firstName?: string;
}

/**
 * The branches of a text page in name order. A last-name prefix is one ordered range; a first-name prefix (alone or in
 * a two-word query) one ordered range per first name under it. The others (emails no name explains, usernames, a prefix
 * under too many first names) walk the name index or sort their own range, as their capped count says.
 */
async function textPageBranches(db: Executor, query: AccountQuery, orgIds: string[] | null): Promise<PageBranch[]> {
  const branches = textBranches(query.q as string);
  const merged = (b: TextBranch) => (b.byFirstName ? query.firstNames?.get(b.byFirstName.prefix) : undefined);
  const sized = branches.filter((b) => b.lead !== 'accounts.lastNameKey' && !merged(b));
  // Sized when the query was resolved; a first-name prefix under too many names to merge is sized here.
  const known = query.branchSizes ?? new Map<string, number>();
  const missing = sized.filter((b) => !known.has(b.lead));
  const sizes = missing.length ? new Map([...known, ...(await sizeBranches(db, { ...query, orgIds }, (b) => missing.includes(b)))]) : known;
  return branches.flatMap((b): PageBranch[] => {
    const names = merged(b);
    if (names && b.byFirstName) {
      const rest = b.byFirstName.rest;
      return names.map((name) => ({
        where: (eb) => {
          const condition = rest(eb);
          const same = eb('accounts.firstNameKey', '=', name);
          return condition ? eb.and([same, condition]) : same;
        },
        firstName: name,
      }));
    }
    if (b.lead === 'accounts.lastNameKey') return [{ where: (eb) => b.match(eb) }];
    // A branch that matches nobody (most often: the emails no name explains) is left out of the statement.
    if (sizes.get(b.lead) === 0) return [];
    return (sizes.get(b.lead) ?? 0) >= walkThreshold
      ? [{ where: (eb) => b.match(eb, true), hint: 'walk' }]
      : [{ where: (eb) => b.match(eb), hint: 'sort' }];
  });
}

/**
 * The page's branches. Text: see `textPageBranches`; in another order than by name, each way of matching
 * as it is. No text, in a subtree: one per organization × status, so each is an ordered range of the
 * org/status index rather than a sort of the whole subtree.
 */
async function pageBranches(db: Executor, query: AccountQuery, orgIds: string[] | null): Promise<PageBranch[]> {
  if (query.q) {
    if (query.sort === 'name') return textPageBranches(db, query, orgIds);
    return textBranches(query.q).map((b) => ({ where: (eb) => b.match(eb) }));
  }
  const pairs = organizationStatusPairs(query, orgIds);
  if (!pairs || pairs.length === 1) return [{}];
  return pairs.map(({ orgId, status }): PageBranch => ({
    where: (eb) => eb.and([eb('accounts.orgId', '=', orgId), eb('accounts.status', '=', status)]),
  }));
}

/**
 * Each organization of the reach with each status searched, where they are few enough to read as one range of the
 * organization/status index apiece (the page without text, and the last-name part of a text count); null otherwise.
 */
export function organizationStatusPairs(query: AccountQuery, orgIds: string[] | null): Array<{ orgId: string; status: string }> | null {
  if (!orgIds) return null;
  const statuses = query.statuses?.length ? query.statuses : accountStatuses;
  if (orgIds.length * statuses.length > maxPairBranches) return null;
  return orgIds.flatMap((orgId) => statuses.map((status) => ({ orgId, status })));
}

/**
 * How to read one page. `range`: the page is a single index range (no text; one organization × status,
 * a few of them listed, or whole tenants), so the caller's own select of full rows is narrowed and ordered
 * directly — one statement, each row read once. `ids`: the ids of the top `limit` of each branch, merged
 * and cut again to `limit`, for the caller to fetch.
 */
export type PagePlan =
  { kind: 'range'; narrow<T>(select: T): T } | { kind: 'ids'; ids: SelectQueryBuilder<Database, never, { id: string }> };

export async function planPage(db: Executor, query: AccountQuery): Promise<PagePlan | null> {
  if (matchesNothing(query)) return null;
  const orgIds = await resolveOrgIds(db, query);
  if (orgIds?.length === 0) return null;
  const columns = sortColumns[query.sort];
  const branches = await pageBranches(db, query, orgIds);
  if (branches.length === 0) return null;
  const filtered = (branch: PageBranch, from?: AccountsSelect) => {
    const qb =
      branch.firstName === undefined
        ? afterCursor(base(db, query, orgIds, from), query, columns)
        : afterCursorForFirstName(base(db, query, orgIds, from), query, branch.firstName);
    return branch.where ? qb.where(branch.where) : qb;
  };
  const ordered = <T extends AccountsSelect>(qb: T, hideFirst: boolean): T => {
    let out = qb;
    columns.forEach((c, i) => {
      out = out.orderBy(sortExpression(c, hideFirst && i === 0), query.direction) as T;
    });
    return out;
  };
  const only = branches[0] as PageBranch;
  if (branches.length === 1 && !only.hint) {
    return {
      kind: 'range',
      // The caller's select joins the organization; its `accounts` columns are the ones filtered and ordered.
      narrow: <T>(select: T) => ordered(filtered(only, select as unknown as AccountsSelect), false).limit(query.limit) as unknown as T,
    };
  }
  const tops = branches.map((branch) => {
    const keyed = filtered(branch).select((eb) => [
      eb.ref('accounts.id').as('id'),
      ...columns.map((c, i) => sortExpression(c, false).as(`s${i}`)),
    ]);
    return ordered(keyed as unknown as AccountsSelect, branch.hint === 'sort').limit(query.limit);
  });
  // UNION, not UNION ALL: a row matched by two branches must take one place on the page.
  // Every branch yields the same row shape, (id, s0…sN); Kysely cannot type a union of derived tables.
  /* eslint-disable @typescript-eslint/no-explicit-any -- the union of derived tables has no Kysely type; its shape is fixed above */
  const parts = tops.map((top, i) => db.selectFrom(top.as(`b${i}`) as any).selectAll() as SelectQueryBuilder<any, any, any>);
  const union = parts.slice(1).reduce((acc, part) => acc.union(part), parts[0] as SelectQueryBuilder<any, any, any>);
  let merged = db.selectFrom(union.as('u') as any).select(sql<string>`u.id`.as('id')) as SelectQueryBuilder<any, any, any>;
  /* eslint-enable @typescript-eslint/no-explicit-any */
  columns.forEach((_, i) => {
    merged = merged.orderBy(sql.ref(`u.s${i}`), query.direction);
  });
  return { kind: 'ids', ids: merged.limit(query.limit) as unknown as SelectQueryBuilder<Database, never, { id: string }> };
}
