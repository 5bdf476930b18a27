import type { Executor } from '../../db/connection.ts';
import { prepared } from '../../db/prepared.ts';
import type { ApiTokenRow } from '../../db/schema.ts';

/**
 * A presented token with what authenticating it needs, read in one statement: the token's row, its
 * owner's identity and status, and one row per role the owner holds (grant columns null when none).
 */
export interface TokenWithOwnerRow extends ApiTokenRow {
  ownerFirstName: string;
  ownerLastName: string;
  ownerEmail: string;
  ownerTenantId: string;
  ownerStatus: string;
  ownerIsGlobalAdmin: number;
  grantRoleKey: string | null;
  grantOrgId: string | null;
  grantOrgPath: string | null;
  grantPermissions: string | null;
  grantMayGrant: string | null;
  grantMayInvite: string | null;
}

const tokenWithOwner = prepared(1, (db: Executor, tokenHash: string) =>
  db
    .selectFrom('apiTokens as t')
    .innerJoin('accounts as a', 'a.id', 't.accountId')
    .leftJoin('roleAssignments as ra', 'ra.accountId', 'a.id')
    .leftJoin('roles as r', 'r.id', 'ra.roleId')
    .leftJoin('organizations as o', 'o.id', 'ra.orgId')
    .selectAll('t')
    .select([
      'a.firstName as ownerFirstName',
      'a.lastName as ownerLastName',
      'a.email as ownerEmail',
      'a.tenantId as ownerTenantId',
      'a.status as ownerStatus',
      'a.isGlobalAdmin as ownerIsGlobalAdmin',
      'r.key as grantRoleKey',
      'o.id as grantOrgId',
      'o.path as grantOrgPath',
      'r.permissions as grantPermissions',
      'r.mayGrant as grantMayGrant',
      'r.mayInvite as grantMayInvite',
    ])
    .where('t.tokenHash', '=', tokenHash)
    .orderBy('o.path'),
);

export class TokensRepository {
  async insert(db: Executor, row: ApiTokenRow): Promise<void> {
    await db.insertInto('apiTokens').values(row).execute();
  }

  /** The token, its owner and the owner's grants in one read (every request with a bearer token pays for it). */
  async getByHashWithOwner(db: Executor, tokenHash: string): Promise<TokenWithOwnerRow[]> {
    return tokenWithOwner(db, tokenHash);
  }

  async getById(db: Executor, id: string): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listByAccount(db: Executor, accountId: string): Promise<ApiTokenRow[]> {
    return db.selectFrom('apiTokens').selectAll().where('accountId', '=', accountId).orderBy('createdAt', 'desc').execute();
  }

  async listByKind(db: Executor, kind: string): Promise<ApiTokenRow[]> {
    return db.selectFrom('apiTokens').selectAll().where('kind', '=', kind).orderBy('createdAt', 'desc').limit(1000).execute();
  }

  async revoke(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
  }

  async revokeAllOf(db: Executor, accountId: string, at: string): Promise<void> {
    await db.updateTable('apiTokens').set({ revokedAt: at }).where('accountId', '=', accountId).where('revokedAt', 'is', null).execute();
  }

  async revokeAllOfMany(db: Executor, accountIds: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < accountIds.length; i += 1000) {
      await db
        .updateTable('apiTokens')
        .set({ revokedAt: at })
        .where('accountId', 'in', accountIds.slice(i, i + 1000))
        .where('revokedAt', 'is', null)
        .execute();
    }
  }

  async markUsed(db: Executor, id: string, at: string): Promise<void> {
    await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
  }
}
