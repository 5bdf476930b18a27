import { insertRows } from '../../db/bulk-insert.ts';
import type { Executor } from '../../db/connection.ts';
import type { OneTimeTokensTable } from '../../db/schema.ts';

export type OneTimeTokenRow = OneTimeTokensTable;
export type TokenPurpose = 'activation' | 'password_reset';

/** Single-use links. Only the SHA-256 of a token is stored; the link itself exists only in its email. */
export class OneTimeTokensRepository {
  async insertMany(db: Executor, rows: readonly OneTimeTokenRow[]): Promise<void> {
    await insertRows(db, 'one_time_tokens', rows);
  }

  async getByHash(db: Executor, tokenHash: string): Promise<OneTimeTokenRow | undefined> {
    return db.selectFrom('oneTimeTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /** Uses the token once: false when another request used it first. */
  async markUsed(db: Executor, id: string, now: string): Promise<boolean> {
    const result = await db.updateTable('oneTimeTokens').set({ usedAt: now }).where('id', '=', id).where('usedAt', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Ends the account's live links of this purpose (a newer link replaces them). */
  async expireLive(db: Executor, accountId: string, purpose: TokenPurpose, now: string): Promise<void> {
    await db
      .updateTable('oneTimeTokens')
      .set({ expiresAt: now })
      .where('accountId', '=', accountId)
      .where('purpose', '=', purpose)
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .execute();
  }

  /** How many links of this purpose the account was sent since `since` (reset requests are capped). */
  async countSince(db: Executor, accountId: string, purpose: TokenPurpose, since: string): Promise<number> {
    const row = await db
      .selectFrom('oneTimeTokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('accountId', '=', accountId)
      .where('purpose', '=', purpose)
      .where('createdAt', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Invited accounts whose activation links have all run out unused: the newest link decides, so a
   * re-sent link keeps the account invited.
   */
  async invitedAccountsWithLapsedLinks(db: Executor, now: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('oneTimeTokens as t')
      .innerJoin('accounts as a', 'a.id', 't.accountId')
      .select('t.accountId')
      .where('t.purpose', '=', 'activation')
      .where('a.status', '=', 'invited')
      .groupBy('t.accountId')
      .having((eb) => eb.fn.max('t.expiresAt'), '<=', now)
      .having((eb) => eb.fn.count('t.usedAt'), '=', 0)
      .limit(limit)
      .execute();
    return rows.map((r) => r.accountId as string);
  }
}
