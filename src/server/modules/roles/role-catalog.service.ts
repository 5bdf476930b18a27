import { ErrorCodes } from '../../../common/error-codes.ts';
import { allPermissions, permissionDescriptions, Permissions } from '../../../common/permissions.ts';
import { roleKeyFromLabel, roleNameKey } from '../../../common/role-names.ts';
import type { CreateRoleInput, Role, UpdateRoleInput } from '../../../common/schemas/roles.ts';
import type { Db } from '../../db/connection.ts';
import type { RoleRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { can, mayGrantRole, mayInviteRole, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesRepository } from './roles.repository.ts';
import { roleAuditFields, toRole } from './role-view.ts';

/**
 * Each tenant's role catalog: reading it (anyone in the tenant), and changing it (holders of
 * `roles.manage` at the tenant's top organization). A role someone holds is retired, never deleted.
 */
export class RoleCatalogService {
  constructor(
    private readonly db: Db,
    private readonly repo: RolesRepository,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async listCatalog(
    actor: Actor,
    query: { tenantId?: string; orgId?: string },
  ): Promise<{ items: Role[]; permissions: Array<{ key: string; description: string }> }> {
    // With an organization, the catalog is that organization's tenant's (a global administrator may name any).
    const [org] = query.orgId ? await this.orgs.getManyByIds(this.db, [query.orgId]) : [];
    if (query.orgId) {
      const inReach = org && (actor.isGlobalAdmin || actor.grants.some((g) => org.path.startsWith(g.orgPath)));
      if (!org || !inReach) throw notFound('The organization');
    }
    const tenantId = org ? org.tenantId : this.tenantOf(actor, query.tenantId);
    const roles = await this.repo.listByTenant(this.db, tenantId);
    const holders = await this.repo.holdersByRole(this.db, tenantId);
    let atOrg: ((role: RoleRow) => Role['atOrg']) | undefined;
    if (org) {
      const counts = await this.repo.holderCounts(this.db, tenantId);
      atOrg = (role) => ({
        orgId: org.id,
        orgName: org.name,
        held: counts.get(`${role.id}:${org.id}`) ?? 0,
        youMayGrant: !role.retiredAt && mayGrantRole(actor, role.key, org.path),
        youMayInvite: !role.retiredAt && mayInviteRole(actor, role.key, org.path) && can(actor, Permissions.invitationsSend, org.path),
      });
    }
    return {
      items: roles.map((r) => toRole(r, holders.get(r.id) ?? 0, atOrg?.(r))),
      permissions: allPermissions.map((key) => ({ key, description: permissionDescriptions[key] })),
    };
  }

  async createRole(actor: Actor, input: CreateRoleInput): Promise<Role> {
    const tenantId = this.tenantOf(actor, input.tenantId);
    this.assertManager(actor, tenantId);
    return inTransaction(this.db, async (trx) => {
      const roles = await this.repo.listByTenant(trx, tenantId);
      const key = input.key ?? roleKeyFromLabel(input.label);
      if (!/^[a-z][a-z0-9_]{0,63}$/.test(key)) throw fieldError('key', 'Choose a key: lowercase letters, digits and underscores.');
      assertNamesFree(roles, undefined, { key, label: input.label });
      const now = this.clock.now().toISOString();
      const row: RoleRow = {
        id: this.ids.newId(),
        tenantId,
        key,
        label: input.label,
        orgKinds: JSON.stringify(input.orgKinds),
        permissions: JSON.stringify(input.permissions),
        mayGrant: JSON.stringify(resolveNames(roles, input.mayGrant, key, input.label, 'mayGrant')),
        mayInvite: JSON.stringify(resolveNames(roles, input.mayInvite, key, input.label, 'mayInvite')),
        bulkCreatable: input.bulkCreatable ? 1 : 0,
        perOrgLimitMax: input.perOrgLimit?.max ?? null,
        perOrgLimitMode: input.perOrgLimit?.mode ?? null,
        retiredAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.repo.insert(trx, row);
      const view = toRole(row, 0);
      await this.audit.record(trx, actor, {
        action: 'role.created',
        targetType: 'role',
        targetId: key,
        tenantId,
        orgPath: `/${tenantId}/`,
        after: roleAuditFields(view),
      });
      return view;
    });
  }

  async updateRole(actor: Actor, name: string, input: UpdateRoleInput, tenantIdGiven?: string): Promise<Role> {
    const tenantId = this.tenantOf(actor, tenantIdGiven);
    this.assertManager(actor, tenantId);
    return inTransaction(this.db, async (trx) => {
      const roles = await this.repo.listByTenant(trx, tenantId);
      const current = findByName(roles, name);
      if (!current) throw notFound('The role');
      const holders = (await this.repo.holdersByRole(trx, tenantId)).get(current.id) ?? 0;
      const before = toRole(current, holders);
      if (input.label !== undefined) assertNamesFree(roles, current, { label: input.label });
      const changes: Partial<RoleRow> = {};
      if (input.label !== undefined) changes.label = input.label;
      if (input.orgKinds !== undefined) changes.orgKinds = JSON.stringify(input.orgKinds);
      if (input.permissions !== undefined) changes.permissions = JSON.stringify(input.permissions);
      const label = input.label ?? current.label;
      if (input.mayGrant !== undefined)
        changes.mayGrant = JSON.stringify(resolveNames(roles, input.mayGrant, current.key, label, 'mayGrant'));
      if (input.mayInvite !== undefined)
        changes.mayInvite = JSON.stringify(resolveNames(roles, input.mayInvite, current.key, label, 'mayInvite'));
      if (input.bulkCreatable !== undefined) changes.bulkCreatable = input.bulkCreatable ? 1 : 0;
      if (input.perOrgLimit !== undefined) {
        changes.perOrgLimitMax = input.perOrgLimit?.max ?? null;
        changes.perOrgLimitMode = input.perOrgLimit?.mode ?? null;
      }
      if (input.retired !== undefined && input.retired !== Boolean(current.retiredAt)) {
        changes.retiredAt = input.retired ? this.clock.now().toISOString() : null;
      }
      if (Object.keys(changes).length === 0) return before;
      changes.updatedAt = this.clock.now().toISOString();
      await this.repo.update(trx, current.id, changes);
      const after = toRole({ ...current, ...changes }, holders);
      await this.audit.record(trx, actor, {
        action: 'role.updated',
        targetType: 'role',
        targetId: current.key,
        tenantId,
        orgPath: `/${tenantId}/`,
        before: roleAuditFields(before),
        after: roleAuditFields(after),
      });
      return after;
    });
  }

  /** Only a role nobody holds or was invited into can go; a held one is retired instead. */
  async deleteRole(actor: Actor, name: string, tenantIdGiven?: string): Promise<void> {
    const tenantId = this.tenantOf(actor, tenantIdGiven);
    this.assertManager(actor, tenantId);
    await inTransaction(this.db, async (trx) => {
      const roles = await this.repo.listByTenant(trx, tenantId);
      const current = findByName(roles, name);
      if (!current) throw notFound('The role');
      const used = await this.repo.countAssignments(trx, current.id);
      if (used > 0) {
        throw conflict(
          ErrorCodes.roleInUse,
          `"${current.label}" is held or was invited into ${used} time${used === 1 ? '' : 's'}: retire it instead, so nobody new gets it.`,
          { uses: used },
        );
      }
      // Other roles stop listing it, so a later role with the same key does not inherit their trust.
      for (const other of roles) {
        if (other.id === current.id) continue;
        const mayGrant = (JSON.parse(other.mayGrant) as string[]).filter((k) => k !== current.key);
        const mayInvite = (JSON.parse(other.mayInvite) as string[]).filter((k) => k !== current.key);
        if (mayGrant.length !== JSON.parse(other.mayGrant).length || mayInvite.length !== JSON.parse(other.mayInvite).length) {
          await this.repo.update(trx, other.id, { mayGrant: JSON.stringify(mayGrant), mayInvite: JSON.stringify(mayInvite) });
        }
      }
      await this.repo.delete(trx, current.id);
      await this.audit.record(trx, actor, {
        action: 'role.deleted',
        targetType: 'role',
        targetId: current.key,
        tenantId,
        orgPath: `/${tenantId}/`,
        before: roleAuditFields(toRole(current, 0)),
      });
    });
  }

  /** The tenant a call is about: the caller's own, or (global administrators) the one they name. */
  private tenantOf(actor: Actor, tenantId: string | undefined): string {
    if (tenantId && tenantId !== actor.tenantId) {
      if (!actor.isGlobalAdmin) throw notFound('The tenant');
      return tenantId;
    }
    if (!actor.tenantId) throw notFound('The tenant');
    return actor.tenantId;
  }

  private assertManager(actor: Actor, tenantId: string): void {
    if (!can(actor, Permissions.rolesManage, `/${tenantId}/`)) {
      throw forbidden('Only people who manage roles at the top of the organization tree can change the role catalog.');
    }
  }
}

function findByName(roles: RoleRow[], name: string): RoleRow | undefined {
  const wanted = roleNameKey(name);
  return roles.find((r) => roleNameKey(r.key) === wanted) ?? roles.find((r) => roleNameKey(r.label) === wanted);
}

/** A role's key and label must not read as another role's key or label. */
function assertNamesFree(roles: RoleRow[], self: RoleRow | undefined, names: { key?: string; label?: string }): void {
  for (const [field, value] of Object.entries(names)) {
    if (value === undefined) continue;
    const wanted = roleNameKey(value);
    const clash = roles.find((r) => r.id !== self?.id && (roleNameKey(r.key) === wanted || roleNameKey(r.label) === wanted));
    if (clash) {
      throw conflict(ErrorCodes.nameTaken, `"${value}" reads the same as the role "${clash.label}" (${clash.key}).`, {
        fields: { [field]: 'Another role already has this name.' },
      });
    }
  }
}

/** Names in mayGrant / mayInvite → role keys; the role being saved may name itself. */
function resolveNames(roles: RoleRow[], names: string[], selfKey: string, selfLabel: string, field: string): string[] {
  const keys = names.map((name) => {
    const wanted = roleNameKey(name);
    if (wanted === roleNameKey(selfKey) || wanted === roleNameKey(selfLabel)) return selfKey;
    const role = findByName(roles, name);
    if (!role) throw fieldError(field, `There is no role "${name}".`);
    return role.key;
  });
  return [...new Set(keys)];
}
