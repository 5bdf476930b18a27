import { sql, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { toNumber } from '../../db/transaction.ts';
import type { AccountQuery, FirstNames } from './account-query.ts';
import { base, matchesNothing, organizationStatusPairs, resolveOrgIds, type AccountsSelect } from './account-search-sql.ts';
import { textBranches, type TextBranch } from './account-text-sql.ts';

/*
 * Counting account matches: a filter alone is one index range; a text query is the sum of its branches'
 * disjoint parts (each counts only the rows no earlier branch matched), each read from a covering index.
 */

type AccountsEB = ExpressionBuilder<Database, 'accounts'>;

/**
 * A branch's condition for counting: with its first names known, `first_name_key in (…)` lets both
 * databases seek each name in the first-name index (and its last-name range) instead of ranging over
 * the last-name index and testing every entry.
 */
function countMatch(branch: TextBranch, names: FirstNames | undefined) {
  const listed = branch.byFirstName && names?.get(branch.byFirstName.prefix);
  if (!listed) return (eb: AccountsEB) => branch.match(eb);
  if (listed.length === 0) return () => sql<SqlBool>`1 = 0`;
  return (eb: AccountsEB) => eb.and([eb('accounts.firstNameKey', 'in', [...listed]), branch.match(eb)]);
}

/** Each text branch's own matches: the rows no earlier branch matched, so the parts add up to the total. */
function countParts(db: Executor, query: AccountQuery, orgIds: string[] | null): AccountsSelect[] {
  // A branch already sized at 0 adds nothing and excludes nothing from the parts after it.
  const branches = textBranches(query.q as string).filter((b) => query.branchSizes?.get(b.lead) !== 0);
  return branches.flatMap((branch, i) => {
    const part = base(db, query, orgIds).where((eb) =>
      eb.and([countMatch(branch, query.firstNames)(eb), ...branches.slice(0, i).map((earlier) => eb.not(earlier.match(eb)))]),
    );
    return i === 0 && branch.lead === 'accounts.lastNameKey' ? byOrganizationAndStatus(part, query, orgIds) : [part];
  });
}

/**
 * A last-name range in a few organizations, as one exact range of the organization/status index per organization
 * and status (that index continues with the last name): the tenant's last-name index holds every county's "mar…"
 * and a county administrator's count read them all to find its own (~56,000 entries for ~900 at 1M accounts).
 */
function byOrganizationAndStatus(part: AccountsSelect, query: AccountQuery, orgIds: string[] | null): AccountsSelect[] {
  const pairs = organizationStatusPairs(query, orgIds);
  if (!pairs) return [part];
  return pairs.map(({ orgId, status }) => part.where('accounts.orgId', '=', orgId).where('accounts.status', '=', status));
}

/** Exact count: each text branch counts the rows that no earlier branch matched, from its covering index. */
export async function countAccounts(db: Executor, query: AccountQuery): Promise<number> {
  if (matchesNothing(query)) return 0;
  const orgIds = await resolveOrgIds(db, query);
  if (orgIds?.length === 0) return 0;
  const countOf = (qb: AccountsSelect) => qb.select((eb) => eb.fn.countAll().as('n'));
  if (!query.q) return toNumber((await countOf(base(db, query, orgIds)).executeTakeFirst())?.n);
  const parts = countParts(db, query, orgIds);
  // One statement, so every part counts the same snapshot.
  const row = (await db.selectNoFrom(parts.map((part, i) => countOf(part).as(`n${i}`))).executeTakeFirst()) as
    Record<string, unknown> | undefined;
  return parts.reduce((sum, _, i) => sum + toNumber(row?.[`n${i}`]), 0);
}

/**
 * Count that stops after `cap` + 1 matches, so a common prefix or a large domain costs about that many
 * index entries instead of all of them. Text branches count disjoint parts (see `countParts`). The result
 * is exact when it is at most `cap`; above it, it only means "more than cap".
 */
export async function countAccountsUpTo(db: Executor, query: AccountQuery, cap: number): Promise<number> {
  if (matchesNothing(query)) return 0;
  const orgIds = await resolveOrgIds(db, query);
  if (orgIds?.length === 0) return 0;
  const parts = query.q ? countParts(db, query, orgIds) : [base(db, query, orgIds)];
  // Every branch of the text already sized at 0 (an email-like query no email starts with): nothing to count.
  if (parts.length === 0) return 0;
  // The parts are disjoint, so their UNION ALL counts each match once; under one LIMIT, both databases read the parts
  // in order and stop at the cap: a last-name range past it (the first part holds most matches) leaves the others
  // unread, and a smaller one leaves the others only what is left of the cap. One statement, one snapshot.
  const ones = parts.map((part) => part.select(sql<number>`1`.as('one')));
  const union = ones.slice(1).reduce((acc, part) => acc.unionAll(part), ones[0] as (typeof ones)[number]);
  const row = await db
    .selectFrom(union.limit(cap + 1).as('c'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return toNumber(row?.n);
}
