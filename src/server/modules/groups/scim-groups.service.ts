import { createHash } from 'node:crypto';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, notFound, preconditionFailed } from '../../platform/errors.ts';
import { can, reach, type Actor } from '../../platform/actor.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { GroupMatch, GroupWithOrg } from './group-record.ts';
import type { GroupsRepository } from './groups.repository.ts';
import type { GroupsService } from './groups.service.ts';

/** A group as SCIM shows it: its row, its members' ids and a version that moves with any change. */
export interface ScimGroup {
  group: GroupWithOrg;
  memberIds: string[];
  version: string;
}

const nameKeyOf = (name: string) => name.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Groups as an identity provider manages them over SCIM: the same groups, reach and audit as the REST
 * API (GroupsService), plus what SCIM needs on top: rename, delete, set the members at once, a listing
 * filtered in SQL, and a version for ETags.
 */
export class ScimGroupsService {
  constructor(
    private readonly db: Db,
    private readonly repo: GroupsRepository,
    private readonly groups: GroupsService,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, tenantId: string, match: GroupMatch | undefined, offset: number, limit: number) {
    const all = [Permissions.groupsManage, Permissions.accountsRead, Permissions.invitationsSend].map((p) => reach(actor, p));
    const roots = all.includes('all') ? 'all' : [...new Set(all.flat() as string[])];
    const page = await this.repo.filteredPage(this.db, { tenantId, roots, match, offset, limit });
    const members = await this.repo.memberIdsOf(
      this.db,
      page.rows.map((r) => r.id),
    );
    return { items: page.rows.map((g) => scimGroup(g, members.get(g.id) ?? [])), total: page.total };
  }

  async get(actor: Actor, tenantId: string, id: string): Promise<ScimGroup> {
    return this.read(this.db, actor, tenantId, id);
  }

  async create(
    actor: Actor,
    tenantId: string,
    landingOrgId: string,
    input: { displayName: string; memberIds: string[] },
  ): Promise<ScimGroup> {
    const created = await this.groups.createGroup(actor, { orgId: landingOrgId, name: input.displayName });
    if (input.memberIds.length > 0) return this.replace(actor, tenantId, created.id, input);
    return this.get(actor, tenantId, created.id);
  }

  /** PUT and PATCH: the group's name and members become `input`, each change audited, in one transaction. */
  async replace(
    actor: Actor,
    tenantId: string,
    id: string,
    input: { displayName: string; memberIds: string[] },
    expectedVersion?: string,
  ): Promise<ScimGroup> {
    try {
      return await inTransaction(this.db, async (trx) => {
        const current = await this.managed(trx, actor, tenantId, id, expectedVersion);
        const now = this.clock.now().toISOString();
        const name = input.displayName.trim();
        if (name !== current.group.name) {
          const taken = await this.repo.getByName(trx, current.group.orgId, nameKeyOf(name));
          if (taken && taken.id !== id)
            throw conflict(ErrorCodes.nameTaken, `${current.group.orgName} already has a group named "${name}".`);
          await this.repo.rename(trx, id, name, nameKeyOf(name), now);
          await this.audit.record(trx, actor, {
            action: 'group.renamed',
            targetType: 'group',
            targetId: id,
            tenantId: current.group.tenantId,
            orgPath: current.group.orgPath,
            before: { name: current.group.name },
            after: { name },
          });
        }
        const wanted = new Set(input.memberIds);
        const had = new Set(current.memberIds);
        for (const accountId of wanted) {
          if (had.has(accountId)) continue;
          const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsRead);
          if (!account.orgPath.startsWith(current.group.orgPath)) {
            throw fieldError(
              'members',
              `${account.firstName} ${account.lastName} is not in ${current.group.orgName}, where this group belongs.`,
            );
          }
          await this.groups.join(trx, actor, current.group, account);
        }
        for (const accountId of had) {
          if (wanted.has(accountId)) continue;
          await this.repo.removeMember(trx, id, accountId);
          await this.audit.record(trx, actor, {
            action: 'group.member_removed',
            targetType: 'group',
            targetId: id,
            tenantId: current.group.tenantId,
            orgPath: current.group.orgPath,
            before: { accountId },
          });
        }
        await this.repo.touch(trx, id, now);
        return this.read(trx, actor, tenantId, id);
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(ErrorCodes.nameTaken, `A group named "${input.displayName}" was made at the same moment.`);
      throw error;
    }
  }

  async remove(actor: Actor, tenantId: string, id: string, expectedVersion?: string): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const current = await this.managed(trx, actor, tenantId, id, expectedVersion);
      await this.accounts.clearDefaultGroup(trx, id);
      await this.repo.delete(trx, id);
      await this.audit.record(trx, actor, {
        action: 'group.deleted',
        targetType: 'group',
        targetId: id,
        tenantId: current.group.tenantId,
        orgPath: current.group.orgPath,
        before: { name: current.group.name, orgId: current.group.orgId, memberIds: current.memberIds },
      });
    });
  }

  private async read(db: Executor, actor: Actor, tenantId: string, id: string): Promise<ScimGroup> {
    const group = await this.repo.getById(db, id);
    if (!group || group.tenantId !== tenantId || !this.groups.sees(actor, group.orgPath)) {
      throw notFound('The group');
    }
    return scimGroup(group, (await this.repo.memberIdsOf(db, [id])).get(id) ?? []);
  }

  private async managed(db: Executor, actor: Actor, tenantId: string, id: string, expectedVersion: string | undefined): Promise<ScimGroup> {
    const current = await this.read(db, actor, tenantId, id);
    if (!can(actor, Permissions.groupsManage, current.group.orgPath)) throw forbidden('You do not have permission to change this group.');
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw preconditionFailed('The group changed since it was read: read it again, then change it.');
    }
    return current;
  }
}

function scimGroup(group: GroupWithOrg, memberIds: string[]): ScimGroup {
  const sorted = [...memberIds].sort();
  const version = createHash('sha256')
    .update(`${group.name}\n${group.updatedAt}\n${sorted.join(',')}`)
    .digest('base64url')
    .slice(0, 16);
  return { group, memberIds: sorted, version };
}
