import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Organization } from '../../../common/schemas/organizations.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { forbidden, invalidState, nameTaken } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { OrganizationUsage, OrgTreeRepository } from './org-tree.repository.ts';
import { toOrganization, type OrganizationsService } from './organizations.service.ts';

/** A path under `from` rewritten under `to`; other paths as they are. */
const remap = (path: string, from: string, to: string) => (path.startsWith(from) ? `${to}${path.slice(from.length)}` : path);

/**
 * After a move, a role must still sit at its holder's home, above it, or inside it (the rule of account
 * moves, docs/SECURITY.md): a grant at the old county held by someone of the moved school, or a grant at
 * the moved school held by someone of the old county, no longer fits and is removed.
 */
export function grantsLostOnOrgMove<T extends { orgPath: string; homePath: string }>(grants: readonly T[], from: string, to: string): T[] {
  return grants.filter((g) => {
    const role = remap(g.orgPath, from, to);
    const home = remap(g.homePath, from, to);
    return !home.startsWith(role) && !role.startsWith(home);
  });
}

const usageWords: [keyof OrganizationUsage, string, string][] = [
  ['children', 'organization below it', 'organizations below it'],
  ['accounts', 'account', 'accounts'],
  ['grants', 'role held there', 'roles held there'],
  ['groups', 'group', 'groups'],
  ['invitations', 'invitation', 'invitations'],
  ['imports', 'import in its history', 'imports in its history'],
];

/** Moving an organization (its whole subtree with it) and removing an empty one. */
export class OrgTreeService {
  constructor(
    private readonly db: Db,
    private readonly repo: OrgTreeRepository,
    private readonly organizations: OrganizationsService,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Puts the organization under `parentId`, in one transaction: every path below it follows, and the
   * roles that no longer fit their holders are removed (audited). The mover needs orgs.write at both ends,
   * and reach over every role removed (403 `account_beyond_reach` otherwise).
   */
  async move(actor: Actor, id: string, parentId: string): Promise<Organization> {
    return inTransaction(this.db, async (trx) => {
      const org = await this.organizations.requireOrganization(trx, actor, id, Permissions.orgsWrite);
      if (!org.parentId) throw invalidState('A tenant’s top organization cannot be moved.');
      const parent = await this.organizations.requireOrganization(trx, actor, parentId, Permissions.orgsWrite);
      if (parent.tenantId !== org.tenantId) throw invalidState('An organization moves only within its own tenant.');
      if (parent.path.startsWith(org.path)) throw invalidState(`${org.name} cannot be moved into itself or below itself.`);
      if (parent.id === org.parentId) return toOrganization(org);
      const sibling = await this.organizations.findChildByName(trx, parent.id, org.name);
      if (sibling) throw nameTaken(`"${parent.name}" already has an organization named "${org.name}".`);

      const to = `${parent.path}${org.id}/`;
      const lost = grantsLostOnOrgMove(await this.repo.affectedGrants(trx, org.tenantId, org.path), org.path, to);
      const beyond = lost.find((g) => !can(actor, Permissions.accountsWrite, g.orgPath));
      if (beyond) {
        throw forbidden(
          `Moving ${org.name} would take away a ${beyond.roleLabel} role at ${beyond.orgName}, outside your organizations; ask an administrator there.`,
          ErrorCodes.accountBeyondReach,
        );
      }
      await this.roles.revoke(trx, actor, org.tenantId, lost, `${org.name} moved under ${parent.name}`);
      const at = this.clock.now().toISOString();
      await this.repo.moveSubtree(trx, {
        tenantId: org.tenantId,
        orgId: org.id,
        parentId: parent.id,
        from: org.path,
        to,
        depthDelta: parent.depth + 1 - org.depth,
        at,
      });
      await this.audit.record(trx, actor, {
        action: 'organization.moved',
        targetType: 'organization',
        targetId: org.id,
        tenantId: org.tenantId,
        orgPath: to,
        before: { parentId: org.parentId },
        after: { parentId: parent.id, parentName: parent.name, rolesRemoved: lost.length },
      });
      return toOrganization({ ...org, parentId: parent.id, path: to, depth: parent.depth + 1, updatedAt: at });
    });
  }

  /** Removes an organization nothing refers to any more (409 naming what is still there otherwise). */
  async remove(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const org = await this.organizations.requireOrganization(trx, actor, id, Permissions.orgsWrite);
      if (!org.parentId) throw invalidState('A tenant’s top organization cannot be removed here.');
      const usage = await this.repo.usage(trx, org.tenantId, org.id);
      const still = usageWords
        .filter(([key]) => usage[key] > 0)
        .map(([key, one, many]) => `${usage[key]} ${usage[key] === 1 ? one : many}`);
      if (still.length) throw invalidState(`${org.name} is not empty: it still has ${still.join(', ')}.`, usage);
      await this.repo.remove(trx, org.id);
      await this.audit.record(trx, actor, {
        action: 'organization.removed',
        targetType: 'organization',
        targetId: org.id,
        tenantId: org.tenantId,
        orgPath: org.path,
        before: { name: org.name, kind: org.kind, parentId: org.parentId },
      });
    });
  }
}
