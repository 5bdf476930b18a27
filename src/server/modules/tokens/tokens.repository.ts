import type { Executor } from '../../db/connection.ts';
import type { ApiTokenRow } from '../../db/schema.ts';

export class TokensRepository {
  async insert(db: Executor, row: ApiTokenRow): Promise<void> {
    await db.insertInto('apiTokens').values(row).execute();
  }

  async getByHash(db: Executor, tokenHash: string): Promise<ApiTokenRow | undefined> {
    return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
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
