import type { Executor } from '../../db/connection.ts';
import type { GroupRow } from '../../db/schema.ts';
import { sql, type SqlBool } from 'kysely';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';

import type { GroupMatch, GroupWithOrg } from './group-record.ts';

export type { GroupWithOrg, GroupMatch };

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

  async rename(db: Executor, id: string, name: string, nameKey: string, at: string): Promise<void> {
    await db.updateTable('groups').set({ name, nameKey, updatedAt: at }).where('id', '=', id).execute();
  }

  /** A membership change is a change of the group: its version (updatedAt) moves. */
  async touch(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('groups').set({ updatedAt: at }).where('id', '=', id).execute();
  }

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('groupMembers').where('groupId', '=', id).execute();
    await db.deleteFrom('groups').where('id', '=', id).execute();
  }

  /** One page of the groups in one tenant under the given paths, matching a name or id test, oldest first, and the total. */
  async filteredPage(
    db: Executor,
    query: { tenantId: string; roots: 'all' | readonly string[]; match?: GroupMatch; offset: number; limit: number },
  ): Promise<{ rows: GroupWithOrg[]; total: number }> {
    const { roots, match } = query;
    if (roots !== 'all' && roots.length === 0) return { rows: [], total: 0 };
    let base = db.selectFrom('groups as g').innerJoin('organizations as o', 'o.id', 'g.orgId').where('g.tenantId', '=', query.tenantId);
    if (roots !== 'all') {
      base = base.where((eb) => eb.or(roots.map((p) => eb.and([eb('o.path', '>=', p), eb('o.path', '<', prefixUpperBound(p))]))));
    }
    if (match) {
      const column = match.field === 'id' ? 'g.id' : 'g.nameKey';
      const escaped = match.value.replace(/[\\%_]/g, (c) => `\\${c}`);
      const like = (pattern: string) => sql<SqlBool>`${sql.ref(column)} like ${pattern} escape '\\'`;
      const test = {
        eq: sql<SqlBool>`${sql.ref(column)} = ${match.value}`,
        ne: sql<SqlBool>`${sql.ref(column)} <> ${match.value}`,
        co: like(`%${escaped}%`),
        sw: like(`${escaped}%`),
        ew: like(`%${escaped}`),
        pr: sql<SqlBool>`1 = 1`,
      }[match.op];
      base = base.where(test);
    }
    const ids = await base.select('g.id').orderBy('g.createdAt').orderBy('g.id').limit(query.limit).offset(query.offset).execute();
    const count = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    const rows =
      ids.length === 0
        ? []
        : (
            await this.select(db)
              .where(
                'g.id',
                'in',
                ids.map((r) => r.id),
              )
              .orderBy('g.createdAt')
              .orderBy('g.id')
              .execute()
          ).map(withCount);
    return { rows, total: toNumber(count?.n) };
  }

  /** The member ids of several groups at once. */
  async memberIdsOf(db: Executor, groupIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(groupIds.map((id) => [id, []]));
    if (groupIds.length === 0) return out;
    const rows = await db
      .selectFrom('groupMembers')
      .select(['groupId', 'accountId'])
      .where('groupId', 'in', [...groupIds])
      .execute();
    for (const row of rows) out.get(row.groupId)?.push(row.accountId);
    return out;
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
