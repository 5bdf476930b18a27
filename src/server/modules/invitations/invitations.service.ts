import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { CreateInvitationInput, Invitation, InvitationQuery } from '../../../common/schemas/invitations.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { OrganizationRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { decodeCursor, pageOf } from '../../platform/cursor.ts';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { can, mayInviteRole, reach, type Actor } from '../../platform/actor.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { requireAttestation } from '../tenants/attestation.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { GroupsService } from '../groups/groups.service.ts';
import type { GroupWithOrg } from '../groups/group-record.ts';
import type { WelcomeService } from '../onboarding/welcome.service.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import { invitationStatus, toInvitation } from './invitation-view.ts';
import type { InvitationsRepository, InvitationWithDetails } from './invitations.repository.ts';

/**
 * Invitations: an invited account (status `invited`, holding its role so it counts against limits)
 * with its activation link, plus a row saying who invited it, to what and into which group.
 */
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly repo: InvitationsRepository,
    private readonly accounts: AccountsService,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
    private readonly groups: GroupsService,
    private readonly welcomes: WelcomeService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    /** False while no SMTP server is configured: mail is held, so the sender is handed the link itself. */
    private readonly mailDelivers: boolean = true,
  ) {}

  async sendInvitation(actor: Actor, input: CreateInvitationInput): Promise<Invitation> {
    try {
      return await inTransaction(this.db, async (trx) => {
        const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.invitationsSend);
        const role = await this.roles.requireGrantableRole(trx, org.tenantId, input.role, org);
        if (!mayInviteRole(actor, role.key, org.path)) {
          throw forbidden(`You may not invite anyone as "${role.label}".`, ErrorCodes.roleNotAllowed);
        }
        const tenant = await this.settings.settingsOf(trx, org.tenantId);
        const attested = requireAttestation(tenant.attestation, input.attested);
        const group = await this.groupFor(trx, actor, org, input.groupId);
        await this.roles.checkLimit(trx, role, org);
        const account = await this.accounts.createInvitedAccount(trx, actor, {
          org,
          email: input.email,
          firstName: input.firstName ?? '',
          lastName: input.lastName ?? '',
        });
        const { warning } = await this.roles.grantRole(trx, actor, { tenantId: org.tenantId, accountId: account.id, role, org });
        const inviter = (await this.accounts.senderOf(trx, actor)) ?? { firstName: actor.label, lastName: '' };
        const id = this.ids.newId();
        const { expiresAt, link } = await this.welcomes.sendInvitation(
          trx,
          {
            accountId: account.id,
            email: account.email,
            username: account.username,
            firstName: account.firstName,
            lastName: account.lastName,
            orgName: org.name,
          },
          { tenantId: org.tenantId, tenantName: tenant.tenantName, registrationWindowDays: tenant.registrationWindowDays, sender: inviter },
          { id, inviter, roleLabel: role.label, groupName: group?.name ?? '', message: input.message ?? '' },
        );
        await this.repo.insert(trx, {
          id,
          tenantId: org.tenantId,
          accountId: account.id,
          orgId: org.id,
          orgPath: org.path,
          roleId: role.id,
          groupId: group?.id ?? null,
          invitedBy: actor.accountId,
          invitedByLabel: `${inviter.firstName} ${inviter.lastName}`.trim(),
          message: input.message ?? null,
          createdAt: this.clock.now().toISOString(),
          expiresAt,
          acceptedAt: null,
          revokedAt: null,
        });
        await this.audit.record(trx, actor, {
          action: 'invitation.sent',
          targetType: 'account',
          targetId: account.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          after: {
            invitationId: id,
            email: account.email,
            role: role.key,
            orgId: org.id,
            groupId: group?.id ?? null,
            expiresAt,
            ...(attested ? { attested: tenant.attestation } : {}),
            ...this.linkHandedOver(),
          },
        });
        const view = { ...toInvitation(await this.requireRow(trx, id), this.clock.now().toISOString()), ...this.heldLink(link) };
        return warning ? { ...view, warnings: [warning] } : view;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(ErrorCodes.emailTaken, 'An account with this email was created at the same moment.');
      throw error;
    }
  }

  async listInvitations(actor: Actor, query: InvitationQuery): Promise<{ items: Invitation[]; nextCursor: string | null }> {
    const roots = visibleRoots(actor);
    if (roots !== 'all' && roots.length === 0) throw forbidden('You do not have permission to see invitations.');
    let orgPath: string | undefined;
    if (query.orgId) {
      const [org] = await this.orgs.getManyByIds(this.db, [query.orgId]);
      if (!org || !this.sees(actor, org.path)) throw notFound('The organization');
      orgPath = org.path;
    }
    const limit = query.limit ?? 50;
    const before = query.cursor ? (decodeCursor(query.cursor, 2) as [string, string]) : undefined;
    const rows = await this.repo.list(this.db, {
      tenantId: actor.isGlobalAdmin ? null : actor.tenantId,
      roots,
      status: query.status,
      now: this.clock.now().toISOString(),
      orgPath,
      invitedBy: query.invitedBy,
      before,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (r) => [r.createdAt, r.id]);
    const now = this.clock.now().toISOString();
    return { items: page.map((r) => toInvitation(r, now)), nextCursor };
  }

  /** A new link (the old one dies); an expired invitation is pending again, if its role still has room. */
  async resendInvitation(actor: Actor, id: string): Promise<Invitation> {
    return inTransaction(this.db, async (trx) => {
      const row = await this.manageable(trx, actor, id);
      const now = this.clock.now().toISOString();
      const status = invitationStatus(row, now);
      if (status === 'accepted' || status === 'revoked') {
        throw conflict(ErrorCodes.invalidState, `This invitation was ${status}; it cannot be sent again.`);
      }
      const org = await this.requireOrg(trx, row.orgId);
      const role = await this.roles.getRoleById(trx, row.tenantId, row.roleId);
      if (!role) throw notFound('The role');
      if (row.accountStatus === 'expired') {
        await this.roles.checkLimit(trx, role, org, row.accountId);
        await this.accounts.reinvite(trx, row.accountId);
      }
      await this.welcomes.endLinks(trx, row.accountId);
      const tenant = await this.settings.settingsOf(trx, row.tenantId);
      const inviter = (await this.accounts.senderOf(trx, actor)) ?? { firstName: row.invitedByLabel, lastName: '' };
      const { expiresAt, link } = await this.welcomes.sendInvitation(
        trx,
        {
          accountId: row.accountId,
          email: row.email,
          username: row.email,
          firstName: row.firstName,
          lastName: row.lastName,
          orgName: org.name,
        },
        { tenantId: row.tenantId, tenantName: tenant.tenantName, registrationWindowDays: tenant.registrationWindowDays, sender: inviter },
        { id: row.id, inviter, roleLabel: role.label, groupName: row.groupName ?? '', message: row.message ?? '' },
      );
      await this.repo.update(trx, row.id, { expiresAt });
      await this.audit.record(trx, actor, {
        action: 'invitation.resent',
        targetType: 'account',
        targetId: row.accountId,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        before: { status, expiresAt: row.expiresAt },
        after: { status: 'pending', expiresAt, ...this.linkHandedOver() },
      });
      return { ...toInvitation(await this.requireRow(trx, id), this.clock.now().toISOString()), ...this.heldLink(link) };
    });
  }

  /** The invitation an invited account came from, if any (bulk resends send its own wording again). */
  async invitationIdOf(accountId: string): Promise<string | undefined> {
    return (await this.repo.getByAccount(this.db, accountId))?.id;
  }

  /** The link dies and the invited account is archived, so it holds no place against limits or seats. */
  async revokeInvitation(actor: Actor, id: string): Promise<Invitation> {
    return inTransaction(this.db, async (trx) => {
      const row = await this.manageable(trx, actor, id);
      const now = this.clock.now().toISOString();
      const status = invitationStatus(row, now);
      if (status === 'accepted' || status === 'revoked') {
        throw conflict(ErrorCodes.invalidState, `This invitation was already ${status}.`);
      }
      await this.welcomes.endLinks(trx, row.accountId);
      await this.accounts.withdrawInvitation(trx, row.accountId);
      await this.repo.update(trx, row.id, { revokedAt: now });
      await this.audit.record(trx, actor, {
        action: 'invitation.revoked',
        targetType: 'account',
        targetId: row.accountId,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        before: { status },
        after: { status: 'revoked' },
      });
      return toInvitation(await this.requireRow(trx, id), now);
    });
  }

  /** While mail is held, the answer carries the new link: the caller may send or manage this invitation. */
  private heldLink(link: string): { link?: string } {
    return this.mailDelivers ? {} : { link };
  }

  /** The audit trail says when a link went to the person who asked, not only by email. */
  private linkHandedOver(): { linkShownToSender?: true } {
    return this.mailDelivers ? {} : { linkShownToSender: true };
  }

  /** Seeing invitations at an organization: inviting there, or reading its accounts. */
  private sees(actor: Actor, orgPath: string): boolean {
    return can(actor, Permissions.invitationsSend, orgPath) || can(actor, Permissions.accountsRead, orgPath);
  }

  /**
   * An invitation the actor may resend or revoke: one they could send (inviting into its role there),
   * or one whose account they may manage. Out of sight answers 404.
   */
  private async manageable(db: Executor, actor: Actor, id: string): Promise<InvitationWithDetails> {
    const row = await this.repo.getById(db, id);
    if (!row || (!actor.isGlobalAdmin && row.tenantId !== actor.tenantId) || !this.sees(actor, row.orgPath)) {
      throw notFound('The invitation');
    }
    const mayInvite = can(actor, Permissions.invitationsSend, row.orgPath) && mayInviteRole(actor, row.roleKey, row.orgPath);
    if (!mayInvite && !can(actor, Permissions.accountsLifecycle, row.orgPath)) {
      throw forbidden('You may not change this invitation.', ErrorCodes.roleNotAllowed);
    }
    return row;
  }

  /** The group named by the invitation, or else the inviter's default group when the organization lies inside it. */
  private async groupFor(db: Executor, actor: Actor, org: OrganizationRow, groupId: string | undefined): Promise<GroupWithOrg | undefined> {
    if (groupId) {
      const group = await this.groups.findGroup(db, groupId);
      if (!group || group.tenantId !== org.tenantId || !this.groups.sees(actor, group.orgPath)) {
        throw fieldError('groupId', 'There is no such group within your reach.');
      }
      if (!org.path.startsWith(group.orgPath)) {
        throw fieldError('groupId', `The group "${group.name}" belongs to ${group.orgName}; invite into an organization inside it.`);
      }
      return group;
    }
    const inviter = actor.accountId ? await this.accounts.getRecord(db, actor.accountId) : undefined;
    if (!inviter?.defaultGroupId) return undefined;
    const group = await this.groups.findGroup(db, inviter.defaultGroupId);
    return group && org.path.startsWith(group.orgPath) ? group : undefined;
  }

  private async requireOrg(db: Executor, orgId: string): Promise<OrganizationRow> {
    const [org] = await this.orgs.getManyByIds(db, [orgId]);
    if (!org) throw notFound('The organization');
    return org;
  }

  private async requireRow(db: Executor, id: string): Promise<InvitationWithDetails> {
    const row = await this.repo.getById(db, id);
    if (!row) throw notFound('The invitation');
    return row;
  }
}

function visibleRoots(actor: Actor): 'all' | string[] {
  const both = [reach(actor, Permissions.invitationsSend), reach(actor, Permissions.accountsRead)];
  if (both.includes('all')) return 'all';
  const paths = [...new Set(both.flat() as string[])];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(other)));
}
