import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Account, CreateAccountInput, UpdateAccountInput } from '../../../common/schemas/accounts.ts';
import type { Db, Executor } from '../../db/connection.ts';
import type { AccountUpdate, OrganizationRow } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, invalidState, notFound, preconditionFailed } from '../../platform/errors.ts';
import { can, isTenantAdministrator, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { WelcomeService } from '../onboarding/welcome.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import { requireAttestation } from '../tenants/attestation.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { emailDomainOf, emailKey, usernameKey } from './account-keys.ts';
import { accountColumns, newAccountRow } from './account-columns.ts';
import { auditFields, toAccount } from './account-view.ts';
import { assertAccountWithinReach, rolesLostOnMove } from './account-reach.ts';
import type { AccountsRepository, AccountWithOrg } from './accounts.repository.ts';
import type { AccountBrief, AccountToCompare } from './account-record.ts';
import { noSeatCheck, type SeatCheck } from './account-seats.ts';

export interface CreateAccountOptions {
  /** Global administrators made by bootstrap and the CLI. */
  globalAdmin?: boolean;
  /** A password the person chose (bootstrap), rather than a temporary one they must change. */
  passwordIsFinal?: boolean;
  /** The operator's own choice from the environment: accepted even when weak (start-up warns instead). */
  bypassPolicy?: boolean;
  /** Created by an identity provider over SCIM: its own id for the person. */
  scimExternalId?: string | null;
}

/** How a change is made: SCIM's If-Match names the version the client read; SCIM also keeps the provider's id. */
export interface UpdateAccountOptions {
  expectedVersion?: number;
  scimExternalId?: string | null;
}

/** Checks a default group for an account (the groups module; set once the container has built it). */
export interface DefaultGroupCheck {
  requireDefaultGroup(db: Executor, actor: Actor, account: AccountWithOrg, groupId: string): Promise<void>;
}

/** What other modules do when an account is archived, in the same transaction (enrollment releases its places). */
export interface ArchiveHook {
  onArchive(trx: Executor, actor: Actor, account: AccountWithOrg): Promise<void>;
}

export class AccountsService {
  private defaultGroups: DefaultGroupCheck | undefined;
  private archiveHooks: ArchiveHook[] = [];
  private seats: SeatCheck = noSeatCheck;

  constructor(
    private readonly db: Db,
    private readonly repo: AccountsRepository,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly welcomes: WelcomeService,
    private readonly settings: TenantSettingsService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async createAccount(actor: Actor, input: CreateAccountInput, options: CreateAccountOptions = {}): Promise<Account> {
    const username = input.username ?? input.email;
    if (input.username !== undefined && usernameKey(input.username) !== emailKey(input.email)) {
      await this.requireUsernameAuthority(this.db, actor, input.orgId);
    }
    // The tenant matters here only for checking a password against its policy.
    const [place] = input.password === undefined ? [] : await this.orgs.getManyByIds(this.db, [input.orgId]);
    const identity = { username, email: input.email, tenantId: place?.tenantId };
    // Hash before the transaction: argon2 takes ~11 ms and must not hold the write lock.
    const passwordHash =
      input.password === undefined
        ? undefined
        : options.bypassPolicy
          ? await this.credentials.hashUnchecked(input.password)
          : await this.credentials.hashAcceptable(input.password, identity, options.passwordIsFinal ? 'chosen' : 'temporary');
    try {
      return await inTransaction(this.db, async (trx) => {
        const org = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.accountsWrite);
        await this.assertIdentityFree(trx, actor, org.tenantId, input.email, username);
        const role = input.role ? await this.roles.checkGrant(trx, actor, org.tenantId, input.role, org) : undefined;
        const tenant = await this.settings.settingsOf(trx, org.tenantId);
        const attested = requireAttestation(tenant.attestation, input.attested, options.globalAdmin === true);
        const sendsWelcome = !options.globalAdmin && !options.passwordIsFinal;
        if (sendsWelcome && !passwordHash && tenant.onboarding === 'temporary_password') {
          throw fieldError(
            'password',
            'This tenant gives new accounts a temporary password: enter one. The person changes it when they first sign in.',
            ErrorCodes.temporaryPasswordRequired,
          );
        }
        const place = { tenantId: org.tenantId, path: org.path };
        await this.seats.assertRoom(trx, place);
        const now = this.clock.now().toISOString();
        const row = newAccountRow({
          id: this.ids.newId(),
          tenantId: org.tenantId,
          orgId: org.id,
          fields: { ...input, username },
          status: passwordHash ? 'active' : 'invited',
          isGlobalAdmin: options.globalAdmin,
          origin: { createdBy: actor.accountId },
          now,
        });
        if (options.scimExternalId) row.scimExternalId = options.scimExternalId;
        const stored = await this.repo.insertAndGet(trx, row);
        if (passwordHash) {
          await this.credentials.setPassword(trx, row.id, passwordHash, { temporary: !options.passwordIsFinal, tenantId: org.tenantId });
        }
        await this.audit.record(trx, actor, {
          action: 'account.created',
          targetType: 'account',
          targetId: row.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          after: {
            ...auditFields(row),
            role: input.role ?? null,
            temporaryPassword: Boolean(passwordHash && !options.passwordIsFinal),
            ...(attested ? { attested: tenant.attestation } : {}),
          },
        });
        const granted = role ? await this.roles.grantRole(trx, actor, { tenantId: org.tenantId, accountId: row.id, role, org }) : undefined;
        await this.seats.seatsChanged(trx, place);
        // Same transaction: the welcome exists exactly when the account does.
        if (sendsWelcome) {
          const context = {
            tenantId: org.tenantId,
            tenantName: tenant.tenantName,
            registrationWindowDays: tenant.registrationWindowDays,
            sender: await this.senderOf(trx, actor),
          };
          const target = {
            accountId: row.id,
            email: row.email,
            username: row.username,
            firstName: row.firstName,
            lastName: row.lastName,
            orgName: org.name,
            ...(passwordHash && tenant.temporaryPasswordInEmail && input.password ? { temporaryPassword: input.password } : {}),
          };
          if (passwordHash) await this.welcomes.sendPasswordWelcomes(trx, [target], context);
          else await this.welcomes.sendActivationLinks(trx, [target], context);
        }
        // The new account is what was just stored and the role just given: no need to read either back.
        const held =
          granted && role ? [{ grantId: granted.grantId, key: role.key, label: role.label, orgId: org.id, orgName: org.name }] : [];
        const account = toAccount(stored, held);
        return granted?.warning ? { ...account, warnings: [granted.warning] } : account;
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict(ErrorCodes.emailTaken, 'An account with this email or username was created at the same moment.');
      throw error;
    }
  }

  async getAccount(actor: Actor, id: string): Promise<Account> {
    const row = await this.requireAccount(this.db, actor, id, Permissions.accountsRead);
    return this.view(this.db, row.id, row);
  }

  async updateAccount(actor: Actor, id: string, input: UpdateAccountInput, options: UpdateAccountOptions = {}): Promise<Account> {
    return inTransaction(this.db, async (trx) => this.view(trx, id, await this.changeAccount(trx, actor, id, input, options)));
  }

  /** updateAccount for SCIM: the account as stored after the change (its version included), without the roles SCIM does not show. */
  async updateAccountRecord(
    actor: Actor,
    id: string,
    input: UpdateAccountInput,
    options: UpdateAccountOptions = {},
  ): Promise<AccountWithOrg> {
    return inTransaction(this.db, (trx) => this.changeAccount(trx, actor, id, input, options));
  }

  private async changeAccount(
    trx: Executor,
    actor: Actor,
    id: string,
    input: UpdateAccountInput,
    options: UpdateAccountOptions,
  ): Promise<AccountWithOrg> {
    // A person may choose their own default group (the group the people they invite land in).
    const onlyDefaultGroup = Object.keys(input).every((k) => k === 'defaultGroupId');
    const permission = onlyDefaultGroup && id === actor.accountId ? Permissions.accountsRead : Permissions.accountsWrite;
    const current = await this.requireAccount(trx, actor, id, permission);
    if (options.expectedVersion !== undefined && options.expectedVersion !== current.version) {
      throw preconditionFailed('The account changed since it was read: read it again, then change it.');
    }
    const changes: AccountUpdate = { ...accountColumns(input) };
    if (options.scimExternalId !== undefined) changes.scimExternalId = options.scimExternalId;
    if (input.defaultGroupId !== undefined && input.defaultGroupId !== current.defaultGroupId) {
      if (input.defaultGroupId !== null) {
        if (!this.defaultGroups) throw fieldError('defaultGroupId', 'Groups are not available.');
        await this.defaultGroups.requireDefaultGroup(trx, actor, current, input.defaultGroupId);
      }
      changes.defaultGroupId = input.defaultGroupId;
    }
    let destination: OrganizationRow | undefined;
    if (input.orgId !== undefined && input.orgId !== current.orgId) {
      destination = await this.orgs.requireOrganization(trx, actor, input.orgId, Permissions.accountsWrite);
      if (destination.tenantId !== current.tenantId) throw fieldError('orgId', 'An account cannot move to another tenant.');
      changes.orgId = destination.id;
      // Its seat, if it holds one, moves too: a full blocking contract it enters refuses it (409 seat_limit).
      await this.seats.assertRoomToMove(trx, current, destination.path);
      await this.revokeRolesLostOnMove(trx, actor, current, destination);
    }
    if (input.email !== undefined && emailKey(input.email) !== current.emailKey) {
      await this.assertEmailFree(trx, actor, current.tenantId, input.email);
      Object.assign(changes, { email: input.email.trim(), emailKey: emailKey(input.email), emailDomain: emailDomainOf(input.email) });
    } else if (input.email !== undefined && input.email.trim() !== current.email) {
      changes.email = input.email.trim();
    }
    if (input.username !== undefined && input.username.trim() !== current.username) {
      await this.requireUsernameAuthority(trx, actor, current.orgId);
      if (usernameKey(input.username) !== current.usernameKey) await this.assertUsernameFree(trx, current.tenantId, input.username);
      Object.assign(changes, { username: input.username.trim(), usernameKey: usernameKey(input.username) });
    }
    const changed = changedFields(current, changes);
    if (Object.keys(changed).length === 0) return current;
    const guard = options.expectedVersion === undefined ? undefined : current.version;
    if (!(await this.repo.update(trx, id, { ...changed, updatedAt: this.clock.now().toISOString() }, guard))) {
      throw preconditionFailed('The account changed while this change was made: read it again, then change it.');
    }
    // Someone else moving an account to a new address is how a takeover starts: its sessions and API tokens end.
    if ('emailKey' in changed && id !== actor.accountId) await this.credentials.endAllAccess(trx, id);
    if (destination) {
      await this.seats.seatsChanged(trx, { tenantId: current.tenantId, path: current.orgPath });
      await this.seats.seatsChanged(trx, { tenantId: current.tenantId, path: destination.path });
    }
    await this.audit.record(trx, actor, {
      action: 'account.updated',
      targetType: 'account',
      targetId: id,
      tenantId: current.tenantId,
      orgPath: destination?.path ?? current.orgPath,
      before: auditFields(pick(current, Object.keys(changed))),
      after: auditFields(changed as Partial<AccountWithOrg>),
    });
    const updated = await this.repo.getById(trx, id);
    if (!updated) throw notFound('The account');
    return updated;
  }

  /** Archived accounts cannot sign in and do not count against seats; their sessions and tokens end now. */
  async archiveAccount(actor: Actor, id: string): Promise<Account> {
    return inTransaction(this.db, async (trx) => {
      const current = await this.requireAccount(trx, actor, id, Permissions.accountsLifecycle);
      if (current.id === actor.accountId) throw invalidState('You cannot archive your own account.');
      if (current.status === 'archived') throw invalidState('This account is already archived.');
      const now = this.clock.now().toISOString();
      await this.repo.update(trx, id, { status: 'archived', archivedAt: now, updatedAt: now });
      await this.credentials.endAllAccess(trx, id);
      for (const hook of this.archiveHooks) await hook.onArchive(trx, actor, current);
      await this.seats.seatsChanged(trx, { tenantId: current.tenantId, path: current.orgPath });
      await this.audit.record(trx, actor, {
        action: 'account.archived',
        targetType: 'account',
        targetId: id,
        tenantId: current.tenantId,
        orgPath: current.orgPath,
        before: { status: current.status },
        after: { status: 'archived' },
      });
      return this.view(trx, id);
    });
  }

  /** Back to active, or to invited when the person never set a password. */
  async reactivateAccount(actor: Actor, id: string): Promise<Account> {
    return inTransaction(this.db, async (trx) => {
      const current = await this.requireAccount(trx, actor, id, Permissions.accountsLifecycle);
      if (current.status !== 'archived') throw invalidState(`Only archived accounts can be reactivated; this one is ${current.status}.`);
      const warningsOnceBack = await this.roles.checkLimitsOnReturn(trx, current.tenantId, id);
      const status = (await this.credentials.hasPassword(trx, id)) ? 'active' : 'invited';
      const place = { tenantId: current.tenantId, path: current.orgPath };
      await this.seats.assertRoom(trx, place);
      const now = this.clock.now().toISOString();
      // A reactivation starts a new period of activity: the inactivity sweep must not archive it again at once.
      await this.repo.update(trx, id, { status, archivedAt: null, updatedAt: now, lastActivityAt: now });
      const warnings = await warningsOnceBack();
      await this.seats.seatsChanged(trx, place);
      await this.audit.record(trx, actor, {
        action: 'account.reactivated',
        targetType: 'account',
        targetId: id,
        tenantId: current.tenantId,
        orgPath: current.orgPath,
        before: { status: 'archived' },
        after: { status },
      });
      const account = await this.view(trx, id);
      return warnings.length > 0 ? { ...account, warnings } : account;
    });
  }

  /**
   * The account, when the actor holds `permission` over its organization. An account outside
   * the actor's reach is "not found"; one they can see but not change is "forbidden".
   */
  async requireAccount(
    db: Executor,
    actor: Actor,
    id: string,
    permission: (typeof Permissions)[keyof typeof Permissions],
  ): Promise<AccountWithOrg> {
    const row = await this.repo.getById(db, id);
    const isSelf = row !== undefined && row.id === actor.accountId;
    if (!row || (!actor.isGlobalAdmin && row.tenantId !== actor.tenantId)) throw notFound('The account');
    if (can(actor, permission, row.orgPath)) {
      // Changing an account needs reach over every role it holds, not only over its home organization.
      if (permission !== Permissions.accountsRead && !isSelf) {
        assertAccountWithinReach(actor, permission, row, (await this.roles.assignmentsOf(db, [row.id])).get(row.id) ?? []);
      }
      return row;
    }
    if (isSelf && permission === Permissions.accountsRead) return row;
    if (isSelf || can(actor, Permissions.accountsRead, row.orgPath)) throw forbidden('You do not have permission to change this account.');
    throw notFound('The account');
  }

  /** A move takes away the roles held away from the new home (docs/SECURITY.md, "Moves"), audited. */
  private async revokeRolesLostOnMove(trx: Executor, actor: Actor, account: AccountWithOrg, destination: OrganizationRow): Promise<void> {
    const held = (await this.roles.assignmentsOf(trx, [account.id])).get(account.id) ?? [];
    const lost = rolesLostOnMove(held, destination.path);
    await this.roles.revoke(trx, actor, account.tenantId, lost, `moved to ${destination.name}`);
  }

  /** First and last name of the person acting, for the emails they cause. */
  async senderOf(db: Executor, actor: Actor): Promise<{ firstName: string; lastName: string } | null> {
    // An actor built for this request already carries the name: reading the account again cost every create a query.
    if (actor.person) return { firstName: actor.person.firstName, lastName: actor.person.lastName };
    const account = actor.accountId ? await this.repo.getById(db, actor.accountId) : undefined;
    return account ? { firstName: account.firstName, lastName: account.lastName } : null;
  }

  /** A group is gone: the accounts that had it as their default group have none now (the group's deletion is audited). */
  async clearDefaultGroup(trx: Executor, groupId: string): Promise<void> {
    await this.repo.clearDefaultGroup(trx, groupId, this.clock.now().toISOString());
  }

  useDefaultGroups(check: DefaultGroupCheck): void {
    this.defaultGroups = check;
  }

  useSeats(check: SeatCheck): void {
    this.seats = check;
  }

  /**
   * The account an invitation is: status `invited`, no password, in the inviter's transaction. The
   * caller checked the inviter's right to invite; the email must be free in the tenant (an account
   * outside the inviter's reach is not described).
   */
  async createInvitedAccount(
    trx: Executor,
    actor: Actor,
    input: { org: OrganizationRow; email: string; firstName: string; lastName: string },
  ): Promise<AccountWithOrg> {
    const { org } = input;
    await this.assertEmailFree(trx, actor, org.tenantId, input.email);
    await this.assertUsernameFree(trx, org.tenantId, input.email);
    const place = { tenantId: org.tenantId, path: org.path };
    await this.seats.assertRoom(trx, place);
    const row = newAccountRow({
      id: this.ids.newId(),
      tenantId: org.tenantId,
      orgId: org.id,
      fields: { email: input.email, firstName: input.firstName, lastName: input.lastName },
      status: 'invited',
      origin: { createdBy: actor.accountId },
      now: this.clock.now().toISOString(),
    });
    await this.repo.insert(trx, row);
    await this.audit.record(trx, actor, {
      action: 'account.created',
      targetType: 'account',
      targetId: row.id,
      tenantId: org.tenantId,
      orgPath: org.path,
      after: { ...auditFields(row), invited: true },
    });
    await this.seats.seatsChanged(trx, place);
    const created = await this.repo.getById(trx, row.id);
    if (!created) throw notFound('The account');
    return created;
  }

  /** A revoked invitation: the account is archived, so it holds no place against limits or seats. */
  async withdrawInvitation(trx: Executor, accountId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.repo.update(trx, accountId, { status: 'archived', archivedAt: now, updatedAt: now });
  }

  /** Internal reads for sign-in and bootstrap: no actor, no scope. */
  async findSignInCandidates(identifier: string): Promise<AccountWithOrg[]> {
    const rows = await this.repo.findByLoginKey(this.db, usernameKey(identifier));
    const withOrg = await Promise.all(rows.map((r) => this.repo.getById(this.db, r.id)));
    return withOrg.filter((r): r is AccountWithOrg => r !== undefined);
  }

  useArchiveHook(hook: ArchiveHook): void {
    this.archiveHooks.push(hook);
  }

  /** Accounts by id, in brief, for services that check reach on each themselves (enrollment batches). */
  async getBriefs(db: Executor, ids: readonly string[]): Promise<AccountBrief[]> {
    return this.repo.getBriefsByIds(db, ids);
  }

  /** Accounts of the tenant by email key, with what an import's plan compares a row with (keys are emailKey()s). */
  async toCompareByEmails(db: Executor, tenantId: string, emailKeys: readonly string[]): Promise<Map<string, AccountToCompare>> {
    const rows = await this.repo.getToCompareByEmailKeys(db, tenantId, [...new Set(emailKeys)]);
    return new Map(rows.map((r) => [r.emailKey, r]));
  }

  /** Something the person did counts as activity now (a completed course), whatever the last one was. */
  async markActivity(db: Executor, accountId: string): Promise<void> {
    await this.repo.touchActivity(db, accountId, this.clock.now().toISOString());
  }

  async getRecord(db: Executor, id: string): Promise<AccountWithOrg | undefined> {
    return this.repo.getById(db, id);
  }

  async findByEmail(db: Executor, tenantId: string, email: string): Promise<AccountWithOrg | undefined> {
    return this.repo.getByEmailKey(db, tenantId, emailKey(email));
  }

  /** Records that the person did something (signed in); at most once an hour, to keep reads cheap. */
  async recordActivity(db: Executor, account: AccountWithOrg): Promise<void> {
    const now = this.clock.now();
    if (account.lastActivityAt && now.getTime() - Date.parse(account.lastActivityAt) < 3600_000) return;
    await this.repo.touchActivity(db, account.id, now.toISOString());
  }

  /**
   * The status changes onboarding makes: a new link for an expired account, the sweep of lapsed
   * invitations, a completed registration. The accounts table has one writer, this module; the
   * caller audits each change in the same transaction.
   */
  async reinvite(trx: Executor, accountId: string): Promise<void> {
    const account = await this.repo.getById(trx, accountId);
    const place = account ? { tenantId: account.tenantId, path: account.orgPath } : undefined;
    // An expired account holds no seat; invited again, it does.
    if (place && account?.status === 'expired') await this.seats.assertRoom(trx, place);
    await this.repo.update(trx, accountId, { status: 'invited', updatedAt: this.clock.now().toISOString() });
    if (place) await this.seats.seatsChanged(trx, place);
  }

  /** Turns the still-invited accounts among `ids` into `expired`; returns those it changed. */
  async expireInvited(trx: Executor, ids: readonly string[], now: string): Promise<AccountWithOrg[]> {
    return this.repo.getManyByIds(trx, await this.repo.expireInvited(trx, ids, now));
  }

  async completeRegistration(trx: Executor, accountId: string, names: { firstName: string; lastName: string }): Promise<void> {
    // The invitation already holds its seat: acceptance is refused only when the contract was lowered below use since.
    const account = await this.repo.getById(trx, accountId);
    if (account) await this.seats.assertRoom(trx, { tenantId: account.tenantId, path: account.orgPath }, 0);
    const columns = accountColumns(names);
    await this.repo.update(trx, accountId, { ...columns, status: 'active', updatedAt: this.clock.now().toISOString() });
  }

  async countGlobalAdmins(): Promise<number> {
    return this.repo.countGlobalAdmins(this.db);
  }

  async view(db: Executor, id: string, row?: AccountWithOrg): Promise<Account> {
    const account = row ?? (await this.repo.getById(db, id));
    if (!account) throw notFound('The account');
    const roles = await this.roles.rolesOf(db, [id]);
    return toAccount(account, roles.get(id) ?? []);
  }

  /** assertEmailFree and assertUsernameFree in one read, for a new account (the email's refusal comes first). */
  private async assertIdentityFree(db: Executor, actor: Actor, tenantId: string, email: string, username: string): Promise<void> {
    const holders = await this.repo.findByEmailOrUsernameKey(db, tenantId, emailKey(email), usernameKey(username));
    const emailHolder = holders.find((a) => a.emailKey === emailKey(email));
    if (emailHolder) this.refuseTakenEmail(actor, email, emailHolder);
    if (holders.some((a) => a.usernameKey === usernameKey(username))) this.refuseTakenUsername(username);
  }

  private async assertEmailFree(db: Executor, actor: Actor, tenantId: string, email: string): Promise<void> {
    const existing = await this.repo.getByEmailKey(db, tenantId, emailKey(email));
    if (existing) this.refuseTakenEmail(actor, email, existing);
  }

  private refuseTakenEmail(actor: Actor, email: string, existing: AccountWithOrg): never {
    const visible = can(actor, Permissions.accountsRead, existing.orgPath);
    throw conflict(
      ErrorCodes.emailTaken,
      visible
        ? `${email.trim()} already has an account (${existing.firstName} ${existing.lastName}, ${existing.orgName}).`
        : `${email.trim()} is already used by an account in another organization.`,
      { fields: { email: 'This email already has an account.' }, inScope: visible, ...(visible ? { accountId: existing.id } : {}) },
    );
  }

  private async assertUsernameFree(db: Executor, tenantId: string, username: string): Promise<void> {
    if (await this.repo.getByUsernameKey(db, tenantId, usernameKey(username))) this.refuseTakenUsername(username);
  }

  private refuseTakenUsername(username: string): never {
    throw conflict(ErrorCodes.usernameTaken, `The username "${username.trim()}" is already taken.`, {
      fields: { username: 'This username is taken.' },
    });
  }

  /** Usernames are changed only by global administrators and the tenant's own administrators. */
  private async requireUsernameAuthority(db: Executor, actor: Actor, orgId: string): Promise<void> {
    const [org] = await this.orgs.getManyByIds(db, [orgId]);
    if (!org) throw notFound('The organization');
    if (!isTenantAdministrator(actor, org.tenantId)) {
      throw forbidden('Only a system administrator can set or change a username.');
    }
  }
}

function changedFields(current: AccountWithOrg, changes: AccountUpdate): AccountUpdate {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if ((current as Record<string, unknown>)[key] !== value) out[key] = value;
  }
  return out as AccountUpdate;
}

function pick(row: AccountWithOrg, keys: string[]): Partial<AccountWithOrg> {
  return Object.fromEntries(keys.map((k) => [k, (row as Record<string, unknown>)[k]])) as Partial<AccountWithOrg>;
}
