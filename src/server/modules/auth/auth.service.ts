import { ErrorCodes } from '../../../common/error-codes.ts';
import type { AuditSource } from '../../../common/permissions.ts';
import type { Account } from '../../../common/schemas/accounts.ts';
import type { Db } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { accountArchived, AppError, forbidden, invalid, unauthenticated } from '../../platform/errors.ts';
import { sha256 } from '../../platform/hashing.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { AccountWithOrg } from '../accounts/account-record.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import type { TokenOwner, TokensService, TokenWithOwner } from '../tokens/tokens.service.ts';
import type { Actor, Authenticated } from '../../platform/actor.ts';
import type { CredentialsService } from './credentials.service.ts';
import type { SessionsRepository } from './sessions.repository.ts';
import { accountSubject, nameSubject, type SignInThrottle } from './sign-in-throttle.ts';
import { noteInPassing } from '../../platform/bookkeeping.ts';

export interface SignInResult {
  sessionToken: string;
  expiresAt: string;
  account: Account;
  mustChangePassword: boolean;
}

const wrongCredentials = () => new AppError('unauthenticated', ErrorCodes.invalidCredentials, 'The username or password is not correct.');

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly roles: RolesService,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly signInThrottle: SignInThrottle,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    private readonly sessionTtlHours: number,
  ) {}

  async signIn(input: {
    username: string;
    password: string;
    clientIp: string;
    userAgent?: string;
    source: AuditSource;
    requestId?: string;
  }): Promise<SignInResult> {
    const candidates = await this.accounts.findSignInCandidates(input.username);
    // One count per account however it is named (username or email); a name matching none or several counts as typed.
    const only = candidates.length === 1 ? candidates[0] : undefined;
    const subject = only ? accountSubject(only.id) : nameSubject(input.username);
    const ticket = await this.signInThrottle.admit(subject, input.clientIp);

    let matched: { account: AccountWithOrg; mustChangePassword: boolean; expired: boolean } | undefined;
    for (const account of candidates) {
      const check = await this.credentials.verify(this.db, account.id, input.password);
      if (check.ok) {
        matched = { account, ...check };
        break;
      }
    }
    // Every failed sign-in costs a password hash, so an unknown name answers as slowly as a known one.
    if (candidates.length === 0) await this.credentials.verifyAgainstNobody(input.password);
    if (!matched) throw wrongCredentials();
    await this.signInThrottle.succeeded(ticket);
    const { account } = matched;
    if (account.status === 'archived') throw accountArchived();
    if (matched.expired)
      throw forbidden('This temporary password has expired. Ask your administrator for a new one.', ErrorCodes.passwordExpired);

    const session = await this.openSession(account, input);
    return { ...session, mustChangePassword: matched.mustChangePassword };
  }

  /** A new session for an account that has just proved who it is (password, or a registration link). */
  async openSession(
    account: AccountWithOrg,
    input: { clientIp: string; userAgent?: string; source: AuditSource; requestId?: string },
  ): Promise<Omit<SignInResult, 'mustChangePassword'>> {
    const token = this.ids.randomToken(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.sessionTtlHours * 3600_000).toISOString();
    const actor = await this.actorFor(account, input.source, input.requestId);
    await inTransaction(this.db, async (trx) => {
      await this.sessions.insert(trx, {
        id: this.ids.newId(),
        accountId: account.id,
        tokenHash: sha256(token),
        createdAt: now.toISOString(),
        expiresAt,
        lastSeenAt: now.toISOString(),
        clientIp: input.clientIp,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      await this.accounts.recordActivity(trx, account);
      await this.audit.record(trx, actor, {
        action: 'auth.signed_in',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
      });
    });
    return { sessionToken: token, expiresAt, account: await this.accounts.view(this.db, account.id) };
  }

  /** After a completed password reset: earlier wrong guesses at the account no longer hold anyone back. */
  async forgetFailedSignIns(accountId: string): Promise<void> {
    await this.signInThrottle.forgetAccount(accountId);
  }

  async signOut(sessionToken: string): Promise<void> {
    const session = await this.sessions.getByTokenHash(this.db, sha256(sessionToken));
    if (session) await this.sessions.deleteById(this.db, session.id);
  }

  /** The actor behind a session cookie, extending the session as it is used. */
  async authenticateSession(sessionToken: string, source: AuditSource, requestId?: string): Promise<Authenticated | undefined> {
    const session = await this.sessions.getByTokenHash(this.db, sha256(sessionToken));
    const now = this.clock.now();
    if (!session || session.expiresAt < now.toISOString()) return undefined;
    const account = await this.accounts.getRecord(this.db, session.accountId);
    if (!account || account.status === 'archived') return undefined;
    if (now.getTime() - Date.parse(session.lastSeenAt) > 60_000) {
      const expiresAt = new Date(now.getTime() + this.sessionTtlHours * 3600_000).toISOString();
      await noteInPassing(() => this.sessions.touch(this.db, session.id, now.toISOString(), expiresAt));
    }
    return {
      actor: await this.actorFor(account, source, requestId),
      mustChangePassword: await this.credentials.mustChangePassword(this.db, account.id),
      sessionId: session.id,
    };
  }

  async authenticateBearer(secret: string, source: AuditSource, requestId?: string): Promise<Authenticated | undefined> {
    const found = await this.actorOfToken(secret, 'api', source, requestId);
    return found && { actor: found.actor, mustChangePassword: false };
  }

  /**
   * The actor behind an API or SCIM token, from one read of the token, its owner and the owner's grants:
   * nothing is cached, so a revoked token, an archived owner or a role taken away counts from the next
   * request on, on every instance. Undefined when the token is unknown, revoked, expired or its owner archived.
   */
  async actorOfToken(
    secret: string,
    kind: 'api' | 'scim',
    source: AuditSource,
    requestId?: string,
  ): Promise<{ actor: Actor; token: TokenWithOwner['token'] } | undefined> {
    const found = await this.tokens.resolveWithOwner(secret, kind);
    if (!found || found.owner.status === 'archived') return undefined;
    return { actor: this.actorWith(found.owner, this.roles.toGrants(found.grants), source, requestId), token: found.token };
  }

  /**
   * Replaces the password, ends the temporary-password restriction and signs out other sessions. API tokens
   * are revoked too unless the person asks to keep them: someone changing a password because it leaked
   * wants everything made with it gone, and a token could have been made by whoever had it.
   */
  async changePassword(
    actor: Actor,
    sessionId: string | undefined,
    input: { currentPassword: string; newPassword: string; keepApiTokens?: boolean },
  ): Promise<void> {
    const { currentPassword, newPassword } = input;
    if (!actor.accountId) throw unauthenticated();
    const account = await this.accounts.getRecord(this.db, actor.accountId);
    if (!account) throw unauthenticated();
    const check = await this.credentials.verify(this.db, account.id, currentPassword);
    if (!check.ok)
      throw invalid('The current password is not correct.', { fields: { currentPassword: 'Not correct.' } }, ErrorCodes.invalidCredentials);
    if (currentPassword === newPassword) {
      throw invalid(
        'Choose a password different from the current one.',
        { fields: { newPassword: 'Same as the current password.' } },
        ErrorCodes.weakPassword,
      );
    }
    const identity = { username: account.username, email: account.email, tenantId: account.tenantId };
    const hash = await this.credentials.hashAcceptable(newPassword, identity, 'chosen');
    await inTransaction(this.db, async (trx) => {
      await this.credentials.setPassword(trx, account.id, hash, { temporary: false });
      await this.sessions.deleteByAccount(trx, account.id, sessionId);
      if (!input.keepApiTokens) await this.tokens.revokeAllOf(trx, account.id);
      await this.audit.record(trx, actor, {
        action: 'auth.password_changed',
        targetType: 'account',
        targetId: account.id,
        tenantId: account.tenantId,
        orgPath: account.orgPath,
        after: { apiTokensKept: input.keepApiTokens === true },
      });
    });
  }

  async currentAccount(actor: Actor): Promise<Account> {
    if (!actor.accountId) throw unauthenticated();
    return this.accounts.view(this.db, actor.accountId);
  }

  /**
   * The actor an account is *now* (its current grants), with the person's name and address, for work
   * done on their behalf later: background imports. Undefined when the account no longer exists.
   */
  async actorOfAccount(
    accountId: string,
    source: AuditSource,
  ): Promise<{ actor: Actor; person: { email: string; firstName: string; lastName: string } } | undefined> {
    const account = await this.accounts.getRecord(this.db, accountId);
    if (!account) return undefined;
    return {
      actor: await this.actorFor(account, source),
      person: { email: account.email, firstName: account.firstName, lastName: account.lastName },
    };
  }

  async actorFor(account: AccountWithOrg, source: AuditSource, requestId?: string): Promise<Actor> {
    return this.actorWith(account, await this.roles.grantsOf(this.db, account.id), source, requestId);
  }

  private actorWith(person: TokenOwner, grants: Actor['grants'], source: AuditSource, requestId?: string): Actor {
    return {
      accountId: person.id,
      label: `${person.firstName} ${person.lastName} <${person.email}>`,
      person: { firstName: person.firstName, lastName: person.lastName },
      tenantId: person.tenantId,
      isGlobalAdmin: person.isGlobalAdmin === 1,
      grants,
      source,
      requestId,
    };
  }
}
