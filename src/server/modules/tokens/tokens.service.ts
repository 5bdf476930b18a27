import type { Db, Executor } from '../../db/connection.ts';
import type { ApiTokenRow } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { sha256 } from '../../platform/hashing.ts';
import { accountArchived, fieldError, forbidden, notFound, unauthenticated } from '../../platform/errors.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { GrantSource } from '../roles/roles.service.ts';
import { noteInPassing } from '../../platform/bookkeeping.ts';

export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** After this the token no longer works; null: until revoked. */
  expiresAt: string | null;
}

/** Who a token belongs to, as authentication needs it (the owner's account, without its organization). */
export interface TokenOwner {
  id: string;
  tenantId: string;
  firstName: string;
  lastName: string;
  email: string;
  status: string;
  isGlobalAdmin: number;
}

export interface TokenWithOwner {
  token: ApiTokenRow;
  owner: TokenOwner;
  /** The owner's roles, as stored; the roles service turns them into grants. */
  grants: GrantSource[];
}

export interface ScimTokenView extends ApiTokenView {
  landingOrgId: string;
}

const tokenPrefix = 'rgt_';
const scimTokenPrefix = 'rgscim_';

/**
 * API tokens act with their creator's roles, looked up at each use, so a token never reaches further
 * than the person who made it does today. Only the SHA-256 of a token is stored.
 */
export class TokensService {
  constructor(
    private readonly db: Db,
    private readonly repo: TokensRepositoryLike,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /** With `expiresInDays`, the token stops working that many days from now. */
  async createToken(actor: Actor, name: string, expiresInDays?: number): Promise<{ token: string } & ApiTokenView> {
    if (!actor.accountId || !actor.tenantId) throw unauthenticated('Sign in as a person to create an API token.');
    const expiresAt = expiresInDays ? new Date(this.clock.now().getTime() + expiresInDays * 86_400_000).toISOString() : null;
    return this.issue(actor, { accountId: actor.accountId, tenantId: actor.tenantId }, name, { expiresAt });
  }

  /**
   * `registrar token create`: the operator issues a token for someone else's account. The audit event
   * names the operator as the actor and the account as the owner; the token still acts with the owner's roles.
   */
  async createTokenForAccount(
    operator: Actor,
    owner: { id: string; tenantId: string; status: string },
    name: string,
  ): Promise<{ token: string } & ApiTokenView> {
    if (!operator.isGlobalAdmin) throw forbidden('Only the system can issue a token for another account.');
    if (owner.status === 'archived') throw accountArchived('This account is archived: reactivate it before giving it an API token.');
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 100) throw fieldError('name', 'Name the token (1 to 100 characters).');
    return this.issue(operator, { accountId: owner.id, tenantId: owner.tenantId }, trimmed);
  }

