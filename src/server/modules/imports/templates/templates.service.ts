import { ErrorCodes } from '../../../../common/error-codes.ts';
import { Permissions, type Permission } from '../../../../common/permissions.ts';
import {
  importTemplateSchema,
  type ImportTemplate,
  type ImportTemplateCreate,
  type ImportTemplatePatch,
  type ImportTemplateView,
  type TemplatePreset,
} from '../../../../common/schemas/import-templates.ts';
import type { Db, Executor } from '../../../db/connection.ts';
import type { ImportTemplatesTable } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Clock, IdSource } from '../../../platform/clock.ts';
import { conflict, fieldError, forbidden, notFound } from '../../../platform/errors.ts';
import { can, reach, type Actor } from '../../../platform/actor.ts';
import type { AuditService } from '../../audit/audit.service.ts';
import type { OrganizationsService } from '../../organizations/organizations.service.ts';
import { defaultAccountsTemplate } from './default-template.ts';
import { defaultEnrollmentsTemplate } from './enrollments-template.ts';
import { findPreset, templatePresets } from './presets.ts';
import { templateCsv, templateXlsx } from './template-files.ts';
import { checkTemplateDefinition } from './template-rules.ts';
import type { ImportTemplatesRepository } from './templates.repository.ts';

/** Templates every tenant has, by key. */
const builtIns = new Map([defaultAccountsTemplate, defaultEnrollmentsTemplate].map((t) => [t.key, t]));
const builtInKeys = new Set(builtIns.keys());

/** A stored definition: the template, plus the preset it came from. */
interface StoredTemplate {
  template: ImportTemplate;
  preset: string | null;
  row: ImportTemplatesTable | undefined;
}

/**
 * Import templates are tenant data. Every tenant starts with the built-in `accounts` template; holders
 * of `imports.templates` at the tenant's top organization add, edit and delete the others (built-ins are
 * edited but never deleted); everyone who imports reads them.
 */
export class ImportTemplatesService {
  constructor(
    private readonly db: Db,
    private readonly repo: ImportTemplatesRepository,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly ids: IdSource,
  ) {}

