import { Permissions } from '../../../common/permissions.ts';
import type { DuplicatesResult } from '../../../common/schemas/accounts.ts';
import type { AccountRequestDetail, CreateFromRequestInput, RedirectCandidate } from '../../../common/schemas/account-requests.ts';
import type { Db } from '../../db/connection.ts';
import { can, type Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { fieldError, invalidState } from '../../platform/errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { DuplicatesService } from '../accounts/duplicates.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { AccountRequestsRepository } from './account-requests.repository.ts';
import { handlerRoots, requireSeen } from './request-access.ts';
import type { QueueService } from './queue.service.ts';
import type { RequesterMailService } from './requester-mail.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';

/**
 * The two ways a request ends in an account: the handler creates it (prefilled from the request,
 * checked for duplicates, welcomed with an activation link), or hands the request to someone who
 * may invite the person.
 */
export class HandOverService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountRequestsRepository,
    private readonly queue: QueueService,
    private readonly accounts: AccountsService,
    private readonly duplicates: DuplicatesService,
    private readonly roles: RolesService,
    private readonly mail: RequesterMailService,
    private readonly tenants: TenantSettingsService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** Accounts that may already be this person: same email, or a similar name, across the tenant. */
  async duplicatesOf(actor: Actor, id: string): Promise<DuplicatesResult> {
    const row = requireSeen(actor, await this.repo.getById(this.db, id));
    this.queue.requireHandler(actor, row);
    return this.duplicates.findDuplicates(actor, {
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      ...(row.orgId ? { orgId: row.orgId } : {}),
    });
  }

  /**
   * Creates the account through the accounts service (its own checks: reach, duplicate email, role,
   * limits, attestation; its own audit and welcome), then links it to the request. The two are separate
   * transactions: should the link fail, the account stands and the next attempt reports it as taken.
   */
  async createAccount(actor: Actor, id: string, input: CreateFromRequestInput): Promise<AccountRequestDetail> {
    const row = requireSeen(actor, await this.repo.getById(this.db, id));
    this.queue.requireHandler(actor, row);
    if (row.accountId) throw invalidState('An account was already created for this request.');
    const account = await this.accounts.createAccount(actor, {
      orgId: input.orgId,
      firstName: input.firstName ?? row.firstName,
      lastName: input.lastName ?? row.lastName,
      email: input.email ?? row.email,
      ...(input.role ? { role: input.role } : {}),
      ...(input.password ? { password: input.password } : {}),
      ...(input.attested !== undefined ? { attested: input.attested } : {}),
    });
    return this.queue.change(actor, id, async (trx, current) => {
      if (current.accountId) throw invalidState('An account was already created for this request.');
      await this.repo.update(trx, current.id, { accountId: account.id, updatedAt: this.clock.now().toISOString() });
      const role = input.role ? `, role ${input.role}` : '';
      const welcome = input.password
        ? 'a temporary password was set, to be changed at first sign-in'
        : 'the welcome with an activation link was sent';
      return {
        action: 'account_request.account_created',
        event: `Account created for ${account.firstName} ${account.lastName} (${account.email}) at ${account.orgName ?? 'their organization'}${role}; ${welcome}.`,
        after: { accountId: account.id, orgId: account.orgId, role: input.role ?? null },
      };
    });
  }

  /** People in the handler's reach who may invite someone: the request can be handed to them. */
  async candidates(actor: Actor, id: string, q: string | undefined): Promise<RedirectCandidate[]> {
    const row = requireSeen(actor, await this.repo.getById(this.db, id));
    this.queue.requireHandler(actor, row);
    const rows = await this.repo.inviters(this.db, row.tenantId, handlerRoots(actor), q, 200);
    const byAccount = new Map<string, RedirectCandidate>();
    for (const r of rows) {
      const known = byAccount.get(r.id) ?? {
        id: r.id,
        name: `${r.firstName} ${r.lastName}`,
        email: r.email,
        orgName: r.orgName,
        mayInvite: [],
      };
      if (!known.mayInvite.includes(r.roleLabel)) known.mayInvite.push(r.roleLabel);
      byAccount.set(r.id, known);
    }
    return [...byAccount.values()].slice(0, 50);
  }

  /** Hands the request to someone who may invite (a programme director, a coach lead): it joins their queue. */
  async redirect(actor: Actor, id: string, accountId: string): Promise<AccountRequestDetail> {
    return this.queue.change(actor, id, async (trx, row) => {
      this.queue.requireHandler(actor, row);
      const target = await this.accounts.getRecord(trx, accountId);
      const grants =
        target && target.tenantId === row.tenantId && target.status === 'active' ? await this.roles.grantsOf(trx, accountId) : [];
      const inviting = grants.find((g) => (g.mayInvite ?? []).length > 0 && can(actor, Permissions.requestsHandle, g.orgPath));
      if (!target || !inviting) {
        throw fieldError('accountId', 'Hand the request to an active person in your part of the tree who may invite others.');
      }
      await this.repo.update(trx, row.id, { redirectedToId: target.id, updatedAt: this.clock.now().toISOString() });
      const sender = (await this.accounts.senderOf(trx, actor)) ?? { firstName: actor.label, lastName: '' };
      const tenant = await this.tenants.settingsOf(trx, row.tenantId);
      await this.mail.sendHanded(trx, row, target, { tenantName: tenant.tenantName, sender, eventId: this.ids.newId() });
      return {
        action: 'account_request.redirected',
        event: `Handed to ${target.firstName} ${target.lastName} (${target.email}), who may invite.`,
        before: { redirectedToId: row.redirectedToId },
        after: { redirectedToId: target.id, role: inviting.roleKey, orgId: inviting.orgId },
      };
    });
  }
}
