import type { Executor } from '../../db/connection.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { EmailTemplatesService } from '../email-templates/email-templates.service.ts';
import type { OutboxService, OutgoingMessage } from '../notifications/outbox.service.ts';
import type { OneTimeTokensRepository, OneTimeTokenRow } from './one-time-tokens.repository.ts';

/** A new (or re-invited) account, as its welcome email needs it. */
export interface WelcomeTarget {
  accountId: string;
  email: string;
  username: string;
  firstName: string;
  lastName: string;
  orgName: string;
  /** Only when the tenant allows the password in the email. */
  temporaryPassword?: string;
}

/** The tenant and the person who created the accounts, the same for a whole batch. */
export interface WelcomeContext {
  tenantId: string;
  tenantName: string;
  registrationWindowDays: number;
  sender: { firstName: string; lastName: string } | null;
  /**
   * Set by an import's commit: where this process cannot send mail, its welcomes are stored held at
   * once (see OutboxService.enqueueMany). Single changes leave the decision to the delivery job.
   */
  holdWhereUndeliverable?: boolean;
}

const passwordNotInEmail = '(your administrator will give it to you)';

/**
 * Welcome emails, written in the caller's transaction so they exist exactly when the accounts do.
 * Activation welcomes carry a fresh single-use link (only its hash is stored); password welcomes carry
 * the temporary password only where the tenant allows it. One template read and two bulk inserts per
 * batch, whatever its size.
 */
export class WelcomeService {
  constructor(
    private readonly templates: EmailTemplatesService,
    private readonly outbox: OutboxService,
    private readonly tokens: OneTimeTokensRepository,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly publicUrl: string,
  ) {}

