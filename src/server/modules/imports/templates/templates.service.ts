import { neutralizeCell } from '../../../platform/spreadsheet-cell.ts';
import Papa from 'papaparse';
import { Permissions } from '../../../../common/permissions.ts';
import { importTemplateSchema, type ImportTemplate } from '../../../../common/schemas/imports.ts';
import type { Db, Executor } from '../../../db/connection.ts';
import type { Clock, IdSource } from '../../../platform/clock.ts';
import { notFound } from '../../../platform/errors.ts';
import { requireReach, type Actor } from '../../../platform/actor.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import { defaultAccountsTemplate } from './default-template.ts';
import type { ImportTemplatesRepository } from './templates.repository.ts';

/** Import templates are tenant data; every tenant starts with the contract's `accounts` template. */
export class ImportTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportTemplatesRepository,
    private readonly orgs: OrganizationsService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async createDefaults(db: Executor, tenantId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.repo.insert(db, {
      id: this.ids.newId(),
      tenantId,
      key: defaultAccountsTemplate.key,
      label: defaultAccountsTemplate.label,
      definition: JSON.stringify(defaultAccountsTemplate),
      createdAt: now,
      updatedAt: now,
    });
  }

  async listTemplates(actor: Actor, orgId?: string): Promise<ImportTemplate[]> {
    const tenantId = await this.tenantFor(actor, orgId);
    const rows = await this.repo.listByTenant(this.db, tenantId);
    const templates = rows.map((r) => importTemplateSchema.parse(JSON.parse(r.definition)));
    return templates.some((t) => t.key === defaultAccountsTemplate.key) ? templates : [defaultAccountsTemplate, ...templates];
  }

  /** The template by key; tenants made before templates existed fall back to the built-in default. */
  async getTemplate(db: Executor, tenantId: string, key: string): Promise<ImportTemplate | undefined> {
    const row = await this.repo.getByKey(db, tenantId, key);
    if (row) return importTemplateSchema.parse(JSON.parse(row.definition));
    return key === defaultAccountsTemplate.key ? defaultAccountsTemplate : undefined;
  }

  /** The header line plus one example row, as a CSV a spreadsheet opens cleanly (UTF-8 with BOM). */
  async templateCsv(actor: Actor, key: string, orgId?: string): Promise<{ fileName: string; content: string }> {
    const tenantId = await this.tenantFor(actor, orgId);
    const template = await this.getTemplate(this.db, tenantId, key);
    if (!template) throw notFound(`The import template "${key}"`);
    const header = template.columns.map((c) => c.name);
    const example = template.columns.map((c) => template.fixedValues[c.name] ?? c.example ?? '');
    return {
      fileName: `${template.key}-template.csv`,
      content: `\uFEFF${Papa.unparse([header.map(neutralizeCell), example.map(neutralizeCell)], { newline: '\r\n' })}\r\n`,
    };
  }

  private async tenantFor(actor: Actor, orgId?: string): Promise<string> {
    requireReach(actor, Permissions.importsRun, 'You do not have permission to import accounts.');
    if (orgId) return (await this.orgs.requireOrganization(this.db, actor, orgId, Permissions.importsRun)).tenantId;
    if (!actor.tenantId) throw notFound('The tenant');
    return actor.tenantId;
  }
}
