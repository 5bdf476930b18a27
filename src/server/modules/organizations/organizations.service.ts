import { Permissions, type Permission } from '../../../common/permissions.ts';
import type { CreateOrganizationInput, Organization } from '../../../common/schemas/organizations.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { OrganizationRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { forbidden, nameTaken, notFound } from '../../platform/errors.ts';
import { can, requireReach, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsRepository } from './organizations.repository.ts';

/** Work every new tenant needs inside its creating transaction (default roles, default templates). */
export type TenantInitializer = (db: Executor, tenantId: string) => Promise<void>;

export class OrganizationsService {
  constructor(
    private readonly db: Db,
    private readonly repo: OrganizationsRepository,
    private readonly tenantInitializers: readonly TenantInitializer[],
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** A root organization (no parent) is a new tenant with the default role catalog; only global administrators make one. */
  async createOrganization(actor: Actor, input: CreateOrganizationInput): Promise<Organization> {
    const now = this.clock.now().toISOString();
    const id = this.ids.newId();
    return inTransaction(this.db, async (trx) => {
      let row: OrganizationRow;
      if (!input.parentId) {
        if (!actor.isGlobalAdmin) throw forbidden('Only a global administrator can create a new top-level organization.');
        if (await this.repo.findRootByName(trx, input.name)) {
          throw nameTaken(`A top-level organization named "${input.name}" already exists.`);
        }
        row = {
          id,
          tenantId: id,
          parentId: null,
          name: input.name,
          kind: input.kind,
          path: `/${id}/`,
          depth: 0,
          createdAt: now,
          updatedAt: now,
        };
        await this.repo.insertTenant(trx, { id, name: input.name, settings: '{}', createdAt: now });
        await this.repo.insert(trx, row);
        for (const initialize of this.tenantInitializers) await initialize(trx, id);
      } else {
        const parent = await this.requireOrganization(trx, actor, input.parentId, Permissions.orgsWrite);
        if (await this.repo.findChildByName(trx, parent.id, input.name)) {
          throw nameTaken(`"${parent.name}" already has an organization named "${input.name}".`);
        }
        row = {
          id,
          tenantId: parent.tenantId,
          parentId: parent.id,
          name: input.name,
          kind: input.kind,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
          createdAt: now,
          updatedAt: now,
        };
        await this.repo.insert(trx, row);
      }
      await this.audit.record(trx, actor, {
        action: row.parentId ? 'organization.created' : 'tenant.created',
        targetType: 'organization',
        targetId: row.id,
        tenantId: row.tenantId,
        orgPath: row.path,
        after: { name: row.name, kind: row.kind, parentId: row.parentId },
      });
      return toOrganization(row);
    });
  }

  async listOrganizations(actor: Actor, filter: { tenantId?: string; q?: string } = {}): Promise<Organization[]> {
    const roots = requireReach(actor, Permissions.orgsRead, 'You do not have permission to see organizations.');
    const rows = await this.repo.listUnderPaths(this.db, roots, filter);
    return rows.map(toOrganization);
  }

  async getOrganization(actor: Actor, id: string): Promise<Organization> {
    return toOrganization(await this.requireOrganization(this.db, actor, id, Permissions.orgsRead));
  }

  async renameOrganization(actor: Actor, id: string, name: string): Promise<Organization> {
    return inTransaction(this.db, async (trx) => {
      const org = await this.requireOrganization(trx, actor, id, Permissions.orgsWrite);
      if (org.name === name) return toOrganization(org);
      const sibling = org.parentId ? await this.repo.findChildByName(trx, org.parentId, name) : await this.repo.findRootByName(trx, name);
      if (sibling && sibling.id !== org.id) throw nameTaken(`An organization named "${name}" already exists beside this one.`);
      const updatedAt = this.clock.now().toISOString();
      await this.repo.rename(trx, id, name, updatedAt);
      await this.audit.record(trx, actor, {
        action: 'organization.renamed',
        targetType: 'organization',
        targetId: id,
        tenantId: org.tenantId,
        orgPath: org.path,
        before: { name: org.name },
        after: { name },
      });
      return toOrganization({ ...org, name, updatedAt });
    });
  }

  /**
   * The organization, when the actor holds `permission` over it. Out of reach answers "not found",
   * so nobody learns what exists outside their subtree; in reach but without the permission is "forbidden".
   */
  async requireOrganization(db: Executor, actor: Actor, id: string, permission: Permission): Promise<OrganizationRow> {
    const org = await this.repo.getById(db, id);
    if (!org) throw notFound('The organization');
    if (can(actor, permission, org.path)) return org;
    if (can(actor, Permissions.orgsRead, org.path) || can(actor, Permissions.accountsRead, org.path)) {
      throw forbidden('You do not have permission to do that in this organization.');
    }
    throw notFound('The organization');
  }

  /** Organizations by id, for labelling; no permission check (callers have already checked the records that name them). */
  async getManyByIds(db: Executor, ids: readonly string[]): Promise<OrganizationRow[]> {
    return this.repo.getManyByIds(db, ids);
  }

  /** Every organization of a tenant (internal: planning resolves names; callers filter by reach). */
  async listAllInTenant(db: Executor, tenantId: string): Promise<OrganizationRow[]> {
    return this.repo.listUnderPaths(db, [`/${tenantId}/`], { tenantId });
  }

  /** A child of `parentId` named `name` (any case). */
  async findChildByName(db: Executor, parentId: string, name: string): Promise<OrganizationRow | undefined> {
    return this.repo.findChildByName(db, parentId, name);
  }

  async findRootByName(db: Executor, name: string): Promise<OrganizationRow | undefined> {
    return this.repo.findRootByName(db, name);
  }

  /** The tenant of the system itself, home of the global administrators. */
  async ensureSystemTenant(actor: Actor, name: string): Promise<OrganizationRow> {
    const existing = await this.repo.findRootByName(this.db, name);
    if (existing) return existing;
    const created = await this.createOrganization(actor, { name, kind: 'system', parentId: null });
    return (await this.repo.getById(this.db, created.id)) as OrganizationRow;
  }
}

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    tenantId: row.tenantId,
    parentId: row.parentId,
    name: row.name,
    kind: row.kind,
    depth: row.depth,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
