import type { Executor } from '../../db/connection.ts';
import type { RoleRow } from '../../db/schema.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { roleNameKey } from '../../../common/role-names.ts';
import type { Warning } from '../../../common/schemas/roles.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, forbidden, fieldError } from '../../platform/errors.ts';
import { mayGrantRole, type Actor, type Grant } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { defaultRoles } from './default-roles.ts';
import type { RolesRepository } from './roles.repository.ts';

export interface RoleHeld {
  grantId: string;
  key: string;
  label: string;
  orgId: string;
  orgName: string;
}

/** One role assignment with where it is held, for reach checks and revocations. */
export interface Assignment {
  grantId: string;
  accountId: string;
  roleKey: string;
  roleLabel: string;
  orgId: string;
  orgName: string;
  orgPath: string;
}

/** Where a role is given: the organization, with its kind and name when the caller has them. */
export interface GrantPlace {
  id: string;
  path: string;
  kind?: string;
  name?: string;
}

/** A held role as stored: the role's permission lists as JSON text, where it is held. */
export interface GrantSource {
  roleKey: string;
  orgId: string;
  orgPath: string;
  permissions: string;
  mayGrant: string;
  mayInvite: string;
}

const parseList = (json: string): string[] => JSON.parse(json) as string[];

/** Roles held by accounts, and the rules for giving one: who may, where, and how many per organization. */
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
      retiredAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    await this.repo.insertMany(db, rows);
  }

  /** Read afresh on every request, so a change to a role's permissions applies to its holders' next call. */
  async grantsOf(db: Executor, accountId: string): Promise<Grant[]> {
    return this.toGrants(await this.repo.assignmentsOf(db, [accountId]));
  }

  /** Grants from role rows another read brought along (token authentication reads them with the token). */
  toGrants(rows: readonly GrantSource[]): Grant[] {
    return rows.map((r) => ({
      roleKey: r.roleKey,
      orgId: r.orgId,
      orgPath: r.orgPath,
      permissions: new Set(parseList(r.permissions)),
      mayGrant: parseList(r.mayGrant),
      mayInvite: parseList(r.mayInvite),
    }));
  }

  /** Roles held by each account, for showing beside the account. */
  /** The roles an account holds, from the JSON its list page read beside it (see `heldRolesJson`), ordered by where they are held. */
  heldRolesFrom(json: string): RoleHeld[] {
    const held = JSON.parse(json) as [string, string, string, string, string, string][];
    if (held.length > 1) held.sort((a, b) => (a[5] < b[5] ? -1 : a[5] > b[5] ? 1 : 0));
    return held.map(([grantId, key, label, orgId, orgName]) => ({ grantId, key, label, orgId, orgName }));
  }

  async rolesOf(db: Executor, accountIds: readonly string[]): Promise<Map<string, RoleHeld[]>> {
    const rows = await this.repo.assignmentsOf(db, accountIds);
    const byAccount = new Map<string, RoleHeld[]>();
    for (const r of rows) {
      const list = byAccount.get(r.accountId) ?? [];
      list.push({ grantId: r.grantId, key: r.roleKey, label: r.roleLabel, orgId: r.orgId, orgName: r.orgName });
      byAccount.set(r.accountId, list);
    }
    return byAccount;
  }

  /** Each account's roles as "roleId:orgId" keys: all an import's plan needs of them for most rows. */
  async heldKeysOf(db: Executor, accountIds: readonly string[]): Promise<Map<string, Set<string>>> {
    const byAccount = new Map<string, Set<string>>();
    for (const r of await this.repo.heldBy(db, [...new Set(accountIds)])) {
      const held = byAccount.get(r.accountId);
      if (held) held.add(`${r.roleId}:${r.orgId}`);
      else byAccount.set(r.accountId, new Set([`${r.roleId}:${r.orgId}`]));
    }
    return byAccount;
  }

  /** Every role each account holds, with the organization's path (reach checks need the path). */
  async assignmentsOf(db: Executor, accountIds: readonly string[]): Promise<Map<string, Assignment[]>> {
    const byAccount = new Map<string, Assignment[]>();
    for (const r of await this.repo.assignmentsOf(db, [...new Set(accountIds)])) {
      const list = byAccount.get(r.accountId) ?? [];
      list.push({
        grantId: r.grantId,
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
      assignments.map((a) => a.grantId),
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

  /** The role a person named by key or label, in any case and with any dash; undefined when none matches. */
  async findRole(db: Executor, tenantId: string, name: string): Promise<RoleRow | undefined> {
    const wanted = roleNameKey(name);
    const roles = await this.repo.listByTenant(db, tenantId);
    return roles.find((r) => roleNameKey(r.key) === wanted) ?? roles.find((r) => roleNameKey(r.label) === wanted);
  }

  /** `findRole`, refusing unknown and retired roles and roles not held at this kind of organization. */
  async requireGrantableRole(db: Executor, tenantId: string, name: string, org: GrantPlace): Promise<RoleRow> {
    const role = await this.findRole(db, tenantId, name);
    if (!role) throw fieldError('role', `There is no role "${name}" in this organization's catalog.`);
    if (role.retiredAt) throw conflict(ErrorCodes.roleRetired, `The role "${role.label}" is retired: nobody new can be given it.`);
    const kinds = parseList(role.orgKinds);
    if (org.kind !== undefined && kinds.length > 0 && !kinds.includes(org.kind)) {
      throw fieldError('orgId', `"${role.label}" is held at ${kinds.join(' or ')} organizations, not at a ${org.kind}.`);
    }
    return role;
  }

  /** Checks that `roleName` exists and that the actor may grant it at the organization, and its per-org limit. */
  async checkGrant(db: Executor, actor: Actor, tenantId: string, roleName: string, org: GrantPlace): Promise<RoleRow> {
    const role = await this.requireGrantableRole(db, tenantId, roleName, org);
    if (!mayGrantRole(actor, role.key, org.path)) {
      throw forbidden(`You may not give the role "${role.label}" to anyone.`, ErrorCodes.roleNotAllowed);
    }
    await this.checkLimit(db, role, org);
    return role;
  }

  /**
   * Refuses a new holder of a role with a blocking limit that is already reached. Call it in the
   * transaction that then adds the holder: the role's row stays locked until that transaction ends,
   * so of two requests for the last place exactly one gets it. `exceptAccountId`: an invited account
   * re-checked at acceptance already counts itself.
   */
  async checkLimit(db: Executor, role: RoleRow, org: GrantPlace, exceptAccountId?: string): Promise<void> {
    if (role.perOrgLimitMax === null || role.perOrgLimitMode !== 'block') return;
    await this.repo.lockForGrant(db, role.id);
    const held = await this.repo.countAtOrg(db, role.id, org.id, exceptAccountId);
    if (held >= role.perOrgLimitMax) {
      const where = org.name ?? 'This organization';
      throw conflict(
        ErrorCodes.roleLimit,
        `${where} already has ${held} ${role.label} account${held === 1 ? '' : 's'}, the most allowed (${role.perOrgLimitMax}). Pending invitations count.`,
        { role: role.key, roleLabel: role.label, orgId: org.id, orgName: org.name ?? null, held, max: role.perOrgLimitMax },
      );
    }
  }

  /**
   * Before an archived account comes back: it takes back a place under every role it still holds, so each
   * must have room where it is held ("block" limits refuse with role_limit). Returns the checks to run
   * once it is back, which give the warnings of "warn" limits.
   */
  async checkLimitsOnReturn(db: Executor, tenantId: string, accountId: string): Promise<() => Promise<Warning[]>> {
    const held = (await this.assignmentsOf(db, [accountId])).get(accountId) ?? [];
    if (held.length === 0) return async () => [];
    const catalog = await this.repo.listByTenant(db, tenantId);
    const places: Array<{ role: RoleRow; org: GrantPlace }> = [];
    for (const grant of held) {
      const role = catalog.find((r) => r.key === grant.roleKey);
      if (!role || role.perOrgLimitMax === null) continue;
      const org = { id: grant.orgId, path: grant.orgPath, name: grant.orgName };
      await this.checkLimit(db, role, org, accountId);
      places.push({ role, org });
    }
    return async () => (await Promise.all(places.map((p) => this.limitWarning(db, p.role, p.org)))).filter((w): w is Warning => w !== null);
  }

  /** After a grant: the warning a "warn" limit gives when the organization now has more holders than it should. */
  async limitWarning(db: Executor, role: RoleRow, org: GrantPlace): Promise<Warning | null> {
    if (role.perOrgLimitMax === null || role.perOrgLimitMode !== 'warn') return null;
    const held = await this.repo.countAtOrg(db, role.id, org.id);
    if (held <= role.perOrgLimitMax) return null;
    return {
      code: ErrorCodes.roleLimit,
      message: `${org.name ?? 'This organization'} now has ${held} ${role.label} accounts; the recommended most is ${role.perOrgLimitMax}.`,
      details: { role: role.key, roleLabel: role.label, orgId: org.id, orgName: org.name ?? null, held, max: role.perOrgLimitMax },
    };
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
  ): Promise<string[]> {
    if (items.length === 0) return [];
    const now = this.clock.now().toISOString();
    const rows = items.map((i) => ({
      id: this.ids.newId(),
      tenantId: i.tenantId,
      accountId: i.accountId,
      roleId: i.role.id,
      orgId: i.org.id,
      createdAt: now,
    }));
    await this.repo.assignMany(db, rows);
    const ids = rows.map((r) => r.id);
    if (!options.audited) return ids;
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
    return ids;
  }

  async listRoles(db: Executor, tenantId: string): Promise<RoleRow[]> {
    return this.repo.listByTenant(db, tenantId);
  }

  /** How many live accounts hold each role at each organization ("roleId:orgId" → count), for per-org limits. */
  async holderCounts(db: Executor, tenantId: string): Promise<Map<string, number>> {
    return this.repo.holderCounts(db, tenantId);
  }

  /** Gives the role; answers the grant's id and, past a "warn" limit, the warning to show. */
  async grantRole(
    db: Executor,
    actor: Actor,
    input: { tenantId: string; accountId: string; role: RoleRow; org: GrantPlace },
  ): Promise<{ grantId: string; warning: Warning | null }> {
    const existing = await this.repo.findAssignment(db, input.accountId, input.role.id, input.org.id);
    if (existing) throw conflict(ErrorCodes.alreadyHeld, `This account already holds "${input.role.label}" there.`);
    const grantId = this.ids.newId();
    await this.repo.assign(db, {
      id: grantId,
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
    return { grantId, warning: await this.limitWarning(db, input.role, input.org) };
  }

  async getAssignment(db: Executor, grantId: string) {
    return this.repo.getAssignment(db, grantId);
  }

  async getRoleById(db: Executor, tenantId: string, roleId: string): Promise<RoleRow | undefined> {
    return (await this.repo.listByTenant(db, tenantId)).find((r) => r.id === roleId);
  }

  /** Takes a role away; the caller has checked who may. Audited in the same transaction. */
  async revokeRole(
    db: Executor,
    actor: Actor,
    grant: { id: string; accountId: string; tenantId: string },
    role: RoleRow,
    org: { id: string; path: string },
  ): Promise<void> {
    await this.repo.deleteAssignment(db, grant.id);
    await this.audit.record(db, actor, {
      action: 'role.revoked',
      targetType: 'account',
      targetId: grant.accountId,
      tenantId: grant.tenantId,
      orgPath: org.path,
      before: { role: role.key, orgId: org.id },
    });
  }
}
