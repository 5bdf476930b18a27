import type { AuditSource } from '../../../common/permissions.ts';
import type { RegistrationInfo, RegistrationInput } from '../../../common/schemas/onboarding.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { AppError, accountArchived, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthService, SignInResult } from '../auth/auth.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { InvitationAcceptanceService } from '../invitations/invitation-acceptance.service.ts';
import { linkUsed, liveLink } from './links.ts';
import type { OneTimeTokensRepository } from './one-time-tokens.repository.ts';

const messages = {
  used: 'This activation link has already been used. Sign in with the password you chose, or use “Forgot password?”.',
  expired: 'This activation link has expired or was replaced by a newer one. Ask your administrator to send you a new link.',
  revoked: 'This invitation was withdrawn by the person who sent it. If you still need an account, ask them to invite you again.',
};

/** The registration page: a person follows their activation link, confirms their name, chooses a password. */
export class RegistrationService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly tokens: OneTimeTokensRepository,
    private readonly credentials: CredentialsService,
    private readonly auth: AuthService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly invitations: InvitationAcceptanceService,
  ) {}

  async describe(token: string): Promise<RegistrationInfo> {
    await this.refuseRevoked(token);
    const link = await liveLink(this.db, this.tokens, token, 'activation', this.clock.now(), messages);
    const account = await this.registrableAccount(link.accountId);
    const tenant = await this.settings.settingsOf(this.db, account.tenantId);
    const invitation = await this.invitations.describe(this.db, account.id);
    return {
      kind: invitation ? 'invitation' : 'activation',
      ...(invitation ? { invitation } : {}),
      firstName: account.firstName,
      lastName: account.lastName,
      email: account.email,
      username: account.username,
      orgName: account.orgName,
      tenantName: tenant.tenantName,
      invitedBy: await this.creatorOf(account),
      expiresAt: link.expiresAt,
      passwordRules: { minLength: await this.credentials.minLengthFor(account.tenantId) },
    };
  }

  /** Sets the password, activates the account, uses the link, and signs the person in. */
  async register(
    token: string,
    input: RegistrationInput,
    client: { clientIp: string; userAgent?: string; source: AuditSource; requestId?: string },
  ): Promise<SignInResult> {
    await this.refuseRevoked(token);
    const link = await liveLink(this.db, this.tokens, token, 'activation', this.clock.now(), messages);
    const account = await this.registrableAccount(link.accountId);
    // Hashing takes a while; it happens before the transaction so it holds no lock.
    const hash = await this.credentials.hashAcceptable(
      input.password,
      { username: account.username, email: account.email, tenantId: account.tenantId },
      'chosen',
      'password',
    );
    const actor = await this.auth.actorFor(account, client.source, client.requestId);
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.now().toISOString();
      // Two submissions of one link: the first to mark it used wins, the other is told it was used.
      if (!(await this.tokens.markUsed(trx, link.id, now))) throw linkUsed('activation', messages.used);
      await this.tokens.expireLive(trx, account.id, 'activation', now);
      await this.accounts.completeRegistration(trx, account.id, { firstName: input.firstName, lastName: input.lastName });
      await this.credentials.setPassword(trx, account.id, hash, { temporary: false });
      await this.invitations.accept(trx, actor, account);
      await this.audit.record(trx, actor, {
        action: 'account.registered',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
        before: { status: account.status, firstName: account.firstName, lastName: account.lastName },
        after: { status: 'active', firstName: input.firstName, lastName: input.lastName },
      });
    });
    const registered = await this.accounts.getRecord(this.db, account.id);
    if (!registered) throw notFound('The account');
    return { ...(await this.auth.openSession(registered, client)), mustChangePassword: false };
  }

  /** A withdrawn invitation's link says so, rather than reading as merely expired. */
  private async refuseRevoked(token: string): Promise<void> {
    const row = await this.tokens.getByHash(this.db, sha256(token));
    if (row?.accountId && (await this.invitations.isRevoked(this.db, row.accountId))) {
      throw new AppError('gone', ErrorCodes.invitationRevoked, messages.revoked);
    }
  }

  private async registrableAccount(accountId: string): Promise<AccountWithOrg> {
    const account = await this.accounts.getRecord(this.db, accountId);
    if (!account) throw notFound('This link');
    if (account.status === 'archived') throw accountArchived();
    if (account.status === 'active') throw linkUsed('activation', messages.used);
    return account;
  }

  private async creatorOf(account: AccountWithOrg): Promise<{ firstName: string; lastName: string } | null> {
    const creatorId = await this.audit.creatorOf(this.db, account.id);
    const creator = creatorId ? await this.accounts.getRecord(this.db, creatorId) : undefined;
    return creator ? { firstName: creator.firstName, lastName: creator.lastName } : null;
  }
}
