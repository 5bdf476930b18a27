import type { TemplateColumn } from '../../../../common/schemas/import-templates.ts';

export type ColumnSketch = Partial<TemplateColumn> & Pick<TemplateColumn, 'name' | 'field'>;

/** A column with the schema's defaults filled in, so built-in definitions say only what differs. */
export const templateColumn = (sketch: ColumnSketch): TemplateColumn => ({ aliases: [], mustBeBlank: false, required: false, ...sketch });
