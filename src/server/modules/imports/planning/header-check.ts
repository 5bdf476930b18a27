import type { ImportField, ImportTemplate } from '../../../../common/schemas/imports.ts';

export interface HeaderMapping {
  /** For each file column, the field it feeds (or null for an ignored column). */
  fields: (ImportField | null)[];
  columnCount: number;
}

export type HeaderProblem =
  | { code: 'unknown_columns'; message: string; columns: string[] }
  | { code: 'missing_columns'; message: string; columns: string[] }
  | { code: 'duplicate_columns'; message: string; columns: string[] }
  | { code: 'header_mismatch'; message: string; expected: string[] };

/** Lenient headers ignore case, spaces, dashes and underscores: "Last Name" matches "LastName". */
const reasonColumn = 'reason';

const looseName = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

/** Matches a file's header against the template; any problem fails the whole file and names the columns. */
export function checkHeader(template: ImportTemplate, headerCells: string[]): HeaderMapping | HeaderProblem {
  const names = template.columns.map((c) => c.name);
  if (template.headerMode === 'strict') {
    const given = headerCells.map((c) => c.replace(/^\uFEFF/, ''));
    if (given.length !== names.length || given.some((c, i) => c !== names[i])) {
      return { code: 'header_mismatch', expected: names, message: `The first line must be exactly: ${names.join(', ')}.` };
    }
    return { fields: template.columns.map((c) => c.field), columnCount: names.length };
  }
  const byName = new Map(template.columns.map((c) => [looseName(c.name), c]));
  const fields: (ImportField | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  for (const cell of headerCells) {
    const key = looseName(cell);
    if (key === '') {
      fields.push(null);
      continue;
    }
    const column = byName.get(key);
    // The failed-rows download adds a Reason column; a corrected copy of it must go straight back in.
    if (!column && key === reasonColumn) {
      fields.push(null);
      continue;
    }
    if (!column) {
      unknown.push(cell.trim());
      fields.push(null);
      continue;
    }
    if (seen.has(key)) duplicates.push(cell.trim());
    seen.set(key, cell);
    fields.push(column.field === 'ignore' ? null : column.field);
  }
  if (unknown.length) {
    const list = unknown.map((c) => `"${c}"`).join(', ');
    return {
      code: 'unknown_columns',
      columns: unknown,
      message: `The file has ${unknown.length === 1 ? 'a column' : 'columns'} this template does not know: ${list}. The template's columns are: ${names.join(', ')}.`,
    };
  }
  if (duplicates.length) {
    return { code: 'duplicate_columns', columns: duplicates, message: `These columns appear more than once: ${duplicates.join(', ')}.` };
  }
  const missing = template.columns.filter((c) => c.required && !seen.has(looseName(c.name))).map((c) => c.name);
  if (missing.length) {
    return {
      code: 'missing_columns',
      columns: missing,
      message: `The file is missing the required ${missing.length === 1 ? 'column' : 'columns'} ${missing.join(', ')}. Download the template to see every column.`,
    };
  }
  return { fields, columnCount: headerCells.length };
}

export const isHeaderProblem = (value: HeaderMapping | HeaderProblem): value is HeaderProblem => 'code' in value;
