import type { Executor } from '../../../db/connection.ts';
import type { ImportTemplatesTable } from '../../../db/schema.ts';

export class ImportTemplatesRepository {
  async insert(db: Executor, row: ImportTemplatesTable): Promise<void> {
    await db
      .insertInto('importTemplates')
      .values(row)
      .onConflict((oc) => oc.columns(['tenantId', 'key']).doNothing())
      .execute();
  }

  async listByTenant(db: Executor, tenantId: string): Promise<ImportTemplatesTable[]> {
    return db.selectFrom('importTemplates').selectAll().where('tenantId', '=', tenantId).orderBy('key').execute();
  }

  async getByKey(db: Executor, tenantId: string, key: string): Promise<ImportTemplatesTable | undefined> {
    return db.selectFrom('importTemplates').selectAll().where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  }
}
