import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { InactivityNoticesTable } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';

export interface InactiveRow {
  id: string;
  tenantId: string;
  email: string;
  username: string;
  firstName: string;
  lastName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  lastActivityAt: string | null;
  inactiveSince: string;
  noticedAt: string | null;
  noticedSince: string | null;
}

/** Since when an account has not been used: its last activity, or its creation when it never had any. */
const since = sql<string>`coalesce(a.last_activity_at, a.created_at)`;

export class InactivityRepository {
  /** Active accounts of the tenant unused since before `cutoff`, longest unused first, in the subtrees `roots`. */
  async inactive(
    db: Executor,
    query: { tenantId: string; roots: 'all' | readonly string[]; cutoff: string; after?: [string, string]; limit: number },
  ): Promise<InactiveRow[]> {
    const { roots, after } = query;
    let qb = db
      .selectFrom('accounts as a')
      .innerJoin('organizations as o', 'o.id', 'a.orgId')
      .leftJoin('inactivityNotices as n', 'n.accountId', 'a.id')
      .select([
        'a.id',
        'a.tenantId',
        'a.email',
        'a.username',
        'a.firstName',
        'a.lastName',
        'a.orgId',
        'o.name as orgName',
        'o.path as orgPath',
        'a.lastActivityAt',
        since.as('inactiveSince'),
        'n.noticedAt',
        'n.inactiveSince as noticedSince',
      ])
      .where('a.tenantId', '=', query.tenantId)
      .where('a.status', '=', 'active')
      .where('a.isGlobalAdmin', '=', 0)
      .where(since, '<', query.cutoff);
    if (roots !== 'all') {
      if (roots.length === 0) return [];
      qb = qb.where((eb) => eb.or(roots.map((p) => eb.and([eb('o.path', '>=', p), eb('o.path', '<', prefixUpperBound(p))]))));
    }
    if (after) qb = qb.where((eb) => eb.or([eb(since, '>', after[0]), eb.and([eb(since, '=', after[0]), eb('a.id', '>', after[1])])]));
    return qb.orderBy(since).orderBy('a.id').limit(query.limit).execute();
  }

  async saveNotices(db: Executor, rows: readonly InactivityNoticesTable[]): Promise<void> {
    for (const row of rows) {
      await db
        .insertInto('inactivityNotices')
        .values(row)
        .onConflict((oc) => oc.column('accountId').doUpdateSet({ inactiveSince: row.inactiveSince, noticedAt: row.noticedAt }))
        .execute();
    }
  }
}
