import { randomUUID } from 'node:crypto';
import { ErrorCodes } from '../../../common/error-codes.ts';
import type { Executor } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { invalid } from '../../platform/errors.ts';
import type { TokensService } from '../tokens/tokens.service.ts';
import type { CredentialsRepository } from './credentials.repository.ts';
import type { PasswordHasher } from './password-hasher.ts';
import { passwordMinLength, passwordProblems } from './password-policy.ts';
import type { SessionsRepository } from './sessions.repository.ts';

/** The tenant's password rules (its settings); absent, the built-in defaults apply. */
export interface PasswordPolicySource {
  settingsOf(db: Executor, tenantId: string): Promise<{ passwordMinLength: number; temporaryPasswordDays: number }>;
}

/** Who a password belongs to: the names it must not be, and the tenant whose policy applies. */
export interface PasswordIdentity {
  username?: string;
  email?: string;
  tenantId?: string;
}

/** Passwords and the access that hangs on them (sessions and API tokens). */
export class CredentialsService {
  /** A hash of nothing anyone knows: checking against it costs what a real check costs. */
  private standIn: Promise<string> | undefined;

  constructor(
    private readonly repo: CredentialsRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly policy?: PasswordPolicySource,
    private readonly db?: Executor,
  ) {}

  /** The tenant's minimum length, or the built-in one. */
  async minLengthFor(tenantId: string | undefined, db: Executor | undefined = this.db): Promise<number> {
    if (!tenantId || !this.policy || !db) return passwordMinLength;
    return (await this.policy.settingsOf(db, tenantId)).passwordMinLength;
  }

  /**
   * Checks the policy and returns the argon2id hash. A temporary password set by an administrator
   * only needs the length and must not be the username: the person replaces it at first sign-in.
   */
  async hashAcceptable(
    password: string,
    identity: PasswordIdentity,
    kind: 'chosen' | 'temporary',
    field = kind === 'temporary' ? 'password' : 'newPassword',
  ): Promise<string> {
    const minLength = await this.minLengthFor(identity.tenantId);
    let problems = passwordProblems(password, identity, minLength);
    if (kind === 'temporary') problems = problems.filter((p) => !p.includes('most common'));
    if (problems.length) {
      throw invalid(problems.join(' '), { fields: { [field]: problems.join(' ') }, problems, minLength }, ErrorCodes.weakPassword);
    }
    return this.hasher.hash(password);
  }

  async hashUnchecked(password: string): Promise<string> {
    return this.hasher.hash(password);
  }

  /**
   * Checks a password. It always costs one hash, even for an account without a password (invited, never
   * registered), so the time a failed sign-in takes does not tell what kind of account the name belongs to.
   */
  async verify(db: Executor, accountId: string, password: string): Promise<{ ok: boolean; mustChangePassword: boolean; expired: boolean }> {
    const row = await this.repo.get(db, accountId);
    if (!row) {
      await this.verifyAgainstNobody(password);
      return { ok: false, mustChangePassword: false, expired: false };
    }
    const ok = await this.hasher.verify(row.passwordHash, password);
    const expired =
      row.mustChangePassword === 1 && row.temporaryExpiresAt !== null && row.temporaryExpiresAt < this.clock.now().toISOString();
    return { ok, mustChangePassword: row.mustChangePassword === 1, expired };
  }

  /** The cost of a password check where there is no account at all (an unknown name). Always false. */
  async verifyAgainstNobody(password: string): Promise<false> {
    this.standIn ??= this.hasher.hash(`registrar-stand-in-${randomUUID()}`);
    await this.hasher.verify(await this.standIn, password);
    return false;
  }

  /** With `tenantId`, a temporary password lapses after the tenant's number of days unless its person changes it. */
  async setPassword(
    db: Executor,
    accountId: string,
    passwordHash: string,
    options: { temporary: boolean; tenantId?: string },
  ): Promise<void> {
    await this.repo.upsert(db, {
      accountId,
      passwordHash,
      mustChangePassword: options.temporary ? 1 : 0,
      temporaryExpiresAt: options.temporary ? await this.temporaryLapse(db, options.tenantId) : null,
      passwordChangedAt: this.clock.now().toISOString(),
    });
  }

  /** Temporary passwords for many new accounts at once (imports). */
  async setTemporaryPasswords(db: Executor, items: Array<{ accountId: string; passwordHash: string }>, tenantId?: string): Promise<void> {
    const now = this.clock.now().toISOString();
    const lapse = await this.temporaryLapse(db, tenantId);
    await this.repo.insertMany(
      db,
      items.map((i) => ({
        accountId: i.accountId,
        passwordHash: i.passwordHash,
        mustChangePassword: 1,
        temporaryExpiresAt: lapse,
        passwordChangedAt: now,
      })),
    );
  }

  private async temporaryLapse(db: Executor, tenantId: string | undefined): Promise<string | null> {
    if (!tenantId || !this.policy) return null;
    const { temporaryPasswordDays } = await this.policy.settingsOf(db, tenantId);
    return new Date(this.clock.now().getTime() + temporaryPasswordDays * 86_400_000).toISOString();
  }

  /** Checks the policy for a temporary password without hashing it (plans report weak passwords per row). */
  temporaryPasswordProblems(password: string, identity: PasswordIdentity, minLength = passwordMinLength): string[] {
    return passwordProblems(password, identity, minLength).filter((p) => !p.includes('most common'));
  }

  async mustChangePassword(db: Executor, accountId: string): Promise<boolean> {
    return (await this.repo.get(db, accountId))?.mustChangePassword === 1;
  }

  async hasPassword(db: Executor, accountId: string): Promise<boolean> {
    return (await this.repo.get(db, accountId)) !== undefined;
  }

  /**
   * Signs the account out everywhere and revokes its API tokens: when it is archived, when its password is
   * reset, when an administrator gives it a new email address.
   */
  async endAllAccess(db: Executor, accountId: string): Promise<void> {
    await this.sessions.deleteByAccount(db, accountId);
    await this.tokens.revokeAllOf(db, accountId);
  }

  /** `endAllAccess` for many accounts in a few statements (bulk archive). */
  async endAllAccessMany(db: Executor, accountIds: readonly string[]): Promise<void> {
    await this.sessions.deleteByAccounts(db, accountIds);
    await this.tokens.revokeAllOfMany(db, accountIds);
  }
}
