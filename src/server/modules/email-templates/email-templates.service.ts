import { ErrorCodes } from '../../../common/error-codes.ts';
import type {
  EmailTemplate,
  EmailTemplateInput,
  EmailTemplatePreview,
  EmailTemplatePreviewInput,
} from '../../../common/schemas/email-templates.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { fieldError, forbidden, invalid, notFound } from '../../platform/errors.ts';
import { isTenantAdministrator, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import {
  emailTemplateCatalog,
  emailTemplateKeys,
  isEmailTemplateKey,
  type EmailTemplateDefinition,
  type EmailTemplateKey,
  type EmailTemplateText,
} from './email-template-catalog.ts';
import type { EmailTemplateRow, EmailTemplatesRepository } from './email-templates.repository.ts';
import type { PlaceholderValues } from '../../../common/placeholders.ts';
import { renderEmail, renderForOutbox, type RenderedEmail } from './render-email.ts';
import { checkTemplate, listPlaceholders, type TemplateField } from './template-checks.ts';

/** Renders one email from the tenant's wording, or the built-in one. */
export type EmailRenderer = (values: PlaceholderValues) => RenderedEmail;
export type OutboxRenderer = (values: PlaceholderValues) => ReturnType<typeof renderForOutbox>;

/**
 * Each tenant's wording of the emails Registrar sends. A tenant's system administrators (and global
 * administrators) read, edit, preview and reset it; the services that send mail only `compile` it.
 */
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
  /** As compile, for messages written to the outbox: an HTML part made from the text is made when sending. */
  async compileForOutbox(db: Executor, tenantId: string | null, key: EmailTemplateKey): Promise<OutboxRenderer> {
    const template = await this.effectiveTemplate(db, tenantId, key);
    return (values) => renderForOutbox(template, values);
  }

  /** Every email, in catalog order, as the tenant has it. */
  async list(actor: Actor, tenantId?: string): Promise<EmailTemplate[]> {
    const tenant = await this.requireTenant(this.db, actor, tenantId);
    const rows = new Map((await this.repo.listForTenant(this.db, tenant)).map((row) => [row.key, row]));
    return emailTemplateKeys.map((key) => toView(emailTemplateCatalog[key], rows.get(key)));
  }

  async get(actor: Actor, key: string, tenantId?: string): Promise<EmailTemplate> {
    const tenant = await this.requireTenant(this.db, actor, tenantId);
    const definition = requireDefinition(key);
    return toView(definition, await this.repo.get(this.db, tenant, definition.key));
  }

  /** Replaces the built-in wording for this tenant; refused when it uses names the email cannot fill or drops a required one. */
  async save(actor: Actor, key: string, input: EmailTemplateInput, tenantId?: string): Promise<EmailTemplate> {
    const tenant = await this.requireTenant(this.db, actor, tenantId);
    const definition = requireDefinition(key);
    const text: EmailTemplateText = {
      subject: input.subject,
      bodyText: input.bodyText,
      // Blank HTML means "make it from the text", stored as null so later text edits carry over.
      bodyHtml: input.bodyHtml === null || input.bodyHtml.trim() === '' ? null : input.bodyHtml,
    };
    assertUsable(definition, text);
    return inTransaction(this.db, async (trx) => {
      const before = await this.repo.get(trx, tenant, definition.key);
      const now = this.clock.now().toISOString();
      const row = await this.repo.upsert(trx, {
        id: this.ids.newId(),
        tenantId: tenant,
        key: definition.key,
        ...text,
        updatedBy: actor.accountId,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(trx, actor, {
        action: 'email_template.updated',
        targetType: 'email_template',
        targetId: definition.key,
        tenantId: tenant,
        orgPath: `/${tenant}/`,
        before: { subject: before?.subject ?? definition.subject, customized: before !== undefined },
        after: { subject: row.subject },
      });
      return toView(definition, row);
    });
  }

  /** Back to the built-in wording. Resetting a template that was never changed changes nothing and records nothing. */
  async reset(actor: Actor, key: string, tenantId?: string): Promise<void> {
    const tenant = await this.requireTenant(this.db, actor, tenantId);
    const definition = requireDefinition(key);
    await inTransaction(this.db, async (trx) => {
      const removed = await this.repo.delete(trx, tenant, definition.key);
      if (!removed) return;
      await this.audit.record(trx, actor, {
        action: 'email_template.reset',
        targetType: 'email_template',
        targetId: definition.key,
        tenantId: tenant,
        orgPath: `/${tenant}/`,
        before: { subject: removed.subject, customized: true },
        after: { subject: definition.subject, customized: false },
      });
    });
  }

  /**
   * An unsaved draft filled with the catalog's sample values. Unknown names are reported, not refused
   * (the editor shows them as the administrator types), and stay visible as written in the result.
   */
  async preview(actor: Actor, key: string, draft: EmailTemplatePreviewInput, tenantId?: string): Promise<EmailTemplatePreview> {
    const tenant = await this.requireTenant(this.db, actor, tenantId);
    const definition = requireDefinition(key);
    const problems = checkTemplate(definition, draft);
    // The sample person, in the tenant being edited.
    const tenantName = (await this.repo.tenantName(this.db, tenant)) ?? definition.sample.tenantName;
    const values = {
      ...definition.sample,
      ...(definition.placeholders.includes('tenantName') ? { tenantName } : {}),
      ...Object.fromEntries(problems.unknown.map((name) => [name, `{{${name}}}`])),
    };
    return { ...renderEmail(draft, values), unknown: problems.unknown, missing: problems.missing };
  }

  private async effectiveTemplate(db: Executor, tenantId: string | null, key: EmailTemplateKey): Promise<EmailTemplateText> {
    const row = tenantId ? await this.repo.get(db, tenantId, key) : undefined;
    if (row) return { subject: row.subject, bodyText: row.bodyText, bodyHtml: row.bodyHtml };
    const builtIn = emailTemplateCatalog[key];
    return { subject: builtIn.subject, bodyText: builtIn.bodyText, bodyHtml: builtIn.bodyHtml };
  }

  /**
   * The tenant whose templates the actor may edit: their own by default. Another tenant (or one that
   * does not exist) answers 404, so nobody learns which tenants exist; inside their own tenant, anyone
   * but its system administrators gets 403.
   */
  private async requireTenant(db: Executor, actor: Actor, tenantId: string | undefined): Promise<string> {
    const tenant = tenantId ?? actor.tenantId;
    if (!tenant) throw fieldError('tenantId', 'Name the tenant whose email templates you mean (?tenantId=…).');
    if (actor.isGlobalAdmin) {
      if (!(await this.repo.tenantExists(db, tenant))) throw notFound('The tenant');
      return tenant;
    }
    if (tenant !== actor.tenantId) throw notFound('The tenant');
    if (!isTenantAdministrator(actor, tenant)) {
      throw forbidden('Only the tenant’s system administrators (administrators at its top organization) can change its email templates.');
    }
    return tenant;
  }
}

function requireDefinition(key: string): EmailTemplateDefinition {
  if (!isEmailTemplateKey(key)) throw notFound(`The email template "${key}"`);
  return emailTemplateCatalog[key];
}

/** Refuses wording the email could not fill, or that drops what it cannot do without. */
function assertUsable(definition: EmailTemplateDefinition, text: EmailTemplateText): void {
  const problems = checkTemplate(definition, text);
  if (problems.unknown.length) {
    const fields = fieldMessages(problems.unknownByField, (names) => `Not a placeholder of this email: ${listPlaceholders(names)}.`);
    const count = problems.unknown.length === 1 ? 'placeholder' : 'placeholders';
    throw invalid(
      `“${definition.label}” has no ${count} ${listPlaceholders(problems.unknown)}. Check the spelling, or use one of: ${listPlaceholders(definition.placeholders)}.`,
      { fields, unknown: problems.unknown, allowed: [...definition.placeholders] },
      ErrorCodes.unknownPlaceholder,
    );
  }
  if (problems.linksInSubject.length) {
    throw invalid(
      `Links cannot go in the subject: move ${listPlaceholders(problems.linksInSubject)} into the body of “${definition.label}”.`,
      { fields: { subject: `Links belong in the body, not the subject: ${listPlaceholders(problems.linksInSubject)}.` } },
      ErrorCodes.linkInSubject,
    );
  }
  if (problems.missing.length) {
    const fields = fieldMessages(problems.missingByField, (names) => `Keep ${listPlaceholders(names)} in this part of the email.`);
    const where = (['bodyText', 'bodyHtml'] as const)
      .filter((field) => problems.missingByField[field])
      .map((field) => (field === 'bodyText' ? 'its text' : 'its HTML'));
    throw invalid(
      `“${definition.label}” must include ${listPlaceholders(problems.missing)} in ${where.join(' and ')}: without it the email cannot do its job.`,
      { fields, missing: problems.missing },
    );
  }
}

function fieldMessages(
  byField: Partial<Record<TemplateField, string[]>>,
  message: (names: string[]) => string,
): Partial<Record<TemplateField, string>> {
  return Object.fromEntries(Object.entries(byField).map(([field, names]) => [field, message(names)]));
}

function toView(definition: EmailTemplateDefinition, row: EmailTemplateRow | undefined): EmailTemplate {
  const text = row ?? definition;
  return {
    key: definition.key,
    label: definition.label,
    description: definition.description,
    placeholders: [...definition.placeholders],
    requiredPlaceholders: [...definition.required],
    subject: text.subject,
    bodyText: text.bodyText,
    bodyHtml: text.bodyHtml,
    customized: row !== undefined,
    updatedAt: row?.updatedAt ?? null,
  };
}
