import type { Executor } from '../../db/connection.ts';
import type { GroupRow } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';

import type { GroupWithOrg } from './group-record.ts';

export type { GroupWithOrg };

export class GroupsRepository {
  async insert(db: Executor, row: GroupRow): Promise<void> {
    await db.insertInto('groups').values(row).execute();
  }

  async getById(db: Executor, id: string): Promise<GroupWithOrg | undefined> {
    const rows = await this.select(db).where('g.id', '=', id).execute();
    return rows.map(withCount)[0];
  }

  async getByName(db: Executor, orgId: string, nameKey: string): Promise<GroupRow | undefined> {
    return db.selectFrom('groups').selectAll().where('orgId', '=', orgId).where('nameKey', '=', nameKey).executeTakeFirst();
  }

  /** Groups whose organization lies under one of the given paths, by organization then name. */
  async listUnderPaths(db: Executor, tenantId: string | null, roots: 'all' | readonly string[]): Promise<GroupWithOrg[]> {
    if (roots !== 'all' && roots.length === 0) return [];
    let query = this.select(db);
    if (tenantId) query = query.where('g.tenantId', '=', tenantId);
    if (roots !== 'all') {
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('o.path', '>=', p), eb('o.path', '<', prefixUpperBound(p))]))));
    }
    return (await query.orderBy('o.path').orderBy('g.nameKey').limit(2000).execute()).map(withCount);
  }

  async members(db: Executor, groupId: string) {
    return db
      .selectFrom('groupMembers as m')
      .innerJoin('accounts as a', 'a.id', 'm.accountId')
      .select(['a.id', 'a.firstName', 'a.lastName', 'a.email', 'a.status'])
      .where('m.groupId', '=', groupId)
      .orderBy('a.lastNameKey')
      .orderBy('a.firstNameKey')
      .limit(5000)
      .execute();
  }

  async isMember(db: Executor, groupId: string, accountId: string): Promise<boolean> {
    const row = await db
      .selectFrom('groupMembers')
      .select('groupId')
      .where('groupId', '=', groupId)
      .where('accountId', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async addMember(db: Executor, row: { groupId: string; accountId: string; addedAt: string }): Promise<void> {
    await db
      .insertInto('groupMembers')
      .values(row)
      .onConflict((oc) => oc.columns(['groupId', 'accountId']).doNothing())
      .execute();
  }

  async removeMember(db: Executor, groupId: string, accountId: string): Promise<number> {
    const result = await db.deleteFrom('groupMembers').where('groupId', '=', groupId).where('accountId', '=', accountId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private select(db: Executor) {
    return db
      .selectFrom('groups as g')
      .innerJoin('organizations as o', 'o.id', 'g.orgId')
      .selectAll('g')
      .select(['o.name as orgName', 'o.path as orgPath'])
      .select((eb) =>
        eb
          .selectFrom('groupMembers as m')
          .select((e) => e.fn.countAll().as('n'))
          .whereRef('m.groupId', '=', 'g.id')
          .as('memberCount'),
      );
  }
}

/** PostgreSQL answers counts as text (bigint); both databases give numbers here. */
const withCount = <T extends { memberCount: unknown }>(row: T): Omit<T, 'memberCount'> & { memberCount: number } => ({
  ...row,
  memberCount: toNumber(row.memberCount),
});
