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
}
