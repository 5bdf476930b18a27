import type { Executor } from '../../db/connection.ts';
import type { RoleRow } from '../../db/schema.ts';
import { toNumber } from '../../db/transaction.ts';
import { insertRows } from '../../db/bulk-insert.ts';

export interface AssignmentWithRole {
  assignmentId: string;
  roleKey: string;
  roleLabel: string;
  permissions: string;
  mayGrant: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  accountId: string;
}

export class RolesRepository {
  async insertMany(db: Executor, roles: RoleRow[]): Promise<void> {
    if (roles.length) await db.insertInto('roles').values(roles).execute();
  }

  async getByKey(db: Executor, tenantId: string, key: string): Promise<RoleRow | undefined> {
    return db.selectFrom('roles').selectAll().where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  }

  async listByTenant(db: Executor, tenantId: string): Promise<RoleRow[]> {
    return db.selectFrom('roles').selectAll().where('tenantId', '=', tenantId).orderBy('key').execute();
  }

  async assign(
    db: Executor,
    row: { id: string; tenantId: string; accountId: string; roleId: string; orgId: string; createdAt: string },
  ): Promise<void> {
    await db
      .insertInto('roleAssignments')
      .values(row)
      .onConflict((oc) => oc.columns(['accountId', 'roleId', 'orgId']).doNothing())
      .execute();
  }

  async assignMany(
    db: Executor,
    rows: Array<{ id: string; tenantId: string; accountId: string; roleId: string; orgId: string; createdAt: string }>,
  ): Promise<void> {
    await insertRows(db, 'role_assignments', rows, { onConflictDoNothing: true });
  }

  async holderCounts(db: Executor, tenantId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('roleAssignments')
      .select(['roleId', 'orgId', (eb) => eb.fn.countAll().as('n')])
      .where('tenantId', '=', tenantId)
      .groupBy(['roleId', 'orgId'])
      .execute();
    return new Map(rows.map((r) => [`${r.roleId}:${r.orgId}`, toNumber(r.n)]));
  }

  async countAtOrg(db: Executor, roleId: string, orgId: string): Promise<number> {
    const row = await db
      .selectFrom('roleAssignments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('roleId', '=', roleId)
      .where('orgId', '=', orgId)
      .executeTakeFirst();
    return toNumber(row?.n);
  }

  async deleteAssignments(db: Executor, ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await db
        .deleteFrom('roleAssignments')
        .where('id', 'in', [...ids])
        .execute();
  }

  /** Role assignments of the given accounts with the role and organization they refer to. */
  async assignmentsOf(db: Executor, accountIds: readonly string[]): Promise<AssignmentWithRole[]> {
    if (accountIds.length === 0) return [];
    return db
      .selectFrom('roleAssignments as ra')
      .innerJoin('roles as r', 'r.id', 'ra.roleId')
      .innerJoin('organizations as o', 'o.id', 'ra.orgId')
      .select([
        'ra.id as assignmentId',
        'ra.accountId as accountId',
        'r.key as roleKey',
        'r.label as roleLabel',
        'r.permissions as permissions',
        'r.mayGrant as mayGrant',
        'o.id as orgId',
        'o.name as orgName',
        'o.path as orgPath',
      ])
      .where('ra.accountId', 'in', [...accountIds])
      .orderBy('o.path')
      .execute();
  }
}
