import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import type { SeatContractRow, SeatContractsTable, SeatSnapshotsTable } from '../../db/schema.ts';
import { prefixUpperBound, toNumber } from '../../db/transaction.ts';

export interface Usage {
  active: number;
  invited: number;
}

export class SeatsRepository {
  async insert(db: Executor, row: SeatContractRow): Promise<void> {
    await db.insertInto('seatContracts').values(row).execute();
  }

  async get(db: Executor, id: string): Promise<SeatContractRow | undefined> {
    return db.selectFrom('seatContracts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(db: Executor, id: string, changes: Partial<SeatContractsTable>): Promise<void> {
    await db.updateTable('seatContracts').set(changes).where('id', '=', id).execute();
  }

  /** Contracts held at organizations under any of `roots` ('all': every one), newest first. */
  async list(db: Executor, roots: 'all' | readonly string[], tenantId?: string): Promise<SeatContractRow[]> {
    if (roots !== 'all' && roots.length === 0) return [];
    let query = db.selectFrom('seatContracts').selectAll();
    if (tenantId) query = query.where('tenantId', '=', tenantId);
    if (roots !== 'all') {
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('orgPath', '>=', p), eb('orgPath', '<', prefixUpperBound(p))]))));
    }
    return query.orderBy('orgPath').orderBy('startsOn', 'desc').limit(1000).execute();
  }

  /** Contracts in force on `day` at the organization at `path` or above it. */
  async covering(db: Executor, tenantId: string, path: string, day: string): Promise<SeatContractRow[]> {
    const rows = await db
      .selectFrom('seatContracts')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .where('startsOn', '<=', day)
      .where('endsOn', '>=', day)
      .execute();
    return rows.filter((c) => path.startsWith(c.orgPath)).sort((a, b) => a.id.localeCompare(b.id));
  }

  /**
   * Holds the contract's row until the transaction ends, so two requests for its last seat take turns:
   * the second counts after the first committed. SQLite needs nothing (one writer at a time).
   */
  async lock(db: Executor, id: string): Promise<void> {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`select id from seat_contracts where id = ${id} for update`.execute(db);
  }

  /** Accounts holding a seat in the subtree at `path`: active, and invited (not yet expired). */
  async usage(db: Executor, tenantId: string, path: string): Promise<Usage> {
    const rows = await db
      .selectFrom('accounts')
      .innerJoin('organizations as o', 'o.id', 'accounts.orgId')
      .select(['accounts.status', (eb) => eb.fn.countAll().as('n')])
      .where('accounts.tenantId', '=', tenantId)
      .where('o.path', '>=', path)
      .where('o.path', '<', prefixUpperBound(path))
      .where('accounts.status', 'in', ['active', 'invited'])
      .groupBy('accounts.status')
      .execute();
    return usageOf(rows);
  }

  /** The same, for the accounts placed at the organization itself. */
  async usageAt(db: Executor, tenantId: string, orgId: string): Promise<Usage> {
    const rows = await db
      .selectFrom('accounts')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      // With its tenant, the count is one range of the (tenant, org, status) index, not a walk of every account.
      .where('tenantId', '=', tenantId)
      .where('orgId', '=', orgId)
      .where('status', 'in', ['active', 'invited'])
      .groupBy('status')
      .execute();
    return usageOf(rows);
  }

  async children(db: Executor, orgId: string): Promise<{ id: string; name: string; path: string }[]> {
    return db.selectFrom('organizations').select(['id', 'name', 'path']).where('parentId', '=', orgId).orderBy('name').limit(200).execute();
  }

  async saveSnapshot(db: Executor, row: SeatSnapshotsTable): Promise<void> {
    await db
      .insertInto('seatSnapshots')
      .values(row)
      .onConflict((oc) => oc.columns(['contractId', 'day']).doUpdateSet({ active: row.active, invited: row.invited, seats: row.seats }))
      .execute();
  }

  async snapshots(db: Executor, contractId: string): Promise<SeatSnapshotsTable[]> {
    return db.selectFrom('seatSnapshots').selectAll().where('contractId', '=', contractId).orderBy('day').limit(5000).execute();
  }

  /** Active holders of the administrator role at the organization itself, who are told when its seats run low. */
  async administratorsOf(db: Executor, orgId: string): Promise<{ id: string; email: string; firstName: string; lastName: string }[]> {
    return db
      .selectFrom('roleAssignments as ra')
      .innerJoin('roles as r', 'r.id', 'ra.roleId')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .select(['a.id', 'a.email', 'a.firstName', 'a.lastName'])
      .where('ra.orgId', '=', orgId)
      .where('r.key', '=', 'admin')
      .where('a.status', '=', 'active')
      .limit(50)
      .execute();
  }
}

function usageOf(rows: { status: string; n: unknown }[]): Usage {
  const count = (status: string) => toNumber(rows.find((r) => r.status === status)?.n);
  return { active: count('active'), invited: count('invited') };
}
