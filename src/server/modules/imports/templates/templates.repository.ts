import type { Executor } from '../../../db/connection.ts';
import type { ImportTemplatesTable } from '../../../db/schema.ts';

export class ImportTemplatesRepository {
  /** Inserts the row unless the tenant already has a template with its key; true when inserted. */
  async insert(db: Executor, row: ImportTemplatesTable): Promise<boolean> {
    const result = await db
      .insertInto('importTemplates')
      .values(row)
      .onConflict((oc) => oc.columns(['tenantId', 'key']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async listByTenant(db: Executor, tenantId: string): Promise<ImportTemplatesTable[]> {
    return db.selectFrom('importTemplates').selectAll().where('tenantId', '=', tenantId).orderBy('key').execute();
  }

  async getByKey(db: Executor, tenantId: string, key: string): Promise<ImportTemplatesTable | undefined> {
    return db.selectFrom('importTemplates').selectAll().where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  }

  async update(
    db: Executor,
    tenantId: string,
    key: string,
    changes: Pick<ImportTemplatesTable, 'label' | 'definition' | 'updatedAt'>,
  ): Promise<void> {
    await db.updateTable('importTemplates').set(changes).where('tenantId', '=', tenantId).where('key', '=', key).execute();
  }

  async delete(db: Executor, tenantId: string, key: string): Promise<void> {
    await db.deleteFrom('importTemplates').where('tenantId', '=', tenantId).where('key', '=', key).execute();
  }
}
