import type { PasswordResetInfo } from '../../../common/schemas/onboarding.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { accountArchived, notFound } from '../../platform/errors.ts';
import { sha256 } from '../../platform/hashing.ts';
import { systemActor } from '../../platform/actor.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import type { ThrottlePolicy, ThrottleService } from '../auth/throttle.service.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService } from '../notifications/outbox.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import { linkUsed, liveLink } from './links.ts';
import type { OneTimeTokensRepository } from './one-time-tokens.repository.ts';
import type { ActivationService } from './activation.service.ts';

/** A reset link works once, for an hour. */
export const resetLinkMinutes = 60;
/** At most this many reset emails per account per hour, whoever asks: the inbox is not a target. */
const emailsPerAccountPerHour = 3;
/** One client may ask 10 times in 15 minutes, then waits 15 minutes. */
const perClientRequests: ThrottlePolicy = { free: 10, delaysSeconds: [900], streakSeconds: 900 };

export const resetRequestedMessage =
  'If an account matches what you entered, we have sent a link to choose a new password to its email address. The link works for 60 minutes.';

const messages = {
  used: 'This reset link has already been used. If you need to, ask for a new one.',
  expired: 'This reset link has expired or was replaced by a newer one. Ask for a new one.',
};

/**
 * "Forgot password?": the answer never says whether an account exists; a link is single-use and short-lived;
 * using it ends every session and revokes every API token of the account.
 */
export class PasswordResetService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly tokens: OneTimeTokensRepository,
    private readonly credentials: CredentialsService,
    private readonly auth: AuthService,
    private readonly throttle: ThrottleService,
    private readonly templates: EmailTemplatesService,
    private readonly activation: ActivationService,
    private readonly outbox: OutboxService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly publicUrl: string,
  ) {}

  async requestReset(username: string, clientIp: string): Promise<void> {
    const clientKey = `reset-client:${clientIp}`;
    await this.throttle.takeOrThrow(clientKey, perClientRequests, 'password reset requests');
    const candidates = await this.accounts.findSignInCandidates(username);
    for (const account of candidates) {
      // Someone still waiting to activate has no password to reset: they get their activation link again.
      if (account.status === 'invited') await this.activation.resendOnRequest(account, clientIp, emailsPerAccountPerHour);
      else if (account.status === 'active' && (await this.credentials.hasPassword(this.db, account.id)))
        await this.sendLink(account, clientIp);
    }
  }

  async describe(token: string): Promise<PasswordResetInfo> {
    const link = await liveLink(this.db, this.tokens, token, 'password_reset', this.clock.now(), messages);
    const account = await this.resettableAccount(link.accountId);
    return {
      username: account.username,
      firstName: account.firstName,
      expiresAt: link.expiresAt,
      passwordRules: { minLength: await this.credentials.minLengthFor(account.tenantId) },
    };
  }

  async completeReset(token: string, newPassword: string, source: { requestId?: string }): Promise<void> {
    const link = await liveLink(this.db, this.tokens, token, 'password_reset', this.clock.now(), messages);
    const account = await this.resettableAccount(link.accountId);
    const hash = await this.credentials.hashAcceptable(
      newPassword,
      { username: account.username, email: account.email, tenantId: account.tenantId },
      'chosen',
      'newPassword',
    );
    const actor = await this.auth.actorFor(account, 'console', source.requestId);
    await inTransaction(this.db, async (trx) => {
      const now = this.clock.now().toISOString();
      if (!(await this.tokens.markUsed(trx, link.id, now))) throw linkUsed('password_reset', messages.used);
      await this.tokens.expireLive(trx, account.id, 'password_reset', now);
      await this.credentials.setPassword(trx, account.id, hash, { temporary: false });
      // Whoever held the old password may have made tokens with it: they end with the sessions.
      await this.credentials.endAllAccess(trx, account.id);
      await this.audit.record(trx, actor, {
        action: 'auth.password_reset',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
      });
    });
    // The person proved they hold the mailbox: earlier wrong guesses no longer lock them out.
    await this.auth.forgetFailedSignIns(account.id);
  }

  private async sendLink(account: AccountWithOrg, clientIp: string): Promise<void> {
    const hourAgo = new Date(this.clock.now().getTime() - 3600_000).toISOString();
    if ((await this.tokens.countSince(this.db, account.id, 'password_reset', hourAgo)) >= emailsPerAccountPerHour) return;
    await inTransaction(this.db, async (trx) => {
      await this.issueLink(trx, account);
      await this.audit.record(trx, systemActor('api', `password reset request from ${clientIp}`), {
        action: 'auth.password_reset_requested',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
      });
    });
  }

  /**
   * In the caller's transaction: ends the account's live reset links, makes a new one and queues its
   * email. Returns the link itself (only its hash is stored) for an administrator who must hand it over
   * when mail is held; the caller audits.
   */
  async issueLink(trx: Executor, account: AccountWithOrg): Promise<{ url: string; expiresAt: string }> {
    const now = this.clock.now();
    const tenant = await this.settings.settingsOf(trx, account.tenantId);
    const token = this.ids.randomToken(32);
    const id = this.ids.newId();
    const expiresAt = new Date(now.getTime() + resetLinkMinutes * 60_000).toISOString();
    const url = `${this.publicUrl}/reset-password/${token}`;
    await this.tokens.expireLive(trx, account.id, 'password_reset', now.toISOString());
    await this.tokens.insertMany(trx, [
      {
        id,
        tenantId: account.tenantId,
        accountId: account.id,
        purpose: 'password_reset',
        tokenHash: sha256(token),
        expiresAt,
        usedAt: null,
        createdAt: now.toISOString(),
      },
    ]);
    const render = await this.templates.compileForOutbox(trx, account.tenantId, 'password_reset');
    await this.outbox.enqueue(trx, {
      tenantId: account.tenantId,
      kind: 'password_reset',
      recipient: account.email,
      ...render({
        firstName: account.firstName,
        lastName: account.lastName,
        email: account.email,
        username: account.username,
        orgName: account.orgName,
        tenantName: tenant.tenantName,
        loginUrl: this.publicUrl,
        resetUrl: url,
        expiresInMinutes: String(resetLinkMinutes),
      }),
      payload: { accountId: account.id, tokenId: id },
      dedupeKey: `password_reset:${id}`,
    });
    return { url, expiresAt };
  }

  private async resettableAccount(accountId: string): Promise<AccountWithOrg> {
    const account = await this.accounts.getRecord(this.db, accountId);
    if (!account) throw notFound('This link');
    if (account.status === 'archived') throw accountArchived();
    return account;
  }
}
