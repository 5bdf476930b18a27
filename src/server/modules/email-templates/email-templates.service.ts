import type { Db, Executor } from '../../db/connection.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { emailTemplateCatalog, type EmailTemplateKey, type EmailTemplateText } from './email-template-catalog.ts';
import type { EmailTemplatesRepository } from './email-templates.repository.ts';
import type { PlaceholderValues } from './placeholders.ts';
import { renderEmail, type RenderedEmail } from './render-email.ts';

/** Renders one email from the tenant's wording, or the built-in one. */
export type EmailRenderer = (values: PlaceholderValues) => RenderedEmail;

export class EmailTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly repo: EmailTemplatesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  /**
   * The tenant's template for `key`, read once and ready to fill many times (an import renders a
   * whole batch of welcomes with one read). `db` is the caller's transaction or the database.
   */
  async compile(db: Executor, tenantId: string | null, key: EmailTemplateKey): Promise<EmailRenderer> {
    const template = await this.effectiveTemplate(db, tenantId, key);
    return (values) => renderEmail(template, values);
  }

  private async effectiveTemplate(db: Executor, tenantId: string | null, key: EmailTemplateKey): Promise<EmailTemplateText> {
    const row = tenantId ? await this.repo.get(db, tenantId, key) : undefined;
    if (row) return { subject: row.subject, bodyText: row.bodyText, bodyHtml: row.bodyHtml };
    const builtIn = emailTemplateCatalog[key];
    return { subject: builtIn.subject, bodyText: builtIn.bodyText, bodyHtml: builtIn.bodyHtml };
  }
}
