import type { Executor } from '../../db/connection.ts';
import type { OutboxTable } from '../../db/schema.ts';

export class OutboxRepository {
  /** A second write for the same causing change (same dedupe key) is ignored. */
  async insert(db: Executor, row: OutboxTable): Promise<void> {
    await db.insertInto('outbox').values(row).onConflict((oc) => oc.column('dedupeKey').doNothing()).execute();
  }

  async listByRecipient(db: Executor, recipient: string): Promise<OutboxTable[]> {
    return db.selectFrom('outbox').selectAll().where('recipient', '=', recipient).orderBy('createdAt', 'desc').execute();
  }
}