  private async issue(
    actor: Actor,
    owner: { accountId: string; tenantId: string },
    name: string,
    options: { expiresAt?: string | null; scim?: { landingOrgId: string; orgPath: string } } = {},
  ): Promise<{ token: string } & ApiTokenView> {
    const { scim } = options;
    const expiresAt = options.expiresAt ?? null;
    const prefix = scim ? scimTokenPrefix : tokenPrefix;
    const secret = `${prefix}${this.ids.randomToken(32)}`;
    const row: ApiTokenRow = {
      id: this.ids.newId(),
      tenantId: owner.tenantId,
      accountId: owner.accountId,
      name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, prefix.length + 6),
      createdAt: this.clock.now().toISOString(),
      expiresAt,
      lastUsedAt: null,
      revokedAt: null,
      kind: scim ? 'scim' : 'api',
      landingOrgId: scim?.landingOrgId ?? null,
    };
    await inTransaction(this.db, async (trx) => {
      await this.repo.insert(trx, row);
      await this.audit.record(trx, actor, {
        action: 'token.created',
        targetType: 'api_token',
        targetId: row.id,
        tenantId: row.tenantId,
        orgPath: scim?.orgPath ?? null,
        after: { name, accountId: owner.accountId, expiresAt, ...(scim ? { kind: 'scim', landingOrgId: scim.landingOrgId } : {}) },
      });
    });
    return { token: secret, ...toView(row) };
  }

  /**
   * A SCIM token: it acts as `owner` (whose reach the caller checked covers `landing`) and creates users
   * at `landing` unless a request names another organization inside that reach.
   */
  async issueScim(
    actor: Actor,
    owner: { accountId: string; tenantId: string },
    name: string,
    landing: { id: string; path: string },
  ): Promise<{ token: string } & ScimTokenView> {
    const issued = await this.issue(actor, owner, name, { scim: { landingOrgId: landing.id, orgPath: landing.path } });
    return { ...issued, landingOrgId: landing.id };
  }

  /** The SCIM tokens a person made (global administrators: every tenant's), newest first. */
  async listScimTokens(actor: Actor): Promise<ScimTokenView[]> {
    const rows = actor.isGlobalAdmin
      ? await this.repo.listByKind(this.db, 'scim')
      : actor.accountId
        ? await this.repo.listByAccount(this.db, actor.accountId)
        : [];
    return rows.filter((r) => r.kind === 'scim').map((r) => ({ ...toView(r), landingOrgId: r.landingOrgId ?? '' }));
  }

  async listTokens(actor: Actor): Promise<ApiTokenView[]> {
    if (!actor.accountId) return [];
    return (await this.repo.listByAccount(this.db, actor.accountId)).filter((r) => r.kind === 'api').map(toView);
  }

  /** People revoke their own tokens; global administrators revoke anyone's. */
  async revokeToken(actor: Actor, id: string): Promise<ApiTokenView> {
    return inTransaction(this.db, async (trx) => {
      const row = await this.repo.getById(trx, id);
      if (!row || (row.accountId !== actor.accountId && !actor.isGlobalAdmin)) throw notFound('The token');
      const at = this.clock.now().toISOString();
      if (!row.revokedAt) {
        await this.repo.revoke(trx, id, at);
        await this.audit.record(trx, actor, {
          action: 'token.revoked',
          targetType: 'api_token',
          targetId: id,
          tenantId: row.tenantId,
          orgPath: null,
          before: { name: row.name },
        });
      }
      return toView({ ...row, revokedAt: row.revokedAt ?? at });
    });
  }

  /**
   * The token presented, with its owner and the owner's grants read in the same statement (authenticating a
   * request costs one read, and at most once a minute per token the last-use write); undefined when the
   * token is unknown, revoked, expired or of the other kind.
   */
  async resolveWithOwner(secret: string, kind: 'api' | 'scim'): Promise<TokenWithOwner | undefined> {
    if (!hasPrefixOf(secret, kind)) return undefined;
    const rows = await this.repo.getByHashWithOwner(this.db, sha256(secret));
    const first = rows[0];
    if (!first || !(await this.admit(first, kind))) return undefined;
    const owner: TokenOwner = {
      id: first.accountId,
      tenantId: first.ownerTenantId,
      firstName: first.ownerFirstName,
      lastName: first.ownerLastName,
      email: first.ownerEmail,
      status: first.ownerStatus,
      isGlobalAdmin: first.ownerIsGlobalAdmin,
    };
    const grants: GrantSource[] = [];
    for (const r of rows) {
      if (r.grantRoleKey === null || r.grantOrgId === null || r.grantOrgPath === null) continue;
      grants.push({
        roleKey: r.grantRoleKey,
        orgId: r.grantOrgId,
        orgPath: r.grantOrgPath,
        permissions: r.grantPermissions ?? '[]',
        mayGrant: r.grantMayGrant ?? '[]',
        mayInvite: r.grantMayInvite ?? '[]',
      });
    }
    return { token: toTokenRow(first), owner, grants };
  }

  /** Whether a stored token still works on `kind`'s interface; notes its use (at most once a minute) when it does. */
  private async admit(row: ApiTokenRow, kind: 'api' | 'scim'): Promise<boolean> {
    const now = this.clock.now().toISOString();
    if (row.kind !== kind || row.revokedAt || (row.expiresAt && row.expiresAt < now)) return false;
    // Recording use at most once a minute keeps reads from turning into writes.
    if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) {
      await noteInPassing(() => this.repo.markUsed(this.db, row.id, now));
    }
    return true;
  }

  async revokeAllOf(db: Executor, accountId: string): Promise<void> {
    await this.repo.revokeAllOf(db, accountId, this.clock.now().toISOString());
  }

  async revokeAllOfMany(db: Executor, accountIds: readonly string[]): Promise<void> {
    await this.repo.revokeAllOfMany(db, accountIds, this.clock.now().toISOString());
  }
}

type TokensRepositoryLike = import('./tokens.repository.ts').TokensRepository;

/** Each kind works on its own interface only: a SCIM token is refused by the REST API and the reverse. */
function hasPrefixOf(secret: string, kind: 'api' | 'scim'): boolean {
  return secret.startsWith(kind === 'scim' ? scimTokenPrefix : tokenPrefix);
}

function toTokenRow(row: ApiTokenRow): ApiTokenRow {
  return {
    id: row.id,
    tenantId: row.tenantId,
    accountId: row.accountId,
    name: row.name,
    tokenHash: row.tokenHash,
    prefix: row.prefix,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    kind: row.kind,
    landingOrgId: row.landingOrgId,
  };
}

function toView(row: ApiTokenRow): ApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    expiresAt: row.expiresAt,
  };
}