  async createDefaults(db: Executor, tenantId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const template of builtIns.values()) {
      await this.repo.insert(db, {
        id: this.ids.newId(),
        tenantId,
        key: template.key,
        label: template.label,
        definition: JSON.stringify(template),
        createdAt: now,
        updatedAt: now,
      });
    }
  }

  listPresets(): TemplatePreset[] {
    return templatePresets.map(({ key, label, description }) => ({ key, label, description }));
  }

  async listTemplates(actor: Actor, orgId?: string): Promise<ImportTemplateView[]> {
    const tenantId = await this.tenantToRead(actor, orgId);
    const rows = await this.repo.listByTenant(this.db, tenantId);
    const views = rows.map((row) => toView(builtInKeys.has(row.key) ? currentBuiltIn(row) : parseRow(row)));
    // A tenant made before a built-in existed has no row for it: it gets the built-in as defined.
    for (const key of builtInKeys) if (!rows.some((row) => row.key === key)) views.unshift(toView(builtIn(key)));
    // The built-in first, then the tenant's own by name.
    return views.sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.label.localeCompare(b.label));
  }

  async viewTemplate(actor: Actor, key: string, orgId?: string): Promise<ImportTemplateView> {
    const tenantId = await this.tenantToRead(actor, orgId);
    return toView(await this.requireStored(this.db, tenantId, key));
  }

  /** The template by key, for an import; undefined when the tenant has none by that key. */
  async getTemplate(db: Executor, tenantId: string, key: string): Promise<ImportTemplate | undefined> {
    return (await this.stored(db, tenantId, key))?.template;
  }

  /** Adds a template to the tenant: a whole definition, or one of the presets (`{"preset": "County archival"}`). */
  async createTemplate(actor: Actor, input: ImportTemplateCreate, orgId?: string): Promise<ImportTemplateView> {
    const tenantId = await this.tenantToEdit(actor, orgId);
    let template: ImportTemplate;
    let preset: string | null = null;
    if ('preset' in input) {
      const found = findPreset(input.preset);
      if (!found)
        throw fieldError('preset', `There is no preset "${input.preset}". Presets: ${templatePresets.map((p) => p.label).join(', ')}.`);
      template = { ...found.template, key: input.key ?? found.template.key };
      preset = found.key;
    } else {
      template = checkTemplateDefinition(
        importTemplateSchema.parse({ ...input, headerMode: input.headerMode ?? 'lenient', fixedValues: input.fixedValues ?? {} }),
      );
    }
    const now = this.clock.now().toISOString();
    return inTransaction(this.db, async (trx) => {
      const inserted =
        !builtInKeys.has(template.key) &&
        (await this.repo.insert(trx, {
          id: this.ids.newId(),
          tenantId,
          key: template.key,
          label: template.label,
          definition: JSON.stringify({ ...template, preset }),
          createdAt: now,
          updatedAt: now,
        }));
      if (!inserted) throw conflict(ErrorCodes.nameTaken, `This tenant already has a template with the key "${template.key}".`);
      await this.audit.record(trx, actor, {
        action: preset ? 'import_template.installed' : 'import_template.created',
        targetType: 'import_template',
        targetId: template.key,
        tenantId,
        orgPath: `/${tenantId}/`,
        after: summary(template, preset),
      });
      return toView({
        template,
        preset,
        row: { id: '', tenantId, key: template.key, label: template.label, definition: '', createdAt: now, updatedAt: now },
      });
    });
  }

  async updateTemplate(actor: Actor, key: string, patch: ImportTemplatePatch, orgId?: string): Promise<ImportTemplateView> {
    const tenantId = await this.tenantToEdit(actor, orgId);
    return inTransaction(this.db, async (trx) => {
      const current = await this.requireStored(trx, tenantId, key);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const template = checkTemplateDefinition(importTemplateSchema.parse({ ...current.template, ...defined, key: current.template.key }));
      const now = this.clock.now().toISOString();
      const definition = JSON.stringify({ ...template, preset: current.preset });
      if (current.row) await this.repo.update(trx, tenantId, key, { label: template.label, definition, updatedAt: now });
      else
        await this.repo.insert(trx, {
          id: this.ids.newId(),
          tenantId,
          key,
          label: template.label,
          definition,
          createdAt: now,
          updatedAt: now,
        });
      await this.audit.record(trx, actor, {
        action: 'import_template.updated',
        targetType: 'import_template',
        targetId: key,
        tenantId,
        orgPath: `/${tenantId}/`,
        before: summary(current.template, current.preset),
        after: summary(template, current.preset),
      });
      const createdAt = current.row?.createdAt ?? now;
      return toView({
        template,
        preset: current.preset,
        row: { id: '', tenantId, key, label: template.label, definition, createdAt, updatedAt: now },
      });
    });
  }

  async deleteTemplate(actor: Actor, key: string, orgId?: string): Promise<void> {
    const tenantId = await this.tenantToEdit(actor, orgId);
    if (builtInKeys.has(key)) throw conflict(ErrorCodes.invalidState, `"${key}" is built in: it can be edited but not deleted.`);
    await inTransaction(this.db, async (trx) => {
      const current = await this.requireStored(trx, tenantId, key);
      await this.repo.delete(trx, tenantId, key);
      await this.audit.record(trx, actor, {
        action: 'import_template.deleted',
        targetType: 'import_template',
        targetId: key,
        tenantId,
        orgPath: `/${tenantId}/`,
        before: summary(current.template, current.preset),
      });
    });
  }

  async templateFile(
    actor: Actor,
    key: string,
    format: 'csv' | 'xlsx',
    orgId?: string,
  ): Promise<{ fileName: string; content: string | Buffer }> {
    const tenantId = await this.tenantToRead(actor, orgId);
    const { template } = await this.requireStored(this.db, tenantId, key);
    const fileName = `${template.key}-template.${format}`;
    return { fileName, content: format === 'csv' ? templateCsv(template) : await templateXlsx(template) };
  }

  private async stored(db: Executor, tenantId: string, key: string): Promise<StoredTemplate | undefined> {
    const row = await this.repo.getByKey(db, tenantId, key);
    if (builtInKeys.has(key)) return row ? currentBuiltIn(row) : builtIn(key);
    return row ? parseRow(row) : undefined;
  }

  private async requireStored(db: Executor, tenantId: string, key: string): Promise<StoredTemplate> {
    const found = await this.stored(db, tenantId, key);
    if (!found) throw notFound(`The import template "${key}"`);
    return found;
  }

  /** The tenant whose templates the actor reads: anyone who imports (or edits templates) somewhere in it. */
  private async tenantToRead(actor: Actor, orgId?: string): Promise<string> {
    const holds = (permission: Permission) => {
      const roots = reach(actor, permission);
      return roots === 'all' || roots.length > 0;
    };
    if (!holds(Permissions.importsRun) && !holds(Permissions.importsTemplates))
      throw forbidden('You do not have permission to import accounts.');
    if (orgId) {
      const permission = holds(Permissions.importsRun) ? Permissions.importsRun : Permissions.importsTemplates;
      return (await this.orgs.requireOrganization(this.db, actor, orgId, permission)).tenantId;
    }
    if (!actor.tenantId) throw notFound('The tenant');
    return actor.tenantId;
  }

  /** The tenant whose templates the actor edits: `imports.templates` at its top organization. */
  private async tenantToEdit(actor: Actor, orgId?: string): Promise<string> {
    const tenantId = orgId ? await this.tenantToRead(actor, orgId) : actor.tenantId;
    if (!tenantId) throw fieldError('orgId', 'Name the tenant whose templates you mean (?orgId=…).');
    if (!can(actor, Permissions.importsTemplates, `/${tenantId}/`)) {
      throw forbidden('Only holders of the imports.templates permission at the tenant’s top organization can change its import templates.');
    }
    return tenantId;
  }
}

const builtIn = (key: string): StoredTemplate => ({ template: builtIns.get(key) as ImportTemplate, preset: null, row: undefined });

/** A built-in nobody edited follows the current definition, so columns added later reach existing tenants. */
const currentBuiltIn = (row: ImportTemplatesTable): StoredTemplate =>
  row.createdAt === row.updatedAt ? { ...builtIn(row.key), row } : parseRow(row);

function parseRow(row: ImportTemplatesTable): StoredTemplate {
  const raw = JSON.parse(row.definition) as Record<string, unknown>;
  return { template: importTemplateSchema.parse(raw), preset: typeof raw.preset === 'string' ? raw.preset : null, row };
}

function toView({ template, preset, row }: StoredTemplate): ImportTemplateView {
  return {
    ...template,
    columns: template.columns.map((c) => ({ ...c, header: c.name })),
    builtIn: builtInKeys.has(template.key),
    preset,
    updatedAt: row && row.updatedAt !== row.createdAt ? row.updatedAt : null,
  };
}

/** What the audit trail keeps of a template: enough to see what changed without the whole definition. */
function summary(template: ImportTemplate, preset: string | null) {
  return {
    label: template.label,
    headerMode: template.headerMode,
    allRequired: template.allRequired,
    modes: template.modes,
    columns: template.columns.map((c) => `${c.name}→${c.field}${c.required ? '*' : ''}`),
    ...(preset ? { preset } : {}),
  };
}
