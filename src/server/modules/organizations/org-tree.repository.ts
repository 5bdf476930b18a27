import { sql } from 'kysely';
import type { Executor } from '../../db/connection.ts';
import { prefixUpperBound } from '../../db/transaction.ts';

/** A role held where a move of `subtree` matters: by someone living in it, or at an organization in it. */
export interface AffectedGrant {
  grantId: string;
  accountId: string;
  roleKey: string;
  roleLabel: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  homePath: string;
}

/** What still refers to an organization, so it cannot be removed. */
export interface OrganizationUsage {
  children: number;
  accounts: number;
  grants: number;
  groups: number;
  invitations: number;
  imports: number;
}

const inSubtree = (column: string, path: string) =>
  sql<boolean>`(${sql.ref(column)} >= ${path} and ${sql.ref(column)} < ${prefixUpperBound(path)})`;

/** The tree's structure changing: moving a subtree (every stored path with it) and removing an empty organization. */
export class OrgTreeRepository {
  async affectedGrants(db: Executor, tenantId: string, subtree: string): Promise<AffectedGrant[]> {
    return db
      .selectFrom('roleAssignments as ra')
      .innerJoin('roles as r', 'r.id', 'ra.roleId')
      .innerJoin('organizations as ro', 'ro.id', 'ra.orgId')
      .innerJoin('accounts as a', 'a.id', 'ra.accountId')
      .innerJoin('organizations as ho', 'ho.id', 'a.orgId')
      .select([
        'ra.id as grantId',
        'ra.accountId',
        'r.key as roleKey',
        'r.label as roleLabel',
        'ra.orgId',
        'ro.name as orgName',
        'ro.path as orgPath',
        'ho.path as homePath',
      ])
      .where('ra.tenantId', '=', tenantId)
      .where((eb) => eb.or([inSubtree('ro.path', subtree), inSubtree('ho.path', subtree)]))
      .execute();
  }

  /**
   * Rewrites every stored path under `from` to start with `to` instead (organizations, imports,
   * invitations), and the moved organization's parent. Depths shift by `depthDelta`.
   */
  async moveSubtree(
    db: Executor,
    move: { tenantId: string; orgId: string; parentId: string; from: string; to: string; depthDelta: number; at: string },
  ): Promise<void> {
    const rest = sql<string>`substr(path, ${move.from.length + 1})`;
    await db
      .updateTable('organizations')
      .set({ path: sql<string>`${move.to} || ${rest}`, depth: sql<number>`depth + ${move.depthDelta}` })
      .where('tenantId', '=', move.tenantId)
      .where(inSubtree('path', move.from))
      .execute();
    await db.updateTable('organizations').set({ parentId: move.parentId, updatedAt: move.at }).where('id', '=', move.orgId).execute();
    const orgRest = sql<string>`substr(org_path, ${move.from.length + 1})`;
    for (const table of ['imports', 'invitations'] as const) {
      await db
        .updateTable(table)
        .set({ orgPath: sql<string>`${move.to} || ${orgRest}` })
        .where('tenantId', '=', move.tenantId)
        .where(inSubtree('org_path', move.from))
        .execute();
    }
  }

  async usage(db: Executor, tenantId: string, orgId: string): Promise<OrganizationUsage> {
    const count = async (
      table: 'organizations' | 'roleAssignments' | 'groups' | 'invitations' | 'imports',
      column: 'parentId' | 'orgId',
    ) => {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where(column, '=', orgId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    };
    return {
      children: await count('organizations', 'parentId'),
      // With its tenant, one range of the accounts' (tenant, org, status) index instead of a walk of all of them.
      accounts: Number(
        (
          await db
            .selectFrom('accounts')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('tenantId', '=', tenantId)
            .where('orgId', '=', orgId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
      grants: await count('roleAssignments', 'orgId'),
      groups: await count('groups', 'orgId'),
      invitations: await count('invitations', 'orgId'),
      imports: await count('imports', 'orgId'),
    };
  }

  async remove(db: Executor, orgId: string): Promise<void> {
    await db.deleteFrom('organizations').where('id', '=', orgId).execute();
  }
}
