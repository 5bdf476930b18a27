import type { Executor } from '../../db/connection.ts';
import type { SessionRow } from '../../db/schema.ts';

export class SessionsRepository {
  async insert(db: Executor, row: SessionRow): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  }

  async getByTokenHash(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  async touch(db: Executor, id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
  }

  async deleteById(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteByAccount(db: Executor, accountId: string, exceptId?: string): Promise<void> {
    let query = db.deleteFrom('sessions').where('accountId', '=', accountId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    await query.execute();
  }

  /** The account's sessions still running, newest use first. */
  async listByAccount(db: Executor, accountId: string, now: string): Promise<SessionRow[]> {
    return db
      .selectFrom('sessions')
      .selectAll()
      .where('accountId', '=', accountId)
      .where('expiresAt', '>=', now)
      .orderBy('lastSeenAt', 'desc')
      .execute();
  }

  /** Ends the account's sessions but `exceptId`; returns how many ended. */
  async deleteOthers(db: Executor, accountId: string, exceptId: string | undefined): Promise<number> {
    let query = db.deleteFrom('sessions').where('accountId', '=', accountId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteByAccounts(db: Executor, accountIds: readonly string[]): Promise<void> {
    for (let i = 0; i < accountIds.length; i += 1000) {
      await db
        .deleteFrom('sessions')
        .where('accountId', 'in', accountIds.slice(i, i + 1000))
        .execute();
    }
  }

  async deleteExpired(db: Executor, now: string): Promise<void> {
    await db.deleteFrom('sessions').where('expiresAt', '<', now).execute();
  }
}
