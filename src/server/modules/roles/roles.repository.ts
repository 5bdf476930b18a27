import { PostgresAdapter, sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { RoleRow } from '../../db/schema.ts';
import { toNumber } from '../../db/transaction.ts';
import { insertRows } from '../../db/bulk-insert.ts';

export interface AssignmentWithRole {
  grantId: string;
  roleKey: string;
  roleLabel: string;
  permissions: string;
  mayGrant: string;
  mayInvite: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  accountId: string;
}

/**
 * Every role an account holds, as JSON text inside the statement that reads the account: `[[grantId, roleKey,
 * roleLabel, orgId, orgName, orgPath], …]`, in no set order. A list page reads its accounts' roles this way, in
 * its own round trip, instead of a second statement with the page's ids (a round trip and 50 index seeks more).
 * `accountId` names the outer query's account id column.
 */
export function heldRolesJson(db: Executor, accountId: string): RawBuilder<string> {
  const grants = sql`from role_assignments ra join roles r on r.id = ra.role_id join organizations o on o.id = ra.org_id where ra.account_id = ${sql.ref(accountId)}`;
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`coalesce((select json_agg(json_build_array(ra.id, r.key, r.label, o.id, o.name, o.path))::text ${grants}), '[]')`
    : sql<string>`(select json_group_array(json_array(ra.id, r.key, r.label, o.id, o.name, o.path)) ${grants})`;
}

/** Accounts that hold a place against a per-organization limit: pending invitations count, expired and archived do not. */
const liveStatuses = ['active', 'invited'];

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

  /** Live holders (active or invited accounts) per "roleId:orgId". */
  async holderCounts(db: Executor, tenantId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('roleAssignments as ra')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .select(['ra.roleId', 'ra.orgId', (eb) => eb.fn.countAll().as('n')])
      .where('ra.tenantId', '=', tenantId)
      .where('a.status', 'in', liveStatuses)
      .groupBy(['ra.roleId', 'ra.orgId'])
      .execute();
    return new Map(rows.map((r) => [`${r.roleId}:${r.orgId}`, toNumber(r.n)]));
  }

  /** Live holders of a role at one organization, leaving out `exceptAccountId` when given. */
  async countAtOrg(db: Executor, roleId: string, orgId: string, exceptAccountId?: string): Promise<number> {
    let query = db
      .selectFrom('roleAssignments as ra')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('ra.roleId', '=', roleId)
      .where('ra.orgId', '=', orgId)
      .where('a.status', 'in', liveStatuses);
    if (exceptAccountId) query = query.where('ra.accountId', '!=', exceptAccountId);
    return toNumber((await query.executeTakeFirst())?.n);
  }

  /** Assignments of a role in any state, to tell a held role (retire it) from an unused one (delete it). */
  async countAssignments(db: Executor, roleId: string): Promise<number> {
    const row = await db
      .selectFrom('roleAssignments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('roleId', '=', roleId)
      .executeTakeFirst();
    const invited = await db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('roleId', '=', roleId)
      .executeTakeFirst();
    return toNumber(row?.n) + toNumber(invited?.n);
  }

  /**
   * Holds the role's row until the transaction ends, so two grants of a limited role count one after
   * the other. PostgreSQL needs the row lock; SQLite already runs one writing transaction at a time.
   */
  async lockForGrant(db: Executor, roleId: string): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await db.selectFrom('roles').select('id').where('id', '=', roleId).forUpdate().execute();
  }

  async insert(db: Executor, role: RoleRow): Promise<void> {
    await db.insertInto('roles').values(role).execute();
  }

  async update(db: Executor, id: string, changes: Partial<RoleRow>): Promise<void> {
    await db.updateTable('roles').set(changes).where('id', '=', id).execute();
  }

  async delete(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('roles').where('id', '=', id).execute();
  }

  async getAssignment(
    db: Executor,
    id: string,
  ): Promise<{ id: string; accountId: string; roleId: string; orgId: string; tenantId: string } | undefined> {
    return db
      .selectFrom('roleAssignments')
      .select(['id', 'accountId', 'roleId', 'orgId', 'tenantId'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async findAssignment(db: Executor, accountId: string, roleId: string, orgId: string): Promise<string | undefined> {
    const row = await db
      .selectFrom('roleAssignments')
      .select('id')
      .where('accountId', '=', accountId)
      .where('roleId', '=', roleId)
      .where('orgId', '=', orgId)
      .executeTakeFirst();
    return row?.id;
  }

  async deleteAssignment(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('roleAssignments').where('id', '=', id).execute();
  }

  /** Live holders per role across the tenant. */
  async holdersByRole(db: Executor, tenantId: string): Promise<Map<string, number>> {
    const rows = await db
      .selectFrom('roleAssignments as ra')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .select(['ra.roleId', (eb) => eb.fn.count<number>('ra.accountId').distinct().as('n')])
      .where('ra.tenantId', '=', tenantId)
      .where('a.status', 'in', liveStatuses)
      .groupBy('ra.roleId')
      .execute();
    return new Map(rows.map((r) => [r.roleId, toNumber(r.n)]));
  }

  async deleteAssignments(db: Executor, ids: readonly string[]): Promise<void> {
    if (ids.length > 0)
      await db
        .deleteFrom('roleAssignments')
        .where('id', 'in', [...ids])
        .execute();
  }

  /**
   * Which role each of these accounts holds where: ids only, read from the unique index (account, role,
   * organization) alone; the caller knows the roles and organizations behind them.
   */
  async heldBy(db: Executor, accountIds: readonly string[]): Promise<Array<{ accountId: string; roleId: string; orgId: string }>> {
    const out: Array<{ accountId: string; roleId: string; orgId: string }> = [];
    // A plan's whole batch at once: PostgreSQL reads 100k assignments in one pass for 1,000 ids as for 5,000
    // (its choice at that size), so five statements of 1,000 cost it four times as much (measured).
    for (let i = 0; i < accountIds.length; i += 5000) {
      const rows = await db
        .selectFrom('roleAssignments')
        .select(['accountId', 'roleId', 'orgId'])
        .where('accountId', 'in', accountIds.slice(i, i + 5000))
        .execute();
      for (const row of rows) out.push(row);
    }
    return out;
  }

  /** Role assignments of the given accounts with the role and organization they refer to. */
  async assignmentsOf(db: Executor, accountIds: readonly string[]): Promise<AssignmentWithRole[]> {
    if (accountIds.length === 0) return [];
    return db
      .selectFrom('roleAssignments as ra')
      .innerJoin('roles as r', 'r.id', 'ra.roleId')
      .innerJoin('organizations as o', 'o.id', 'ra.orgId')
      .select([
        'ra.id as grantId',
        'ra.accountId as accountId',
        'r.key as roleKey',
        'r.label as roleLabel',
        'r.permissions as permissions',
        'r.mayGrant as mayGrant',
        'r.mayInvite as mayInvite',
        'o.id as orgId',
        'o.name as orgName',
        'o.path as orgPath',
      ])
      .where('ra.accountId', 'in', [...accountIds])
      .orderBy('o.path')
      .execute();
  }
}
