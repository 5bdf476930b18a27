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

  async getById(db: Executor, id: string): Promise<OneTimeTokenRow | undefined> {
    return db.selectFrom('oneTimeTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async getByHash(db: Executor, tokenHash: string): Promise<OneTimeTokenRow | undefined> {
    return db.selectFrom('oneTimeTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  /** Uses the token once: false when another request used it first. */
  async markUsed(db: Executor, id: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('oneTimeTokens')
      .set({ usedAt: now })
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .executeTakeFirst();
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

  /** Ids of the accounts' links of this purpose (their welcomes are keyed by them). */
  async idsOf(db: Executor, accountIds: readonly string[], purpose: TokenPurpose): Promise<string[]> {
    if (accountIds.length === 0) return [];
    const rows = await db
      .selectFrom('oneTimeTokens')
      .select('id')
      .where('accountId', 'in', [...accountIds])
      .where('purpose', '=', purpose)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Ends every live link of these accounts, whatever its purpose. */
  async expireAllLive(db: Executor, accountIds: readonly string[], now: string): Promise<void> {
    if (accountIds.length === 0) return;
    await db
      .updateTable('oneTimeTokens')
      .set({ expiresAt: now })
      .where('accountId', 'in', [...accountIds])
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
   * Invited accounts whose activation links have all run out unused. Starts from the lapsed links (the
   * purpose/expiry index), so a sweep reads what has lapsed, not every live link; an account with a newer
   * live or used link is left alone.
   */
  async invitedAccountsWithLapsedLinks(db: Executor, now: string, limit: number): Promise<string[]> {
    const rows = await db
      .selectFrom('oneTimeTokens as t')
      .innerJoin('accounts as a', 'a.id', 't.accountId')
      .select('t.accountId')
      .distinct()
      .where('t.purpose', '=', 'activation')
      .where('t.usedAt', 'is', null)
      .where('t.expiresAt', '<=', now)
      .where('a.status', '=', 'invited')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('oneTimeTokens as n')
              .select('n.id')
              .whereRef('n.accountId', '=', 't.accountId')
              .where('n.purpose', '=', 'activation')
              .where((eb) => eb.or([eb('n.expiresAt', '>', now), eb('n.usedAt', 'is not', null)])),
          ),
        ),
      )
      .limit(limit)
      .execute();
    return rows.map((r) => r.accountId as string);
  }
}
