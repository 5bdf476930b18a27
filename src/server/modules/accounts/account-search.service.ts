import { accountStatuses, Permissions } from '../../../common/permissions.ts';
import { accountTotalCap, type AccountPage, type AccountSearchInput } from '../../../common/schemas/accounts.ts';
import type { Db } from '../../db/connection.ts';
import { decodeCursor, encodeCursor } from '../../platform/cursor.ts';
import { fieldError, forbidden } from '../../platform/errors.ts';
import { reach, type Actor } from '../../platform/actor.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import { toAccount } from './account-view.ts';
import type { AccountQuery, AccountsRepository, AccountWithOrg } from './accounts.repository.ts';
import type { BulkFilter } from '../../../common/schemas/bulk-actions.ts';

export type { AccountPage };

/** Scoped account search: the actor's reach, narrowed by the filters, one keyset page at a time. */
export class AccountSearchService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountsRepository,
    private readonly orgs: OrganizationsService,
    private readonly roles: RolesService,
  ) {}

  async searchAccounts(actor: Actor, input: AccountSearchInput): Promise<AccountPage> {
    const query = await this.repo.resolveReach(this.db, await this.toQuery(actor, input));
    const limit = query.limit;
    // Counting every match is what costs most on a common prefix or a large domain (tens of thousands of
    // index entries); by default counting stops at the cap and the answer says "1,000+".
    const exact = input.count === 'exact';
    // The page with its roles (one statement), beside the count.
    const [rows, counted] = await Promise.all([
      this.repo.searchWithRoles(this.db, { ...query, limit: limit + 1 }),
      exact ? this.repo.count(this.db, query) : this.repo.countUpTo(this.db, query, accountTotalCap),
    ]);
    const page = rows.slice(0, limit);
    const totalCapped = !exact && counted > accountTotalCap;
    const last = page.at(-1);
    return {
      items: page.map((r) => toAccount(r, this.roles.heldRolesFrom(r.rolesJson))),
      total: totalCapped ? accountTotalCap : counted,
      totalCapped,
      nextCursor: rows.length > limit && last ? encodeCursor(this.repo.sortKeyOf(last, query.sort)) : null,
    };
  }

  /**
   * Bulk selections use the list's own filters and reach, so "all N matching" is exactly what the list
   * showed: the exact number of matches now.
   */
  async countMatching(actor: Actor, filter: BulkFilter): Promise<number> {
    const query = await this.repo.resolveReach(this.db, await this.toQuery(actor, { ...filter, sort: 'email' }));
    return this.repo.count(this.db, query);
  }

  /** The next `limit` matches after `after` (the list's query in email order), for a bulk action to record. */
  async selectPage(
    actor: Actor,
    filter: BulkFilter,
    after: string | null,
    limit: number,
  ): Promise<{ items: AccountWithOrg[]; next: string | null }> {
    const query = await this.repo.resolveReach(
      this.db,
      await this.toQuery(actor, { ...filter, sort: 'email', limit: 1, ...(after ? { cursor: after } : {}) }),
    );
    const rows = await this.repo.search(this.db, { ...query, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page, next: rows.length > limit && last ? encodeCursor(this.repo.sortKeyOf(last, 'email')) : null };
  }

  /** Active accounts in a tenant: a tenth of them is the default bulk change threshold. */
  async countActiveInTenant(tenantId: string): Promise<number> {
    const query: AccountQuery = { tenantId, roots: [`/${tenantId}/`], statuses: ['active'], sort: 'email', direction: 'asc', limit: 1 };
    return this.repo.count(this.db, await this.repo.resolveReach(this.db, query));
  }

  private async toQuery(actor: Actor, input: AccountSearchInput): Promise<AccountQuery> {
    const scope = reach(actor, Permissions.accountsRead);
    if (scope !== 'all' && scope.length === 0) throw forbidden('You do not have permission to see accounts.');
    let roots: AccountQuery['roots'] = scope;
    if (input.orgId) {
      // An organization outside the actor's reach answers 404, like any other out-of-scope record.
      roots = [(await this.orgs.requireOrganization(this.db, actor, input.orgId, Permissions.accountsRead)).path];
    }
    const statuses = input.status
      ? input.status
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
    const unknown = statuses?.filter((s) => !(accountStatuses as readonly string[]).includes(s));
    if (unknown?.length) throw fieldError('status', `Unknown status "${unknown[0]}"; use ${accountStatuses.join(', ')}.`);
    const sort = input.sort ?? 'name';
    const direction = input.direction ?? 'asc';
    const expectedKeys = { name: 3, email: 2, createdAt: 2, status: 3, lastActivityAt: 2 }[sort];
    return {
      tenantId: actor.isGlobalAdmin ? undefined : (actor.tenantId ?? undefined),
      roots,
      q: input.q?.trim() || undefined,
      statuses,
      affiliation: input.affiliation || undefined,
      employeeType: input.employeeType || undefined,
      emailDomain: input.emailDomain?.trim().toLowerCase().replace(/^@/, '') || undefined,
      roleKey: input.role || undefined,
      sort,
      direction,
      limit: input.limit ?? 50,
      after: input.cursor ? decodeCursor(input.cursor, expectedKeys) : undefined,
    };
  }
}
