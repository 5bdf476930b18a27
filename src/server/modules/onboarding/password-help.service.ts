import { Permissions } from '../../../common/permissions.ts';
import type { ResetLinkSent, TemporaryPasswordSet } from '../../../common/schemas/password-help.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { invalidState } from '../../platform/errors.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { CredentialsService } from '../auth/credentials.service.ts';
import { generateTemporaryPassword } from '../auth/temporary-password.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { PasswordResetService } from './password-reset.service.ts';

/**
 * An administrator helping someone who forgot their password: a reset link by email, or a temporary
 * password to hand over. Both need `accounts.lifecycle` over the account (and over every role it holds),
 * work on active accounts only (an invited one gets its activation link instead) and are audited
 * without the secret.
 */
export class PasswordHelpService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResetService,
    private readonly credentials: CredentialsService,
    private readonly auth: AuthService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    /** False when no SMTP server is configured: the email is held and the link is handed to the administrator. */
    private readonly mailDelivers: boolean,
  ) {}

  async sendResetLink(actor: Actor, accountId: string): Promise<ResetLinkSent> {
    const delivery = this.mailDelivers ? ('sent' as const) : ('held' as const);
    return inTransaction(this.db, async (trx) => {
      const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsLifecycle);
      requireActive(account);
      const link = await this.resets.issueLink(trx, account);
      await this.audit.record(trx, actor, {
        action: 'account.password_reset_sent',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
        after: { delivery, expiresAt: link.expiresAt },
      });
      return { accountId: account.id, expiresAt: link.expiresAt, delivery, resetUrl: delivery === 'held' ? link.url : null };
    });
  }

  /** Replaces the password with a generated temporary one; every session and API token of the account ends. */
  async setTemporaryPassword(actor: Actor, accountId: string): Promise<TemporaryPasswordSet> {
    const account = await this.accounts.requireAccount(this.db, actor, accountId, Permissions.accountsLifecycle);
    requireActive(account);
    const temporaryPassword = generateTemporaryPassword(await this.credentials.minLengthFor(account.tenantId));
    const hash = await this.credentials.hashAcceptable(
      temporaryPassword,
      { username: account.username, email: account.email, tenantId: account.tenantId },
      'temporary',
    );
    const result = await inTransaction(this.db, async (trx) => {
      // Checked again inside the transaction: the account may have been archived or moved meanwhile.
      const current = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsLifecycle);
      requireActive(current);
      await this.credentials.setPassword(trx, current.id, hash, { temporary: true, tenantId: current.tenantId });
      await this.credentials.endAllAccess(trx, current.id);
      const { temporaryPasswordDays } = await this.settings.settingsOf(trx, current.tenantId);
      const expiresAt = new Date(this.clock.now().getTime() + temporaryPasswordDays * 86_400_000).toISOString();
      await this.audit.record(trx, actor, {
        action: 'account.temporary_password_set',
        targetType: 'account',
        targetId: current.id,
        tenantId: current.tenantId,
        orgPath: current.orgPath,
        after: { mustChangePassword: true, expiresAt },
      });
      return { accountId: current.id, temporaryPassword, expiresAt };
    });
    // Earlier wrong guesses would otherwise keep the person locked out of the password just handed over.
    await this.auth.forgetFailedSignIns(result.accountId);
    return result;
  }
}

function requireActive(account: AccountWithOrg): void {
  if (account.status === 'active') return;
  throw invalidState(
    account.status === 'archived'
      ? 'This account is archived: reactivate it first.'
      : `This account is ${account.status} and has no password yet: send it an activation link instead.`,
  );
}
