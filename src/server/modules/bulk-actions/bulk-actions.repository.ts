import type { Executor } from '../../db/connection.ts';
import type { BulkActionItemRow, BulkActionRow, BulkActionsTable } from '../../db/schema.ts';
import { insertRows } from '../../db/bulk-insert.ts';
import { toNumber } from '../../db/transaction.ts';

export class BulkActionsRepository {
  async insert(db: Executor, row: BulkActionRow): Promise<void> {
    await db.insertInto('bulkActions').values(row).execute();
  }

  async get(db: Executor, id: string): Promise<BulkActionRow | undefined> {
    return db.selectFrom('bulkActions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(db: Executor, id: string, changes: Partial<BulkActionsTable>): Promise<void> {
    await db.updateTable('bulkActions').set(changes).where('id', '=', id).execute();
  }

  /** Newest first; `requestedBy` narrows to one person's. */
  async list(db: Executor, filter: { tenantId?: string; requestedBy?: string }, limit: number): Promise<BulkActionRow[]> {
    let query = db.selectFrom('bulkActions').selectAll();
    if (filter.tenantId) query = query.where('tenantId', '=', filter.tenantId);
    if (filter.requestedBy) query = query.where('requestedBy', '=', filter.requestedBy);
    return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  async insertItems(db: Executor, items: readonly BulkActionItemRow[]): Promise<void> {
    await insertRows(db, 'bulk_action_items', items);
  }

  /** Items in selection order after `afterSeq`, optionally of one outcome and not yet undone. */
  async items(
    db: Executor,
    bulkActionId: string,
    options: { afterSeq: number; limit: number; outcome?: string; notUndone?: boolean },
  ): Promise<BulkActionItemRow[]> {
    let query = db.selectFrom('bulkActionItems').selectAll().where('bulkActionId', '=', bulkActionId).where('seq', '>', options.afterSeq);
    if (options.outcome) query = query.where('outcome', '=', options.outcome);
    if (options.notUndone) query = query.where('undo', 'is', null);
    return query.orderBy('seq').limit(options.limit).execute();
  }

  /**
   * Rewrites a batch of items with their results: two statements however large the batch (a delete of
   * the range and one insert), where an update per row would cost a round trip each.
   */
  async replaceItems(db: Executor, bulkActionId: string, items: readonly BulkActionItemRow[]): Promise<void> {
    if (items.length === 0) return;
    const seqs = items.map((i) => i.seq);
    await db.deleteFrom('bulkActionItems').where('bulkActionId', '=', bulkActionId).where('seq', 'in', seqs).execute();
    await insertRows(db, 'bulk_action_items', items);
  }

  async countItems(db: Executor, bulkActionId: string): Promise<number> {
    const row = await db
      .selectFrom('bulkActionItems')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('bulkActionId', '=', bulkActionId)
      .executeTakeFirst();
    return toNumber(row?.n);
  }
}
