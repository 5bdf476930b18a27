import type { Executor } from '../../db/connection.ts';
import type { RoleRow } from '../../db/schema.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, forbidden, fieldError } from '../../platform/errors.ts';
import { mayGrantRole, type Actor, type Grant } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { defaultRoles } from './default-roles.ts';
import type { RolesRepository } from './roles.repository.ts';

export interface RoleHeld {
  key: string;
  label: string;
  orgId: string;
  orgName: string;
}

/** One role assignment with where it is held, for reach checks and revocations. */
export interface Assignment {
  assignmentId: string;
  accountId: string;
  roleKey: string;
  roleLabel: string;
  orgId: string;
  orgName: string;
  orgPath: string;
}

const parseList = (json: string): string[] => JSON.parse(json) as string[];

export class RolesService {
  constructor(
    private readonly repo: RolesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async createDefaultCatalog(db: Executor, tenantId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    const rows: RoleRow[] = defaultRoles.map((r) => ({
      id: this.ids.newId(),
      tenantId,
      key: r.key,
      label: r.label,
      orgKinds: JSON.stringify(r.orgKinds),
      permissions: JSON.stringify(r.permissions),
      mayGrant: JSON.stringify(r.mayGrant),
      mayInvite: JSON.stringify(r.mayInvite),
      bulkCreatable: r.bulkCreatable ? 1 : 0,
      perOrgLimitMax: null,
      perOrgLimitMode: null,
      createdAt: now,
      updatedAt: now,
    }));
    await this.repo.insertMany(db, rows);
  }

  async grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
    const rows = await this.repo.assignmentsOf(db, [accountId]);
    return rows.map((r) => ({
      roleKey: r.roleKey,
      orgId: r.orgId,
      orgPath: r.orgPath,
      permissions: new Set(parseList(r.permissions)),
      mayGrant: parseList(r.mayGrant),
    }));
  }

  /** Roles held by each account, for showing beside the account. */
  async rolesOf(db: Executor, accountIds: readonly string[]): Promise<Map<string, RoleHeld[]>> {
    const rows = await this.repo.assignmentsOf(db, accountIds);
    const byAccount = new Map<string, RoleHeld[]>();
    for (const r of rows) {
      const list = byAccount.get(r.accountId) ?? [];
      list.push({ key: r.roleKey, label: r.roleLabel, orgId: r.orgId, orgName: r.orgName });
      byAccount.set(r.accountId, list);
    }
    return byAccount;
  }

  /** Every role each account holds, with the organization's path (reach checks need the path). */
  async assignmentsOf(db: Executor, accountIds: readonly string[]): Promise<Map<string, Assignment[]>> {
    const byAccount = new Map<string, Assignment[]>();
    for (const r of await this.repo.assignmentsOf(db, [...new Set(accountIds)])) {
      const list = byAccount.get(r.accountId) ?? [];
      list.push({
        assignmentId: r.assignmentId,
        accountId: r.accountId,
        roleKey: r.roleKey,
        roleLabel: r.roleLabel,
        orgId: r.orgId,
        orgName: r.orgName,
        orgPath: r.orgPath,
      });
      byAccount.set(r.accountId, list);
    }
    return byAccount;
  }

  /** Takes roles away (an account moved out from under them), one audit event per role. */
  async revoke(db: Executor, actor: Actor, tenantId: string, assignments: readonly Assignment[], reason: string): Promise<void> {
    if (assignments.length === 0) return;
    await this.repo.deleteAssignments(
      db,
      assignments.map((a) => a.assignmentId),
    );
    await this.audit.recordMany(
      db,
      actor,
      assignments.map((a) => ({
        action: 'role.revoked',
        targetType: 'account',
        targetId: a.accountId,
        tenantId,
        orgPath: a.orgPath,
        before: { role: a.roleKey, orgId: a.orgId },
        after: { reason },
      })),
    );
  }

  /** Checks that `roleKey` exists and that the actor may grant it at the organization, and its per-org limit. */
  async checkGrant(db: Executor, actor: Actor, tenantId: string, roleKey: string, org: { id: string; path: string }): Promise<RoleRow> {
    const role = await this.repo.getByKey(db, tenantId, roleKey);
    if (!role) throw fieldError('role', `There is no role "${roleKey}" in this organization's catalog.`);
    if (!mayGrantRole(actor, role.key, org.path)) {
      throw forbidden(`You may not give the role "${role.label}" to anyone.`, ErrorCodes.roleNotAllowed);
    }
    if (role.perOrgLimitMax !== null && role.perOrgLimitMode === 'block') {
      const held = await this.repo.countAtOrg(db, role.id, org.id);
      if (held >= role.perOrgLimitMax) {
        throw conflict(
          ErrorCodes.roleLimit,
          `This organization already has ${held} of at most ${role.perOrgLimitMax} "${role.label}" accounts.`,
          {
            role: role.key,
            max: role.perOrgLimitMax,
            held,
          },
        );
      }
    }
    return role;
  }

  /**
   * Grants for many accounts at once (imports). `audited: false` when the caller's own event already
   * records the role (an imported account's "created" event names it), so it is not written twice.
   */
  async grantMany(
    db: Executor,
    actor: Actor,
    items: Array<{ tenantId: string; accountId: string; role: RoleRow; org: { id: string; path: string } }>,
    options: { audited: boolean },
  ): Promise<void> {
    if (items.length === 0) return;
    const now = this.clock.now().toISOString();
    await this.repo.assignMany(
      db,
      items.map((i) => ({
        id: this.ids.newId(),
        tenantId: i.tenantId,
        accountId: i.accountId,
        roleId: i.role.id,
        orgId: i.org.id,
        createdAt: now,
      })),
    );
    if (!options.audited) return;
    await this.audit.recordMany(
      db,
      actor,
      items.map((i) => ({
        action: 'role.granted',
        targetType: 'account',
        targetId: i.accountId,
        tenantId: i.tenantId,
        orgPath: i.org.path,
        after: { role: i.role.key, orgId: i.org.id },
      })),
    );
  }

  async listRoles(db: Executor, tenantId: string): Promise<RoleRow[]> {
    return this.repo.listByTenant(db, tenantId);
  }

  /** How many accounts hold each role at each organization ("roleId:orgId" → count), for per-org limits. */
  async holderCounts(db: Executor, tenantId: string): Promise<Map<string, number>> {
    return this.repo.holderCounts(db, tenantId);
  }

  async grantRole(
    db: Executor,
    actor: Actor,
    input: { tenantId: string; accountId: string; role: RoleRow; org: { id: string; path: string } },
  ): Promise<void> {
    await this.repo.assign(db, {
      id: this.ids.newId(),
      tenantId: input.tenantId,
      accountId: input.accountId,
      roleId: input.role.id,
      orgId: input.org.id,
      createdAt: this.clock.now().toISOString(),
    });
    await this.audit.record(db, actor, {
      action: 'role.granted',
      targetType: 'account',
      targetId: input.accountId,
      tenantId: input.tenantId,
      orgPath: input.org.path,
      after: { role: input.role.key, orgId: input.org.id },
    });
  }
}
