import type { Executor } from '../../db/connection.ts';
import type { EmailTemplatesTable } from '../../db/schema.ts';

export type EmailTemplateRow = EmailTemplatesTable;

export class EmailTemplatesRepository {
  async get(db: Executor, tenantId: string, key: string): Promise<EmailTemplateRow | undefined> {
    return db.selectFrom('emailTemplates').selectAll().where('tenantId', '=', tenantId).where('key', '=', key).executeTakeFirst();
  }

  async listForTenant(db: Executor, tenantId: string): Promise<EmailTemplateRow[]> {
    return db.selectFrom('emailTemplates').selectAll().where('tenantId', '=', tenantId).execute();
  }

  /**
   * Inserts the tenant's copy or replaces its wording, in one statement on the (tenant, key) unique
   * index: two saves at once both succeed (the later one wins) instead of one failing on the index.
   * `createdAt` and `id` stay those of the first save.
   */
  async upsert(db: Executor, row: EmailTemplateRow): Promise<EmailTemplateRow> {
    return db
      .insertInto('emailTemplates')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['tenantId', 'key']).doUpdateSet({
          subject: row.subject,
          bodyText: row.bodyText,
          bodyHtml: row.bodyHtml,
          updatedBy: row.updatedBy,
          updatedAt: row.updatedAt,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Removes the tenant's copy; returns the removed row, if there was one. */
  async delete(db: Executor, tenantId: string, key: string): Promise<EmailTemplateRow | undefined> {
    return db.deleteFrom('emailTemplates').where('tenantId', '=', tenantId).where('key', '=', key).returningAll().executeTakeFirst();
  }

  /** Whether a tenant with this id exists (global administrators may name any tenant). */
  async tenantExists(db: Executor, tenantId: string): Promise<boolean> {
    return (await this.tenantName(db, tenantId)) !== undefined;
  }

  async tenantName(db: Executor, tenantId: string): Promise<string | undefined> {
    return (await db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirst())?.name;
  }
}
