import type { Executor } from '../../db/connection.ts';
import type { TenantsTable } from '../../db/schema.ts';

export class TenantsRepository {
  async getById(db: Executor, id: string): Promise<TenantsTable | undefined> {
    return db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async saveSettings(db: Executor, id: string, settings: string): Promise<void> {
    await db.updateTable('tenants').set({ settings }).where('id', '=', id).execute();
  }

  async listAll(db: Executor): Promise<TenantsTable[]> {
    return db.selectFrom('tenants').selectAll().orderBy('id').execute();
  }
}
