import type { TemplateKind } from '../../../common/schemas/import-templates.ts';
import type { ImportRow } from '../../db/schema.ts';

/** What the import's template makes (kept with the import when it was uploaded): accounts, unless it says otherwise. */
export function templateKind(imp: Pick<ImportRow, 'template'>): TemplateKind {
  return (JSON.parse(imp.template) as { kind?: TemplateKind }).kind ?? 'accounts';
}
