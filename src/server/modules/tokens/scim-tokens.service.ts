import { Permissions } from '../../../common/permissions.ts';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../../platform/actor.ts';
import { fieldError, forbidden, notFound, unauthenticated } from '../../platform/errors.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { ScimTokenView, TokensService } from './tokens.service.ts';

export interface ScimTokenListItem extends ScimTokenView {
  landingOrgName: string;
}

/**
 * SCIM tokens: made by a person (console) or for one (CLI), they act with that person's roles, looked
 * up at each use, and new users land in an organization that person may create accounts in.
 */
export class ScimTokensService {
  constructor(
    private readonly db: Db,
    private readonly tokens: TokensService,
    private readonly orgs: OrganizationsService,
  ) {}

  /**
   * `actor` asks for the token; `owner` is the person it acts as (the same person in the console, an
   * account the operator names at the command line). The owner must be able to create accounts at the landing org.
   */
  async create(actor: Actor, owner: Actor, input: { name: string; orgId: string }): Promise<{ token: string } & ScimTokenListItem> {
    if (!owner.accountId || !owner.tenantId) throw unauthenticated('Sign in as a person to create a SCIM token.');
    if (actor.accountId !== owner.accountId && !actor.isGlobalAdmin)
      throw forbidden('Only the system can issue a token for another account.');
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) throw fieldError('name', 'Name the token (1 to 100 characters).');
    const org = await this.orgs.requireOrganization(this.db, owner, input.orgId, Permissions.accountsWrite);
    // The token works in the landing organization's tenant (a global administrator's token, in the one it names).
    if (org.tenantId !== owner.tenantId && !owner.isGlobalAdmin)
      throw fieldError('orgId', 'New users must land in the token owner’s own tenant.');
    const issued = await this.tokens.issueScim(actor, { accountId: owner.accountId, tenantId: org.tenantId }, name, org);
    return { ...issued, landingOrgName: org.name };
  }

  async list(actor: Actor): Promise<ScimTokenListItem[]> {
    const views = await this.tokens.listScimTokens(actor);
    const orgs = await this.orgs.getManyByIds(this.db, [...new Set(views.map((v) => v.landingOrgId))]);
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return views.map((v) => ({ ...v, landingOrgName: names.get(v.landingOrgId) ?? '' }));
  }

  async revoke(actor: Actor, id: string): Promise<ScimTokenListItem> {
    const found = (await this.list(actor)).find((t) => t.id === id);
    if (!found) throw notFound('The SCIM token');
    const revoked = await this.tokens.revokeToken(actor, id);
    return { ...found, ...revoked };
  }
}
