import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/actor.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { TokensService } from '../tokens/tokens.service.ts';
import type { AuthService } from './auth.service.ts';
import type { ThrottleService } from './throttle.service.ts';

/** Who a SCIM request acts as, and where the users it creates land unless it names another place. */
export interface ScimCaller {
  actor: Actor;
  tokenId: string;
  /** The token's tenant: SCIM sees and creates nothing outside it, even for a global administrator's token. */
  tenantId: string;
  landingOrgId: string;
}

/**
 * Authenticates SCIM bearer tokens (and only those) and counts each request against its token's
 * allowance in the shared throttle table, so every app instance enforces one limit.
 */
export class ScimAuthService {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokensService,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly throttle: ThrottleService,
    private readonly requestsPerMinute: number,
  ) {}

  /** The caller behind a SCIM token, or undefined when the token is unknown, revoked or its owner archived. */
  async authenticate(secret: string, requestId?: string): Promise<ScimCaller | undefined> {
    const token = await this.tokens.resolve(secret, 'scim');
    if (!token || !token.landingOrgId) return undefined;
    const account = await this.accounts.getRecord(this.db, token.accountId);
    if (!account || account.status === 'archived') return undefined;
    const actor = await this.auth.actorFor(account, 'scim', requestId);
    return {
      actor: { ...actor, label: `${actor.label} (SCIM token ${token.prefix}…)` },
      tokenId: token.id,
      tenantId: token.tenantId,
      landingOrgId: token.landingOrgId,
    };
  }

  /**
   * One request against the token's allowance: a fixed window of a minute; the request that uses up the
   * allowance closes the token for a minute from then (429 with Retry-After); a quiet minute starts a new window.
   */
  async countRequest(tokenId: string): Promise<void> {
    await this.throttle.takeOrThrow(
      `scim:${tokenId}`,
      { free: this.requestsPerMinute, delaysSeconds: [60], streakSeconds: 60 },
      'SCIM requests for this token',
    );
  }
}