  /** Issues an activation link per account and queues its welcome; returns when the links expire. */
  async sendActivationLinks(trx: Executor, targets: readonly WelcomeTarget[], context: WelcomeContext): Promise<{ expiresAt: string }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + context.registrationWindowDays * 86_400_000).toISOString();
    if (targets.length === 0) return { expiresAt };
    const render = await this.templates.compileForOutbox(trx, context.tenantId, 'welcome_activation');
    const expiresOn = formatDay(expiresAt);
    const tokenRows: OneTimeTokenRow[] = [];
    const messages: OutgoingMessage[] = [];
    for (const target of targets) {
      const token = this.ids.randomToken(32);
      const id = this.ids.newId();
      tokenRows.push({
        id,
        tenantId: context.tenantId,
        accountId: target.accountId,
        purpose: 'activation',
        tokenHash: sha256(token),
        expiresAt,
        usedAt: null,
        createdAt: now.toISOString(),
      });
      const email = render({ ...this.personValues(target, context), activationUrl: `${this.publicUrl}/register/${token}`, expiresOn });
      messages.push({
        tenantId: context.tenantId,
        kind: 'welcome_activation',
        recipient: target.email,
        ...email,
        payload: { accountId: target.accountId, tokenId: id },
        dedupeKey: `welcome_activation:${id}`,
      });
    }
    await this.tokens.insertMany(trx, tokenRows);
    await this.outbox.enqueueMany(trx, messages, { holdWhereUndeliverable: context.holdWhereUndeliverable });
    return { expiresAt };
  }

  /**
   * An invitation's email with a fresh activation link (the invited account registers through the same
   * page as any other); returns when the link expires.
   */
  async sendInvitation(
    trx: Executor,
    target: WelcomeTarget,
    context: WelcomeContext,
    invitation: { id: string; inviter: { firstName: string; lastName: string }; roleLabel: string; groupName: string; message: string },
  ): Promise<{ expiresAt: string; link: string }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + context.registrationWindowDays * 86_400_000).toISOString();
    const render = await this.templates.compileForOutbox(trx, context.tenantId, 'invitation');
    const token = this.ids.randomToken(32);
    const tokenId = this.ids.newId();
    await this.tokens.insertMany(trx, [
      {
        id: tokenId,
        tenantId: context.tenantId,
        accountId: target.accountId,
        purpose: 'activation',
        tokenHash: sha256(token),
        expiresAt,
        usedAt: null,
        createdAt: now.toISOString(),
      },
    ]);
    const link = `${this.publicUrl}/register/${token}`;
    const email = render({
      ...this.personValues(target, context),
      activationUrl: link,
      expiresOn: formatDay(expiresAt),
      inviterFirstName: invitation.inviter.firstName,
      inviterLastName: invitation.inviter.lastName,
      roleLabel: invitation.roleLabel,
      groupName: invitation.groupName,
      message: invitation.message,
    });
    await this.outbox.enqueueMany(trx, [
      {
        tenantId: context.tenantId,
        kind: 'invitation',
        recipient: target.email,
        ...email,
        payload: { accountId: target.accountId, tokenId, invitationId: invitation.id },
        dedupeKey: `invitation:${tokenId}`,
      },
    ]);
    return { expiresAt, link };
  }

  /** Ends the account's unused activation links (a resend replaces them; a revoke kills them). */
  async endLinks(trx: Executor, accountId: string): Promise<void> {
    await this.tokens.expireLive(trx, accountId, 'activation', this.clock.now().toISOString());
  }

  /** Tells the inviter that the person they invited has registered. */
  async sendInvitationAccepted(
    trx: Executor,
    tenantId: string,
    inviter: { email: string; firstName: string; lastName: string },
    values: Record<string, string>,
  ): Promise<void> {
    const render = await this.templates.compileForOutbox(trx, tenantId, 'invitation_accepted');
    await this.outbox.enqueueMany(trx, [
      {
        tenantId,
        kind: 'invitation_accepted',
        recipient: inviter.email,
        ...render({ ...values, firstName: inviter.firstName, lastName: inviter.lastName, loginUrl: this.publicUrl }),
        payload: { inviteeEmail: values.inviteeEmail ?? '' },
        dedupeKey: `invitation_accepted:${this.ids.newId()}`,
      },
    ]);
  }

  /** Welcomes for accounts given a temporary password by their administrator. */
  async sendPasswordWelcomes(trx: Executor, targets: readonly WelcomeTarget[], context: WelcomeContext): Promise<void> {
    if (targets.length === 0) return;
    const render = await this.templates.compileForOutbox(trx, context.tenantId, 'welcome_password');
    await this.outbox.enqueueMany(
      trx,
      targets.map((target) => {
        // Named fields rather than spreads: this runs once per account of an import (see newAccountRow).
        const values = this.personValues(target, context);
        values.temporaryPassword = target.temporaryPassword ?? passwordNotInEmail;
        const email = render(values);
        return {
          tenantId: context.tenantId,
          kind: 'welcome_password',
          recipient: target.email,
          subject: email.subject,
          bodyText: email.bodyText,
          bodyHtml: email.bodyHtml,
          // The password is named so that the stored copy can drop it once the message is delivered.
          payload: target.temporaryPassword
            ? { accountId: target.accountId, secrets: [target.temporaryPassword] }
            : { accountId: target.accountId },
          dedupeKey: `welcome_password:${target.accountId}`,
        };
      }),
      { holdWhereUndeliverable: context.holdWhereUndeliverable },
    );
  }

  /**
   * Takes back the welcomes of accounts an import's rollback removes or archives: their links stop
   * working and their messages not yet sent are cancelled. Returns how many messages were cancelled.
   */
  async withdraw(trx: Executor, accountIds: readonly string[], reason: string): Promise<number> {
    if (accountIds.length === 0) return 0;
    const tokenIds = await this.tokens.idsOf(trx, accountIds, 'activation');
    await this.tokens.expireAllLive(trx, accountIds, this.clock.now().toISOString());
    return this.outbox.cancel(
      trx,
      [...accountIds.map((id) => `welcome_password:${id}`), ...tokenIds.map((id) => `welcome_activation:${id}`)],
      reason,
    );
  }

  private personValues(target: WelcomeTarget, context: WelcomeContext): Record<string, string> {
    return {
      firstName: target.firstName,
      lastName: target.lastName,
      email: target.email,
      username: target.username,
      orgName: target.orgName,
      tenantName: context.tenantName,
      loginUrl: this.publicUrl,
      senderFirstName: context.sender?.firstName ?? 'Your administrator',
      senderLastName: context.sender?.lastName ?? '',
    };
  }
}

/** "January 22, 2027": a day a reader anywhere understands, in UTC like every stored time. */
export function formatDay(iso: string): string {
  return dayFormat.format(new Date(iso));
}

// Built once: making an Intl.DateTimeFormat costs more than the rest of a welcome email.
const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
