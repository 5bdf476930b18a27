import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { CreateGroupInput, Group } from '../../../common/schemas/groups.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { can, reach, type Actor } from '../../platform/actor.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService, DefaultGroupCheck } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { GroupsRepository, GroupWithOrg } from './groups.repository.ts';

const nameKeyOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Groups: sets of accounts inside an organization, seen by whoever reaches that organization. People
 * who invite have a default group, where the people they invite land once registered.
 */
export class GroupsService implements DefaultGroupCheck {
  constructor(
    private readonly db: Db,
    private readonly repo: GroupsRepository,
    private readonly orgs: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async listGroups(actor: Actor, query: { orgId?: string }): Promise<{ items: Group[] }> {
    let roots = visibleRoots(actor);
    if (query.orgId) {
      const [org] = await this.orgs.getManyByIds(this.db, [query.orgId]);
      if (!org || !this.sees(actor, org.path)) throw notFound('The organization');
      roots = [org.path];
    } else if (roots !== 'all' && roots.length === 0) {
      throw forbidden('You do not have permission to see groups.');
    }
    const rows = await this.repo.listUnderPaths(this.db, actor.isGlobalAdmin ? null : actor.tenantId, roots);
    return { items: rows.map((r) => toGroup(r)) };
  }

  async getGroup(actor: Actor, id: string): Promise<Group> {
    const group = await this.visibleGroup(this.db, actor, id);
    return toGroup(group, await this.repo.members(this.db, id));
  }

  async createGroup(actor: Actor, input: CreateGroupInput): Promise<Group> {
    try {
      return await inTransaction(this.db, async (trx) => {
        const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.groupsManage);
        if (await this.repo.getByName(trx, org.id, nameKeyOf(input.name))) {
          throw conflict(ErrorCodes.nameTaken, `${org.name} already has a group named "${input.name}".`, {
            fields: { name: 'This name is taken here.' },
          });
        }
        const now = this.clock.now().toISOString();
        const id = this.ids.newId();
        await this.repo.insert(trx, {
          id,
          tenantId: org.tenantId,
          orgId: org.id,
          name: input.name,
          nameKey: nameKeyOf(input.name),
          createdBy: actor.accountId,
          createdAt: now,
          updatedAt: now,
        });
        await this.audit.record(trx, actor, {
          action: 'group.created',
          targetType: 'group',
          targetId: id,
          tenantId: org.tenantId,
          orgPath: org.path,
          after: { name: input.name, orgId: org.id },
        });
        return toGroup(await this.requireRow(trx, id), []);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(ErrorCodes.nameTaken, `A group named "${input.name}" was created at the same moment.`);
      throw error;
    }
  }

  async addMember(actor: Actor, groupId: string, accountId: string): Promise<Group> {
    return inTransaction(this.db, async (trx) => {
      const group = await this.managedGroup(trx, actor, groupId);
      const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsRead);
      if (!account.orgPath.startsWith(group.orgPath)) {
        throw fieldError('accountId', `${account.firstName} ${account.lastName} is not in ${group.orgName}, where this group belongs.`);
      }
      if (await this.repo.isMember(trx, groupId, accountId)) {
        throw conflict(ErrorCodes.alreadyHeld, `${account.firstName} ${account.lastName} is already in this group.`);
      }
      await this.join(trx, actor, group, account);
      return toGroup(await this.requireRow(trx, groupId), await this.repo.members(trx, groupId));
    });
  }

  async removeMember(actor: Actor, groupId: string, accountId: string): Promise<Group> {
    return inTransaction(this.db, async (trx) => {
      const group = await this.managedGroup(trx, actor, groupId);
      if ((await this.repo.removeMember(trx, groupId, accountId)) === 0) throw notFound('The member');
      await this.audit.record(trx, actor, {
        action: 'group.member_removed',
        targetType: 'group',
        targetId: groupId,
        tenantId: group.tenantId,
        orgPath: group.orgPath,
        before: { accountId },
      });
      return toGroup(await this.requireRow(trx, groupId), await this.repo.members(trx, groupId));
    });
  }

  /** PATCH /api/accounts/:id {defaultGroupId}: a group the caller sees, where the account's invitees may land. */
  async requireDefaultGroup(db: Executor, actor: Actor, account: AccountWithOrg, groupId: string): Promise<void> {
    const group = await this.repo.getById(db, groupId);
    if (!group || group.tenantId !== account.tenantId || !this.sees(actor, group.orgPath)) {
      throw fieldError('defaultGroupId', 'There is no such group within your reach.');
    }
  }

  /** For invitations: the group, when it exists in the tenant (the caller checks reach). */
  async findGroup(db: Executor, groupId: string): Promise<GroupWithOrg | undefined> {
    return this.repo.getById(db, groupId);
  }

  /** Puts an account in a group and audits it (registration joins the invitation's group through here). */
  async join(trx: Executor, actor: Actor, group: GroupWithOrg, account: { id: string }): Promise<void> {
    await this.repo.addMember(trx, { groupId: group.id, accountId: account.id, addedAt: this.clock.now().toISOString() });
    await this.audit.record(trx, actor, {
      action: 'group.member_added',
      targetType: 'group',
      targetId: group.id,
      tenantId: group.tenantId,
      orgPath: group.orgPath,
      after: { accountId: account.id },
    });
  }

  /** Seeing a group: reaching its organization through accounts, groups or invitations. */
  sees(actor: Actor, orgPath: string): boolean {
    return (
      can(actor, Permissions.groupsManage, orgPath) ||
      can(actor, Permissions.accountsRead, orgPath) ||
      can(actor, Permissions.invitationsSend, orgPath)
    );
  }

  private async visibleGroup(db: Executor, actor: Actor, id: string): Promise<GroupWithOrg> {
    const group = await this.repo.getById(db, id);
    if (!group || (!actor.isGlobalAdmin && group.tenantId !== actor.tenantId) || !this.sees(actor, group.orgPath)) {
      throw notFound('The group');
    }
    return group;
  }

  private async managedGroup(db: Executor, actor: Actor, id: string): Promise<GroupWithOrg> {
    const group = await this.visibleGroup(db, actor, id);
    if (!can(actor, Permissions.groupsManage, group.orgPath)) throw forbidden('You do not have permission to change this group.');
    return group;
  }

  private async requireRow(db: Executor, id: string): Promise<GroupWithOrg> {
    const group = await this.repo.getById(db, id);
    if (!group) throw notFound('The group');
    return group;
  }
}

function visibleRoots(actor: Actor): 'all' | string[] {
  const all = [Permissions.groupsManage, Permissions.accountsRead, Permissions.invitationsSend].map((p) => reach(actor, p));
  if (all.includes('all')) return 'all';
  const paths = [...new Set(all.flat() as string[])];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}

function toGroup(
  row: GroupWithOrg,
  members?: Array<{ id: string; firstName: string; lastName: string; email: string; status: string }>,
): Group {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    name: row.name,
    memberCount: row.memberCount,
    createdAt: row.createdAt,
    ...(members ? { members } : {}),
  };
}
