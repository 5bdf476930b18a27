import { ErrorCodes } from '../../../common/error-codes.ts';
import {
  defaultRequestFormSettings,
  requestFormSettingsSchema,
  type RequestFormSettings,
  type RequestFormView,
} from '../../../common/schemas/account-requests.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isTenantAdministrator, type Actor } from '../../platform/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TenantSettingsService } from '../tenants/tenant-settings.service.ts';
import type { RequestFormsRepository } from './request-forms.repository.ts';

/** Words the console's own addresses use after /request-account/; a slug may not take them. */
const reservedSlugs = new Set(['new', 'follow', 'sent']);

export interface ResolvedForm {
  tenantId: string;
  tenantName: string;
  settings: RequestFormSettings;
}

/** Each tenant's public request form: the slug of its shareable link and which fields it asks. */
export class RequestFormsService {
  constructor(
    private readonly db: Db,
    private readonly repo: RequestFormsRepository,
    private readonly tenants: TenantSettingsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async getForm(actor: Actor, tenantId?: string): Promise<RequestFormView> {
    const tenant = this.administeredTenant(actor, tenantId);
    const form = await this.formOf(this.db, tenant);
    return { tenantId: tenant, tenantName: form.tenantName, ...form.settings };
  }

  async saveForm(actor: Actor, input: RequestFormSettings, tenantId?: string): Promise<RequestFormView> {
    const tenant = this.administeredTenant(actor, tenantId);
    if (input.slug && reservedSlugs.has(input.slug)) throw fieldError('slug', `"${input.slug}" is reserved; choose another.`);
    try {
      return await inTransaction(this.db, async (trx) => {
        const before = await this.formOf(trx, tenant);
        await this.repo.saveForm(trx, {
          tenantId: tenant,
          slug: input.slug,
          settings: JSON.stringify({ ...input, slug: undefined }),
          updatedAt: this.clock.now().toISOString(),
        });
        await this.audit.record(trx, actor, {
          action: 'account_request_form.updated',
          targetType: 'tenant',
          targetId: tenant,
          tenantId: tenant,
          orgPath: `/${tenant}/`,
          before: before.settings,
          after: input,
        });
        return { tenantId: tenant, tenantName: before.tenantName, ...input };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(ErrorCodes.nameTaken, `Another tenant's form already uses "${input.slug}".`);
      throw error;
    }
  }

  /** The form a public link names, by slug or tenant id; a missing or closed form is 404 either way. */
  async resolvePublic(db: Executor, tenantOrSlug: string): Promise<ResolvedForm> {
    const bySlug = await this.repo.getFormBySlug(db, tenantOrSlug);
    const tenantId = bySlug?.tenantId ?? tenantOrSlug;
    let form: ResolvedForm;
    try {
      form = await this.formOf(db, tenantId);
    } catch (error) {
      if (error instanceof AppError) throw notFound('This request form');
      throw error;
    }
    if (!form.settings.enabled) throw notFound('This request form');
    return form;
  }

  async formOf(db: Executor, tenantId: string): Promise<ResolvedForm> {
    const tenant = await this.tenants.settingsOf(db, tenantId);
    const row = await this.repo.getForm(db, tenantId);
    return { tenantId, tenantName: tenant.tenantName, settings: parseForm(row?.settings, row?.slug ?? null) };
  }

  private administeredTenant(actor: Actor, tenantId: string | undefined): string {
    const tenant = tenantId ?? actor.tenantId;
    if (!tenant) throw fieldError('tenantId', 'Name the tenant whose request form you mean (?tenantId=…).');
    if (actor.isGlobalAdmin || isTenantAdministrator(actor, tenant)) return tenant;
    if (tenant !== actor.tenantId) throw notFound('The tenant');
    throw forbidden('Only the tenant’s administrators change its request form.');
  }
}

/** Stored settings over the defaults, so a setting added later reads as its default. */
function parseForm(text: string | undefined, slug: string | null): RequestFormSettings {
  let stored: unknown = {};
  try {
    stored = text ? JSON.parse(text) : {};
  } catch {
    stored = {};
  }
  const merged = { ...defaultRequestFormSettings, ...(stored as object), slug };
  const parsed = requestFormSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : { ...defaultRequestFormSettings, slug };
}
