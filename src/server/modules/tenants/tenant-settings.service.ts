import {
  defaultTenantSettings,
  tenantSettingsSchema,
  type TenantSettings,
  type TenantSettingsView,
  type UpdateTenantSettingsInput,
} from '../../../common/schemas/tenant-settings.ts';
import type { Db, Executor } from '../../db/connection.ts';
import { inTransaction } from '../../db/transaction.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { isTenantAdministrator, type Actor } from '../../platform/actor.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { TenantsRepository } from './tenants.repository.ts';

/**
 * A tenant's own choices (onboarding mode, registration window, whether a welcome may carry the
 * temporary password). Stored as JSON on the tenant; a missing or unreadable value falls back to its
 * default, so a tenant made before a setting existed behaves as a new one.
 */
export class TenantSettingsService {
  constructor(
    private readonly db: Db,
    private readonly repo: TenantsRepository,
    private readonly audit: AuditService,
  ) {}

  async getSettings(actor: Actor, tenantId: string): Promise<TenantSettingsView> {
    this.assertTenantAdministrator(actor, tenantId);
    const tenant = await this.repo.getById(this.db, tenantId);
    if (!tenant) throw notFound('The tenant');
    return { tenantId: tenant.id, tenantName: tenant.name, ...parseSettings(tenant.settings) };
  }

  async updateSettings(actor: Actor, tenantId: string, input: UpdateTenantSettingsInput): Promise<TenantSettingsView> {
    this.assertTenantAdministrator(actor, tenantId);
    return inTransaction(this.db, async (trx) => {
      const tenant = await this.repo.getById(trx, tenantId);
      if (!tenant) throw notFound('The tenant');
      const before = parseSettings(tenant.settings);
      const after: TenantSettings = { ...before, ...definedOnly(input) };
      await this.repo.saveSettings(trx, tenantId, JSON.stringify({ ...safeJson(tenant.settings), ...after }));
      await this.audit.record(trx, actor, {
        action: 'tenant.settings_updated',
        targetType: 'tenant',
        targetId: tenantId,
        tenantId,
        orgPath: `/${tenantId}/`,
        before,
        after,
      });
      return { tenantId: tenant.id, tenantName: tenant.name, ...after };
    });
  }

  /** For services acting inside a tenant (no permission check: the caller already holds one). */
  async settingsOf(db: Executor, tenantId: string): Promise<TenantSettings & { tenantName: string }> {
    const tenant = await this.repo.getById(db, tenantId);
    if (!tenant) throw notFound('The tenant');
    return { tenantName: tenant.name, ...parseSettings(tenant.settings) };
  }

  /** Every tenant with its settings, for sweeps that run per tenant (inactivity). */
  async allTenants(): Promise<Array<TenantSettings & { tenantId: string; tenantName: string }>> {
    return (await this.repo.listAll(this.db)).map((t) => ({ tenantId: t.id, tenantName: t.name, ...parseSettings(t.settings) }));
  }

  /** Unknown tenants read as "not yours" rather than revealing which ids exist. */
  private assertTenantAdministrator(actor: Actor, tenantId: string): void {
    if (actor.isGlobalAdmin || isTenantAdministrator(actor, tenantId)) return;
    if (actor.tenantId !== tenantId) throw notFound('The tenant');
    throw forbidden('Only the tenant’s system administrators can change its settings.');
  }
}

function safeJson(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function parseSettings(text: string): TenantSettings {
  const stored = safeJson(text);
  const settings = { ...defaultTenantSettings };
  for (const key of Object.keys(defaultTenantSettings) as (keyof TenantSettings)[]) {
    const parsed = tenantSettingsSchema.shape[key].safeParse(stored[key]);
    if (parsed.success) (settings as Record<string, unknown>)[key] = parsed.data;
  }
  return settings;
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
