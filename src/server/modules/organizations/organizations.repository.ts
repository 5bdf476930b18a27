import type { Executor } from '../../db/connection.ts';
import type { OrganizationRow, TenantsTable } from '../../db/schema.ts';
import { prefixUpperBound } from '../../db/transaction.ts';

export class OrganizationsRepository {
  async insertTenant(db: Executor, tenant: TenantsTable): Promise<void> {
    await db.insertInto('tenants').values(tenant).execute();
  }

  async insert(db: Executor, org: OrganizationRow): Promise<void> {
    await db.insertInto('organizations').values(org).execute();
  }

  async getById(db: Executor, id: string): Promise<OrganizationRow | undefined> {
    return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getManyByIds(db: Executor, ids: readonly string[]): Promise<OrganizationRow[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('organizations')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  /** Every organization under the given path roots (or all of them), ordered as a tree walk. */
  async listUnderPaths(
    db: Executor,
    roots: 'all' | readonly string[],
    filter: { tenantId?: string; q?: string } = {},
  ): Promise<OrganizationRow[]> {
    if (roots !== 'all' && roots.length === 0) return [];
    let query = db.selectFrom('organizations').selectAll();
    if (filter.tenantId) query = query.where('tenantId', '=', filter.tenantId);
    if (roots !== 'all') {
      query = query.where((eb) => eb.or(roots.map((p) => eb.and([eb('path', '>=', p), eb('path', '<', prefixUpperBound(p))]))));
    }
    if (filter.q) query = query.where('name', 'like', `%${filter.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    return query.orderBy('path').limit(5000).execute();
  }

  /** Finds a child of `parentId` by name, compared case-insensitively. */
  async findChildByName(db: Executor, parentId: string, name: string): Promise<OrganizationRow | undefined> {
    const rows = await db.selectFrom('organizations').selectAll().where('parentId', '=', parentId).execute();
    return rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  async findRootByName(db: Executor, name: string): Promise<OrganizationRow | undefined> {
    const rows = await db.selectFrom('organizations').selectAll().where('parentId', 'is', null).execute();
    return rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  async rename(db: Executor, id: string, name: string, updatedAt: string): Promise<void> {
    await db.updateTable('organizations').set({ name, updatedAt }).where('id', '=', id).execute();
  }
}
