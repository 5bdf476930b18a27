import type { Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuthService } from './auth.service.ts';
import { tooMany } from './throttle.service.ts';
import { TokenBuckets } from './token-bucket.ts';

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
 * allowance. The allowance is kept per app instance, in memory (docs/SCIM.md, "What a token may do"): a
 * database counter cost every SCIM request a write transaction of its own.
 */
export class ScimAuthService {
  private readonly allowance: TokenBuckets;

  constructor(
    private readonly auth: AuthService,
    private readonly clock: Clock,
    requestsPerMinute: number,
  ) {
    this.allowance = new TokenBuckets(requestsPerMinute, 60);
  }

  /** The caller behind a SCIM token, or undefined when the token is unknown, revoked or its owner archived. */
  async authenticate(secret: string, requestId?: string): Promise<ScimCaller | undefined> {
    const found = await this.auth.actorOfToken(secret, 'scim', 'scim', requestId);
    const landingOrgId = found?.token.landingOrgId;
    if (!found || !landingOrgId) return undefined;
    const { actor, token } = found;
    return {
      actor: { ...actor, label: `${actor.label} (SCIM token ${token.prefix}…)` },
      tokenId: token.id,
      tenantId: token.tenantId,
      landingOrgId,
    };
  }

  /**
   * One request against the token's allowance: up to a minute's worth at once, regained evenly over the
   * minute; past it, 429 with Retry-After saying when the next request is allowed.
   */
  countRequest(tokenId: string): void {
    const waitSeconds = this.allowance.take(tokenId, this.clock.now().getTime());
    if (waitSeconds > 0) throw tooMany('SCIM requests for this token', waitSeconds);
  }
}
