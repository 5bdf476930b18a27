import Papa from 'papaparse';
import type { TemplateColumn } from '../../../common/schemas/import-templates.ts';
import { looseHeader, matchAllowedValue } from '../../../common/template-matching.ts';
import { fieldLabel } from './template-draft.ts';

export interface CheckedColumn {
  header: string;
  /** What the template does with the column, in words. */
  reads: string;
  /** The first row's cell, and how it would be read. */
  sample: string;
  verdict: string;
  ok: boolean;
}

export interface LiveCheck {
  columns: CheckedColumn[];
  /** Problems with the header as a whole: they would refuse the file. */
  problems: string[];
}

interface CheckedTemplate {
  headerMode: 'strict' | 'lenient';
  allRequired: boolean;
  columns: TemplateColumn[];
}

/**
 * How the template would read the first lines of a real file, computed in the browser as the
 * administrator edits. It mirrors the server's header rules (the server stays the judge on upload).
 */
export function checkPastedLines(template: CheckedTemplate, text: string): LiveCheck | undefined {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trim(), { preview: 2, skipEmptyLines: true });
  const [header, first = []] = parsed.data;
  if (!header?.length) return undefined;
  const byName = new Map<string, TemplateColumn>();
  for (const c of template.columns) for (const name of [c.name, ...c.aliases]) byName.set(looseHeader(name), c);
  const exact = (c: TemplateColumn, cell: string) => c.name === cell || c.aliases.includes(cell);
  const problems: string[] = [];
  const seen = new Set<TemplateColumn>();
  const columns = header.map((raw, i): CheckedColumn => {
    const cell = raw.trim();
    const column = template.headerMode === 'strict' ? template.columns.find((c) => exact(c, cell)) : byName.get(looseHeader(cell));
    const sample = (first[i] ?? '').trim();
    if (!column) {
      if (template.headerMode === 'strict') problems.push(`"${cell}" is not one of this strict template's columns.`);
      return {
        header: cell,
        reads: 'Not in the template: ignored',
        sample,
        verdict: template.headerMode === 'strict' ? 'Refuses the file' : 'Not read',
        ok: template.headerMode !== 'strict',
      };
    }
    seen.add(column);
    if (template.headerMode === 'strict' && template.columns[i] !== column)
      problems.push(`"${cell}" is out of place: the template has ${template.columns[i]?.name ?? 'nothing'} there.`);
    return {
      header: cell,
      reads: column.field === 'ignore' ? fieldLabel(column.mustBeBlank ? 'ignore:blank' : 'ignore:any') : fieldLabel(column.field),
      sample,
      ...readCell(template, column, sample),
    };
  });
  const missing = template.columns.filter(
    (c) => !seen.has(c) && (template.headerMode === 'strict' || c.required || (template.allRequired && c.field !== 'ignore')),
  );
  if (missing.length) problems.push(`Missing ${missing.length === 1 ? 'column' : 'columns'}: ${missing.map((c) => c.name).join(', ')}.`);
  return { columns, problems };
}

function readCell(template: CheckedTemplate, column: TemplateColumn, value: string): { verdict: string; ok: boolean } {
  if (column.field === 'ignore') {
    if (column.mustBeBlank && value) return { verdict: 'Must be blank: the row would fail', ok: false };
    return { verdict: 'Not read', ok: true };
  }
  if (!value) {
    if (column.default)
      return { verdict: column.default.toLowerCase() === 'today' ? 'Blank: becomes today' : `Blank: becomes ${column.default}`, ok: true };
    const required = column.required || template.allRequired;
    return { verdict: required ? 'Required: the row would fail' : 'Blank: left as it is', ok: !required };
  }
  if (column.allowedValues?.length) {
    const spelled = matchAllowedValue(column.allowedValues, value);
    return spelled === undefined
      ? { verdict: `Not one of: ${column.allowedValues.join(', ')}`, ok: false }
      : { verdict: spelled === value ? 'Accepted' : `Stored as ${spelled}`, ok: true };
  }
  return { verdict: 'Accepted', ok: true };
}
