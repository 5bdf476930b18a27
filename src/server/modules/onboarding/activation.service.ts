import type { ActivationSent } from '../../../common/schemas/onboarding.ts';
import { Permissions } from '../../../common/permissions.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock } from '../../platform/clock.ts';
import { invalidState } from '../../platform/errors.ts';
import { systemActor, type Actor } from '../../platform/actor.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import { schedulePeriodicJob, type JobQueue } from '../../jobs/index.ts';
import type { OneTimeTokensRepository } from './one-time-tokens.repository.ts';
import type { WelcomeService } from './welcome.service.ts';

/** The job that turns invited accounts whose link lapsed into expired ones. */
export const expireInvitationsJob = 'onboarding.expire-invitations';

/** Accounts waiting for their person to follow an activation link: sending a new link, and expiry. */
export class ActivationService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly tokens: OneTimeTokensRepository,
    private readonly queue: JobQueue,
    private readonly welcomes: WelcomeService,
    private readonly settings: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A new link for an invited or expired account; earlier links stop working and the account is invited again. */
  async sendActivation(actor: Actor, accountId: string): Promise<ActivationSent> {
    return inTransaction(this.db, async (trx) => {
      const account = await this.accounts.requireAccount(trx, actor, accountId, Permissions.accountsLifecycle);
      if (account.status !== 'invited' && account.status !== 'expired') {
        throw invalidState(`Only invited or expired accounts get an activation link; this one is ${account.status}.`);
      }
      const expiresAt = await this.reissue(trx, account, actor, await this.accounts.senderOf(trx, actor));
      return { accountId: account.id, status: 'invited' as const, expiresAt };
    });
  }

  /**
   * The person asked ("Forgot password?" before ever activating): a fresh link, at most `perHour` an
   * hour so nobody can flood their inbox. The window restarts: they get the tenant's whole window to use it.
   */
  async resendOnRequest(account: AccountWithOrg, clientIp: string, perHour: number): Promise<void> {
    const hourAgo = new Date(this.clock.now().getTime() - 3600_000).toISOString();
    if ((await this.tokens.countSince(this.db, account.id, 'activation', hourAgo)) >= perHour) return;
    await inTransaction(this.db, async (trx) => {
      await this.reissue(trx, account, systemActor('api', `password reset request from ${clientIp}`), null);
    });
  }

  /** Kills the account's live links, invites it again, mails a new link and audits it; returns the new expiry. */
  private async reissue(
    trx: Executor,
    account: AccountWithOrg,
    actor: Actor,
    sender: { firstName: string; lastName: string } | null,
  ): Promise<string> {
    const now = this.clock.now().toISOString();
    await this.tokens.expireLive(trx, account.id, 'activation', now);
    if (account.status === 'expired') await this.accounts.reinvite(trx, account.id);
    const tenant = await this.settings.settingsOf(trx, account.tenantId);
    const { expiresAt } = await this.welcomes.sendActivationLinks(
      trx,
      [
        {
          accountId: account.id,
          email: account.email,
          username: account.username,
          firstName: account.firstName,
          lastName: account.lastName,
          orgName: account.orgName,
        },
      ],
      { tenantId: account.tenantId, tenantName: tenant.tenantName, registrationWindowDays: tenant.registrationWindowDays, sender },
    );
    await this.audit.record(trx, actor, {
      action: 'account.activation_sent',
      targetType: 'account',
      targetId: account.id,
      tenantId: account.tenantId,
      orgPath: account.orgPath,
      before: { status: account.status },
      after: { status: 'invited', expiresAt },
    });
    return expiresAt;
  }

  /**
   * Queues the expiry sweep now and every `everyMs`. Every instance does this; the dedupe key keeps at
   * most one sweep queued or running across all of them, and the runner hands it to one instance.
   */
  scheduleExpirySweep(everyMs = 10 * 60_000, onError: (error: unknown) => void = () => undefined): () => void {
    return schedulePeriodicJob(this.db, this.queue, expireInvitationsJob, everyMs, onError);
  }

  /**
   * Invited accounts whose newest link ran out unused become `expired` (shown as such; a new link
   * revives them). Runs as a periodic job; a few hundred accounts per transaction.
   */
  async expireLapsedInvitations(): Promise<number> {
    let expired = 0;
    const actor = systemActor('system', 'registration window');
    for (;;) {
      const now = this.clock.now().toISOString();
      const ids = await this.tokens.invitedAccountsWithLapsedLinks(this.db, now, 500);
      if (ids.length === 0) return expired;
      await inTransaction(this.db, async (trx) => {
        const rows = await this.accounts.expireInvited(trx, ids, now);
        await this.audit.recordMany(
          trx,
          actor,
          rows.map((row) => ({
            action: 'account.expired',
            targetType: 'account',
            targetId: row.id,
            tenantId: row.tenantId,
            orgPath: row.orgPath,
            before: { status: 'invited' },
            after: { status: 'expired' },
          })),
        );
        expired += rows.length;
      });
      if (ids.length < 500) return expired;
    }
  }
}
