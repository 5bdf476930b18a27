import { ErrorCodes } from '../../../common/error-codes.ts';
import { Permissions } from '../../../common/permissions.ts';
import { unknownPlaceholders, placeholdersIn, type PlaceholderValues } from '../../../common/placeholders.ts';
import {
  responsePlaceholders,
  type CreateResponseTemplateInput,
  type ResponseTemplate,
  type ResponseTemplateList,
  type ResponseTemplatePreview,
  type UpdateResponseTemplateInput,
} from '../../../common/schemas/response-templates.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { can, isTenantAdministrator, reach, type Actor } from '../../platform/actor.ts';
import type { Clock, IdSource } from '../../platform/clock.ts';
import { conflict, fieldError, forbidden, invalid, invalidState, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { renderForOutbox } from '../email-templates/render-email.ts';
import { isLinkPlaceholder } from '../email-templates/template-checks.ts';
import type { OrganizationsService } from '../organizations/organizations.service.ts';
import { builtInResponses, type BuiltInResponse } from './built-in-responses.ts';
import type { RequestFormsRepository, ResponseTemplateRow } from './request-forms.repository.ts';

export interface ResponseText {
  key: string;
  subject: string;
  body: string;
}

/**
 * A tenant's replies to account requests: the built-in three (editable, not deletable) and its own.
 * Whoever handles requests or invites people reads them; the tenant's administrators and its top-level
 * handlers change them.
 */
export class ResponseTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly repo: RequestFormsRepository,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async list(actor: Actor, tenantId?: string): Promise<ResponseTemplateList> {
    const tenant = await this.readableTenant(actor, tenantId);
    const rows = await this.repo.listTemplates(this.db, tenant);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const items = [
      ...builtInResponses.map((b) => toView(b, byKey.get(b.key))),
      ...rows.filter((r) => !isBuiltIn(r.key)).map((r) => toView(undefined, r)),
    ];
    return { items, placeholders: [...responsePlaceholders] };
  }

  async create(actor: Actor, input: CreateResponseTemplateInput, tenantId?: string): Promise<ResponseTemplate> {
    const tenant = await this.editableTenant(actor, tenantId);
    assertUsable(input);
    const key = input.key ?? keyFrom(input.label);
    if (isBuiltIn(key)) throw conflict(ErrorCodes.nameTaken, `"${key}" is a built-in template; edit it instead.`);
    const now = this.clock.now().toISOString();
    const row: ResponseTemplateRow = {
      id: this.ids.newId(),
      tenantId: tenant,
      key,
      label: input.label,
      subject: input.subject,
      body: input.body,
      updatedBy: actor.accountId,
      createdAt: now,
      updatedAt: now,
    };
    try {
      return await inTransaction(this.db, async (trx) => {
        if (await this.repo.getTemplate(trx, tenant, key)) throw taken(key);
        await this.repo.insertTemplate(trx, row);
        await this.audit.record(trx, actor, {
          action: 'response_template.created',
          targetType: 'response_template',
          targetId: key,
          tenantId: tenant,
          orgPath: `/${tenant}/`,
          after: { label: row.label, subject: row.subject },
        });
        return toView(undefined, row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw taken(key);
      throw error;
    }
  }

  /** A built-in template's first edit stores the tenant's copy; later edits change that copy. */
  async update(actor: Actor, key: string, input: UpdateResponseTemplateInput, tenantId?: string): Promise<ResponseTemplate> {
    const tenant = await this.editableTenant(actor, tenantId);
    return inTransaction(this.db, async (trx) => {
      const builtIn = builtInResponses.find((b) => b.key === key);
      const row = await this.repo.getTemplate(trx, tenant, key);
      if (!row && !builtIn) throw notFound(`The response template "${key}"`);
      const current = row ?? (builtIn as BuiltInResponse);
      const next = { label: input.label ?? current.label, subject: input.subject ?? current.subject, body: input.body ?? current.body };
      assertUsable(next);
      const now = this.clock.now().toISOString();
      let saved: ResponseTemplateRow;
      if (row) {
        await this.repo.updateTemplate(trx, row.id, { ...next, updatedBy: actor.accountId, updatedAt: now });
        saved = { ...row, ...next, updatedBy: actor.accountId, updatedAt: now };
      } else {
        saved = { id: this.ids.newId(), tenantId: tenant, key, ...next, updatedBy: actor.accountId, createdAt: now, updatedAt: now };
        await this.repo.insertTemplate(trx, saved);
      }
      await this.audit.record(trx, actor, {
        action: 'response_template.updated',
        targetType: 'response_template',
        targetId: key,
        tenantId: tenant,
        orgPath: `/${tenant}/`,
        before: { label: current.label, subject: current.subject },
        after: { label: next.label, subject: next.subject },
      });
      return toView(builtIn, saved);
    });
  }

  async remove(actor: Actor, key: string, tenantId?: string): Promise<void> {
    const tenant = await this.editableTenant(actor, tenantId);
    if (isBuiltIn(key)) throw invalidState('Built-in templates cannot be deleted; change their words instead.');
    await inTransaction(this.db, async (trx) => {
      const row = await this.repo.getTemplate(trx, tenant, key);
      if (!row) throw notFound(`The response template "${key}"`);
      await this.repo.deleteTemplate(trx, row.id);
      await this.audit.record(trx, actor, {
        action: 'response_template.deleted',
        targetType: 'response_template',
        targetId: key,
        tenantId: tenant,
        orgPath: `/${tenant}/`,
        before: { label: row.label, subject: row.subject },
      });
    });
  }

  /** The template's words (or a draft's) filled with `values`; names it cannot fill stay visible and are listed. */
  async preview(
    actor: Actor,
    key: string,
    draft: { subject?: string; body?: string },
    values: PlaceholderValues,
    tenantId?: string,
  ): Promise<ResponseTemplatePreview> {
    const tenant = await this.readableTenant(actor, tenantId);
    // Unsaved words in full need no saved template (a new one being written); otherwise the saved words fill the gaps.
    const saved = draft.subject !== undefined && draft.body !== undefined ? undefined : await this.text(this.db, tenant, key);
    const text = { subject: draft.subject ?? saved?.subject ?? '', body: draft.body ?? saved?.body ?? '' };
    const unknown = [
      ...new Set([...unknownPlaceholders(text.subject, responsePlaceholders), ...unknownPlaceholders(text.body, responsePlaceholders)]),
    ];
    const filled = render(text, { ...values, ...Object.fromEntries(unknown.map((n) => [n, `{{${n}}}`])) });
    return { ...filled, unknown };
  }

  /** The tenant's words for `key` (its copy, or the built-in one); 404 when there is no such template. */
  async text(db: Executor, tenantId: string, key: string): Promise<ResponseText> {
    const row = await this.repo.getTemplate(db, tenantId, key);
    if (row) return { key, subject: row.subject, body: row.body };
    const builtIn = builtInResponses.find((b) => b.key === key);
    if (!builtIn) throw notFound(`The response template "${key}"`);
    return { key, subject: builtIn.subject, body: builtIn.body };
  }

  /** Reading: anyone who handles requests or invites people in the tenant (the people a request is handed to). */
  private async readableTenant(actor: Actor, tenantId: string | undefined): Promise<string> {
    const tenant = await this.tenantOf(actor, tenantId);
    if (actor.isGlobalAdmin) return tenant;
    const handles = reach(actor, Permissions.requestsHandle);
    const invites = reach(actor, Permissions.invitationsSend);
    if (handles !== 'all' && handles.length === 0 && invites !== 'all' && invites.length === 0) {
      throw forbidden('Only people who handle account requests or invite others use response templates.');
    }
    return tenant;
  }

  private async editableTenant(actor: Actor, tenantId: string | undefined): Promise<string> {
    const tenant = await this.tenantOf(actor, tenantId);
    if (actor.isGlobalAdmin || isTenantAdministrator(actor, tenant) || can(actor, Permissions.requestsHandle, `/${tenant}/`)) return tenant;
    throw forbidden('Only the tenant’s administrators and those who handle requests at its top organization change response templates.');
  }

  /** Their own tenant; another (or one that does not exist) answers 404. */
  private async tenantOf(actor: Actor, tenantId: string | undefined): Promise<string> {
    const tenant = tenantId ?? actor.tenantId;
    if (!tenant) throw fieldError('tenantId', 'Name the tenant whose response templates you mean (?tenantId=…).');
    if (actor.isGlobalAdmin) {
      const [root] = await this.orgs.getManyByIds(this.db, [tenant]);
      if (!root || root.tenantId !== tenant) throw notFound('The tenant');
      return tenant;
    }
    if (tenant !== actor.tenantId) throw notFound('The tenant');
    return tenant;
  }
}

/** Fills a reply: links never in the subject, values as written in the text. */
export function render(text: { subject: string; body: string }, values: PlaceholderValues): { subject: string; body: string } {
  const email = renderForOutbox({ subject: text.subject, bodyText: text.body, bodyHtml: null }, values);
  return { subject: email.subject, body: email.bodyText };
}

function assertUsable(text: { subject: string; body: string }): void {
  const unknown = [
    ...new Set([...unknownPlaceholders(text.subject, responsePlaceholders), ...unknownPlaceholders(text.body, responsePlaceholders)]),
  ];
  if (unknown.length) {
    throw invalid(
      `Not a placeholder of a reply: ${unknown.map((n) => `{{${n}}}`).join(', ')}. Use one of: ${responsePlaceholders.map((n) => `{{${n}}}`).join(', ')}.`,
      { unknown, allowed: [...responsePlaceholders] },
      ErrorCodes.unknownPlaceholder,
    );
  }
  const links = placeholdersIn(text.subject).filter(isLinkPlaceholder);
  if (links.length) {
    throw invalid(
      `Links cannot go in the subject: move ${links.map((n) => `{{${n}}}`).join(', ')} into the body.`,
      { fields: { subject: 'Links belong in the body, not the subject.' } },
      ErrorCodes.linkInSubject,
    );
  }
}

const isBuiltIn = (key: string) => builtInResponses.some((b) => b.key === key);
const taken = (key: string) => conflict(ErrorCodes.nameTaken, `A response template with the key "${key}" already exists.`);

function keyFrom(label: string): string {
  const key = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64)
    .replace(/_+$/g, '');
  return key.length >= 2 ? key : `reply_${key || 'template'}`;
}

function toView(builtIn: BuiltInResponse | undefined, row: ResponseTemplateRow | undefined): ResponseTemplate {
  const text = row ?? (builtIn as BuiltInResponse);
  return {
    key: text.key,
    label: text.label,
    subject: text.subject,
    body: text.body,
    builtIn: builtIn !== undefined,
    customized: builtIn !== undefined && row !== undefined,
    updatedAt: row?.updatedAt ?? null,
  };
}
