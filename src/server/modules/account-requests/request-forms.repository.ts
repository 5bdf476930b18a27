import type { Executor } from '../../db/connection.ts';
import type { AccountRequestFormsTable, ResponseTemplatesTable } from '../../db/schema.ts';

export type ResponseTemplateRow = ResponseTemplatesTable;

/** The tenant's request form and its response templates: Kysely only. */
export class RequestFormsRepository {
  async getForm(db: Executor, tenantId: string): Promise<AccountRequestFormsTable | undefined> {
    return db.selectFrom('accountRequestForms').selectAll().where('tenantId', '=', tenantId).executeTakeFirst();
  }

  async getFormBySlug(db: Executor, slug: string): Promise<AccountRequestFormsTable | undefined> {
    return db.selectFrom('accountRequestForms').selectAll().where('slug', '=', slug).executeTakeFirst();
  }

  async saveForm(db: Executor, row: AccountRequestFormsTable): Promise<void> {
    await db
      .insertInto('accountRequestForms')
      .values(row)
      .onConflict((oc) => oc.column('tenantId').doUpdateSet({ slug: row.slug, settings: row.settings, updatedAt: row.updatedAt }))
      .execute();
  }

  async listTemplates(db: Executor, tenantId: string): Promise<ResponseTemplateRow[]> {
    return db.selectFrom('responseTemplates').selectAll().where('tenantId', '=', tenantId).orderBy('createdAt').orderBy('id').execute();
  }

  async getTemplate(db: Executor, tenantId: string, key: string): Promise<ResponseTemplateRow | undefined> {
    return db.selectFrom('responseTemplates').selectAll().where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  }

  async insertTemplate(db: Executor, row: ResponseTemplateRow): Promise<void> {
    await db.insertInto('responseTemplates').values(row).execute();
  }

  async updateTemplate(db: Executor, id: string, changes: Partial<ResponseTemplateRow>): Promise<void> {
    await db.updateTable('responseTemplates').set(changes).where('id', '=', id).execute();
  }

  async deleteTemplate(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('responseTemplates').where('id', '=', id).execute();
  }
}
