import { distance } from 'fastest-levenshtein';
import { Permissions } from '../../../common/permissions.ts';
import type { DuplicateMatch, DuplicateQuery, DuplicatesResult } from '../../../common/schemas/accounts.ts';
import type { Db } from '../../db/connection.ts';
import { can, requireReach, type Actor } from '../../platform/actor.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { emailKey, nameKey, soundKeys } from './account-keys.ts';
import type { AccountsRepository, AccountWithOrg } from './accounts.repository.ts';

const likelyLimit = 10;
const candidateLimit = 200;
/** Name similarity (0..1) at or above which two people are reported as likely the same. */
const likelyThreshold = 0.75;

/**
 * Looks across the whole tenant, not just the actor's subtree, because the point is to stop a second
 * account for someone who already has one elsewhere. Matches outside the actor's reach are reported
 * without any detail of the account.
 */
export class DuplicatesService {
  constructor(
    private readonly db: Db,
    private readonly repo: AccountsRepository,
    private readonly orgs: OrganizationsService,
  ) {}

  async findDuplicates(actor: Actor, query: DuplicateQuery): Promise<DuplicatesResult> {
    requireReach(actor, Permissions.accountsRead, 'You do not have permission to see accounts.');
    // Global administrators without an organization in mind check every tenant.
    const tenantId = query.orgId
      ? (await this.orgs.requireOrganization(this.db, actor, query.orgId, Permissions.accountsRead)).tenantId
      : actor.isGlobalAdmin
        ? undefined
        : (actor.tenantId ?? undefined);
    if (!tenantId && !actor.isGlobalAdmin) return { exact: [], likely: [] };

    const exact: DuplicateMatch[] = [];
    const email = query.email?.trim();
    let exactId: string | undefined;
    if (email && email.includes('@')) {
      const found = tenantId
        ? [await this.repo.getByEmailKey(this.db, tenantId, emailKey(email))]
        : await this.repo.listByEmailKey(this.db, emailKey(email));
      for (const account of found) {
        if (!account || account.id === query.excludeId) continue;
        exactId = account.id;
        exact.push(this.describe(actor, account, 'email', 1));
      }
    }

    const likely: DuplicateMatch[] = [];
    const first = query.firstName?.trim();
    const last = query.lastName?.trim();
    if (first && last) {
      // The same name first: a common one ("John Smith") may sound like more people than the candidate limit holds.
      const [sameName, soundAlike] = await Promise.all([
        this.repo.findByNameKeys(this.db, tenantId, nameKey(last), nameKey(first), likelyLimit),
        this.repo.findBySound(this.db, tenantId, soundKeys(last), soundKeys(first), candidateLimit),
      ]);
      const candidates = [...new Map([...sameName, ...soundAlike].map((c) => [c.id, c])).values()];
      const scored = candidates
        .filter((c) => c.id !== exactId && c.id !== query.excludeId)
        .map((c) => ({ c, score: nameSimilarity(first, last, c) }))
        .filter((s) => s.score >= likelyThreshold)
        .sort((a, b) => b.score - a.score)
        .slice(0, likelyLimit);
      for (const { c, score } of scored) likely.push(this.describe(actor, c, 'name', score));
    }
    return { exact, likely };
  }

  private describe(actor: Actor, account: AccountWithOrg, match: 'email' | 'name', score: number): DuplicateMatch {
    const inScope = can(actor, Permissions.accountsRead, account.orgPath);
    const rounded = Math.round(score * 100) / 100;
    if (!inScope) {
      return {
        match,
        inScope,
        score: rounded,
        message:
          match === 'email'
            ? 'This email already has an account in another organization. Ask its administrator or the help desk.'
            : 'A person with a similar name has an account in another organization.',
      };
    }
    return {
      match,
      inScope,
      score: rounded,
      account: {
        id: account.id,
        firstName: account.firstName,
        lastName: account.lastName,
        email: account.email,
        status: account.status as DuplicateMatch['account'] extends infer A ? (A extends { status: infer S } ? S : never) : never,
        orgId: account.orgId,
        orgName: account.orgName,
      },
      message:
        match === 'email'
          ? `This email already has an account: ${account.firstName} ${account.lastName} in ${account.orgName}.`
          : `${account.firstName} ${account.lastName} (${account.email}) in ${account.orgName} may be the same person.`,
    };
  }
}

/** Average of first- and last-name similarity, each 1 − edit distance / longer length. */
function nameSimilarity(first: string, last: string, candidate: AccountWithOrg): number {
  const sim = (a: string, b: string) => {
    const x = nameKey(a);
    const y = nameKey(b);
    const longest = Math.max(x.length, y.length) || 1;
    return 1 - distance(x, y) / longest;
  };
  return (sim(first, candidate.firstName) + sim(last, candidate.lastName)) / 2;
}
