import type {
  ImportTemplateCreate,
  ImportTemplatePatch,
  ImportTemplateView,
  TemplateColumn,
  TemplatePreset,
} from '../../common/schemas/import-templates.ts';
import { api, get, patch, post, withQuery } from './client.ts';

export type { ImportTemplateCreate, ImportTemplatePatch, ImportTemplateView, TemplateColumn, TemplatePreset };

/*
 * A tenant's import templates, for Settings → Import templates. `orgId` is the tenant's top organization,
 * so a global administrator edits the tenant chosen on the settings page.
 */
const templatePath = (key: string, tenantId: string, rest = '') =>
  withQuery(`/api/import-templates/${encodeURIComponent(key)}${rest}`, { orgId: tenantId });

export const importTemplatesApi = {
  list: (tenantId: string) => get<{ items: ImportTemplateView[] }>('/api/import-templates', { orgId: tenantId }).then((r) => r.items),
  presets: () => get<{ items: TemplatePreset[] }>('/api/import-templates/presets').then((r) => r.items),
  get: (key: string, tenantId: string) => get<ImportTemplateView>(templatePath(key, tenantId)),
  create: (tenantId: string, input: ImportTemplateCreate) =>
    post<ImportTemplateView>(withQuery('/api/import-templates', { orgId: tenantId }), input),
  update: (key: string, tenantId: string, input: ImportTemplatePatch) => patch<ImportTemplateView>(templatePath(key, tenantId), input),
  remove: (key: string, tenantId: string) => api<void>('DELETE', templatePath(key, tenantId)),
  /** Plain links: the server answers with content-disposition: attachment. */
  fileUrl: (key: string, tenantId: string, format: 'csv' | 'xlsx') => templatePath(key, tenantId, `/template.${format}`),
};

export const importTemplatesKey = (tenantId: string) => ['import-templates', tenantId] as const;
export const importTemplateKey = (key: string, tenantId: string) => ['import-templates', tenantId, key] as const;
