import { sql } from 'kysely';
import { insertRows } from '../../db/bulk-insert.ts';
import { prefixUpperBound } from '../../db/transaction.ts';
import type { Executor } from '../../db/connection.ts';
import type { OutboxStatus, OutboxTable } from '../../db/schema.ts';

export type OutboxRow = OutboxTable;

export interface OutboxListFilter {
  tenantId?: string;
  status?: OutboxStatus;
  kind?: string;
  /** Part of the recipient's address, any case. */
  recipient?: string;
  /**
   * Only messages to the accounts whose organization lies in one of these subtrees (a county
   * administrator's reach): matched by the recipient's address within the tenant.
   */
  roots?: readonly string[];
  ids?: readonly string[];
  /** Keyset: rows strictly older than (createdAt, id). */
  before?: { createdAt: string; id: string };
}

export class OutboxRepository {
  /** A second write for the same causing change (same dedupe key) is ignored; false then. */
  async insert(db: Executor, row: OutboxTable): Promise<boolean> {
    const inserted = await db
      .insertInto('outbox')
      .values(row)
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Bulk insert for imports; rows whose dedupe key exists are skipped. */
  async insertMany(db: Executor, rows: readonly OutboxTable[]): Promise<void> {
    await insertRows(db, 'outbox', rows, { onConflictDoNothing: true });
  }

  async getById(db: Executor, id: string): Promise<OutboxRow | undefined> {
    return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first, or with `oldest` oldest first (the cursor row `before` is then the one to go past, towards the newest). */
  async list(db: Executor, filter: OutboxListFilter & { limit: number; oldest?: boolean }): Promise<OutboxRow[]> {
    let query = this.filtered(db, filter).selectAll('outbox');
    const before = filter.before;
    const past = filter.oldest ? '>' : '<';
    if (before) {
      query = query.where((eb) =>
        eb.or([eb('createdAt', past, before.createdAt), eb.and([eb('createdAt', '=', before.createdAt), eb('id', past, before.id)])]),
      );
    }
    const direction = filter.oldest ? 'asc' : 'desc';
    return query.orderBy('outbox.createdAt', direction).orderBy('outbox.id', direction).limit(filter.limit).execute();
  }

  /** How many messages match the filter (the list's total), whatever the page. */
  async count(db: Executor, filter: OutboxListFilter): Promise<number> {
    const row = await this.filtered(db, filter)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  private filtered(db: Executor, filter: OutboxListFilter) {
    let query = db.selectFrom('outbox');
    if (filter.tenantId !== undefined) query = query.where('outbox.tenantId', '=', filter.tenantId);
    if (filter.status !== undefined) query = query.where('outbox.status', '=', filter.status);
    if (filter.kind !== undefined) query = query.where('outbox.kind', '=', filter.kind);
    if (filter.ids !== undefined) query = query.where('outbox.id', 'in', filter.ids.length ? [...filter.ids] : ['']);
    if (filter.recipient) {
      const pattern = `%${filter.recipient.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<boolean>`lower(outbox.recipient) like ${pattern} escape '\\'`);
    }
    const roots = filter.roots;
    if (roots) {
      // Addresses are stored as typed; accounts keep theirs trimmed and lowercased (email_key).
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('accounts as a')
            .innerJoin('organizations as o', 'o.id', 'a.orgId')
            .select('a.id')
            .whereRef('a.tenantId', '=', 'outbox.tenantId')
            .where('a.emailKey', '=', sql<string>`lower(trim(outbox.recipient))`)
            .where((inner) => inner.or(roots.map((p) => inner.and([inner('o.path', '>=', p), inner('o.path', '<', prefixUpperBound(p))])))),
        ),
      );
    }
    return query;
  }

  /** How many messages are in each of the given states (states without any are left out). */
  async countByStatus(db: Executor, statuses: readonly OutboxStatus[]): Promise<Array<{ status: OutboxStatus; count: number }>> {
    const rows = await db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('count')])
      .where('status', 'in', statuses)
      .groupBy('status')
      .execute();
    return rows.map((r) => ({ status: r.status, count: Number(r.count) }));
  }

  async listByRecipient(db: Executor, recipient: string): Promise<OutboxTable[]> {
    return db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('createdAt', 'desc').execute();
  }

  /**
   * Takes the message for one delivery attempt: pending, or sending under a lease that ran out (the
   * attempt holding it died). Returns the attempt number, which fences the attempt's later writes.
   */
  async claim(db: Executor, id: string, now: string, leaseUntil: string): Promise<number | undefined> {
    const row = await db
      .updateTable('outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), leaseUntil, updatedAt: now }))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<', now)])]))
      .returning('attempts')
      .executeTakeFirst();
    return row ? Number(row.attempts) : undefined;
  }

  /** The server accepted it: recorded even if the lease ran out meanwhile, because the mail did go. */
  async markSent(
    db: Executor,
    id: string,
    now: string,
    providerMessageId: string | null,
    body: { subject: string; bodyText: string; bodyHtml: string | null; payload: string },
  ): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ status: 'sent', sentAt: now, updatedAt: now, leaseUntil: null, lastError: null, providerMessageId, ...body })
      .where('id', '=', id)
      .where('status', '!=', 'sent')
      .execute();
  }

  /** A waiting message that should no longer go out (its link died): failed, with the reason. */
  async markNotSent(db: Executor, id: string, reason: string, now: string): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ status: 'failed', lastError: reason, updatedAt: now, leaseUntil: null })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('leaseUntil', '<', now)])]))
      .execute();
  }

  /** Ends the attempt `attempt` without sending: back to pending for a retry, or failed for good. */
  async release(db: Executor, id: string, attempt: number, status: 'pending' | 'failed', error: string, now: string): Promise<void> {
    await db
      .updateTable('outbox')
      .set({ status, lastError: error, leaseUntil: null, updatedAt: now })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('attempts', '=', attempt)
      .execute();
  }

  /** Holds a batch's pending messages; returns how many. */
  async markHeldMany(db: Executor, ids: readonly string[], now: string): Promise<number> {
    let held = 0;
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const result = await db
        .updateTable('outbox')
        .set({ status: 'held', updatedAt: now })
        .where('id', 'in', chunk)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      held += Number(result.numUpdatedRows);
    }
    return held;
  }

  /**
   * Messages that must never go out (their account was removed): every one not yet sent or being sent
   * becomes `cancelled`, which nothing sends again. Returns how many.
   */
  async cancelByDedupeKeys(db: Executor, dedupeKeys: readonly string[], reason: string, now: string): Promise<number> {
    let cancelled = 0;
    for (let start = 0; start < dedupeKeys.length; start += 1000) {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'cancelled', lastError: reason, leaseUntil: null, updatedAt: now })
        .where('dedupeKey', 'in', dedupeKeys.slice(start, start + 1000))
        .where('status', 'in', ['pending', 'held', 'failed'])
        .executeTakeFirst();
      cancelled += Number(result.numUpdatedRows);
    }
    return cancelled;
  }

  /** failed/held → pending for another round of attempts; returns the ids that changed. */
  async requeue(db: Executor, ids: readonly string[], now: string): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable('outbox')
      .set({ status: 'pending', attempts: 0, lastError: null, leaseUntil: null, updatedAt: now })
      .where('id', 'in', [...ids])
      .where('status', 'in', ['failed', 'held'])
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** Held messages, oldest first, of one tenant or all. */
  async heldIds(db: Executor, tenantId: string | 'all', limit: number): Promise<string[]> {
    let query = db.selectFrom('outbox').select('id').where('status', '=', 'held');
    if (tenantId !== 'all') query = query.where('tenantId', '=', tenantId);
    return (await query.orderBy('createdAt').orderBy('id').limit(limit).execute()).map((r) => r.id);
  }

  async markHeld(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('outbox').set({ status: 'held', updatedAt: now }).where('id', '=', id).where('status', '=', 'pending').execute();
  }
}
