import type { RegistrationInvitation } from '../../../common/schemas/onboarding.ts';
import type { Executor } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { GroupsService } from '../groups/groups.service.ts';
import type { WelcomeService } from '../onboarding/welcome.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { InvitationsRepository } from './invitations.repository.ts';

/** What the registration page needs of an invitation: what it says, whether it was withdrawn, and accepting it. */
export class InvitationAcceptanceService {
  constructor(
    private readonly repo: InvitationsRepository,
    private readonly accounts: AccountsService,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
    private readonly groups: GroupsService,
    private readonly welcomes: WelcomeService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Who invited the account's person, to which role where and into which group; undefined for plain activation links. */
  async describe(db: Executor, accountId: string): Promise<RegistrationInvitation | undefined> {
    const row = await this.repo.getByAccount(db, accountId);
    if (!row) return undefined;
    return { invitedBy: row.invitedByLabel, role: row.roleLabel, orgName: row.orgName, groupName: row.groupName, message: row.message };
  }

  async isRevoked(db: Executor, accountId: string): Promise<boolean> {
    return Boolean((await this.repo.getByAccount(db, accountId))?.revokedAt);
  }

  /**
   * In the registration's transaction: the role's limit is checked again (it may have been lowered since
   * the invitation), the person joins the invitation's group, and the inviter is told when the tenant wants.
   */
  async accept(trx: Executor, actor: Actor, account: AccountWithOrg): Promise<void> {
    const row = await this.repo.getByAccount(trx, account.id);
    if (!row) return;
    const role = await this.roles.getRoleById(trx, row.tenantId, row.roleId);
    const [org] = await this.orgs.getManyByIds(trx, [row.orgId]);
    if (!role || !org) throw notFound('The invitation');
    await this.roles.checkLimit(trx, role, org, account.id);
    const group = row.groupId ? await this.groups.findGroup(trx, row.groupId) : undefined;
    if (group) await this.groups.join(trx, actor, group, account);
    const now = this.clock.now().toISOString();
    await this.repo.update(trx, row.id, { acceptedAt: now });
    await this.audit.record(trx, actor, {
      action: 'invitation.accepted',
      targetType: 'account',
      targetId: account.id,
      tenantId: row.tenantId,
      orgPath: row.orgPath,
      after: { invitationId: row.id, role: role.key, groupId: group?.id ?? null },
    });
    const tenant = await this.settings.settingsOf(trx, row.tenantId);
    const inviter = row.invitedBy ? await this.accounts.getRecord(trx, row.invitedBy) : undefined;
    if (tenant.notifyInviterOnAcceptance && inviter && inviter.status === 'active') {
      const registered = await this.accounts.getRecord(trx, account.id);
      await this.welcomes.sendInvitationAccepted(trx, row.tenantId, inviter, {
        tenantName: tenant.tenantName,
        orgName: org.name,
        inviteeFirstName: registered?.firstName ?? account.firstName,
        inviteeLastName: registered?.lastName ?? account.lastName,
        inviteeEmail: account.email,
        roleLabel: role.label,
        groupName: group?.name ?? '',
      });
    }
  }
}
