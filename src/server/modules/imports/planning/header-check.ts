import type { ImportField } from '../../../../common/schemas/imports.ts';
import type { ImportTemplate, TemplateColumn } from '../../../../common/schemas/import-templates.ts';
import { looseHeader } from '../../../../common/template-matching.ts';

export interface HeaderMapping {
  /** For each file column, the field it feeds (or null for an ignored column). */
  fields: (ImportField | null)[];
  /** For each file column, the template column it is; null for a blank or unknown header. */
  columns: (TemplateColumn | null)[];
  columnCount: number;
  /** Headers a lenient template did not know, as the file wrote them; their cells are not read. */
  ignored: string[];
}

export type HeaderProblem =
  | { code: 'unknown_columns'; message: string; columns: string[]; expected?: string[] }
  | { code: 'missing_columns'; message: string; columns: string[]; expected?: string[] }
  | { code: 'duplicate_columns'; message: string; columns: string[] }
  | { code: 'header_mismatch'; message: string; expected: string[] };

/** The failed-rows download adds a Reason column; a corrected copy of it must go straight back in. */
const reasonColumn = 'reason';

/** Whether the template asks for this column: itself, or every column when the template says all are required. */
export const isRequiredColumn = (template: ImportTemplate, column: TemplateColumn) =>
  column.required || (template.allRequired && column.field !== 'ignore');

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** Matches a file's header against the template; any problem fails the whole file and names the columns. */
export function checkHeader(template: ImportTemplate, headerCells: string[]): HeaderMapping | HeaderProblem {
  return template.headerMode === 'strict' ? checkStrict(template, headerCells) : checkLenient(template, headerCells);
}

/** Strict: exactly the template's headers (or an alias, spelled exactly), in its order, nothing added. */
function checkStrict(template: ImportTemplate, headerCells: string[]): HeaderMapping | HeaderProblem {
  const names = template.columns.map((c) => c.name);
  const given = headerCells.map((c) => c.replace(/^\uFEFF/, '').trim());
  // The failed-rows download appends its Reason column; the rest of that file is the template's own.
  const withReason = given.length === names.length + 1 && looseHeader(given.at(-1) ?? '') === reasonColumn;
  if (withReason) given.pop();
  const spells = (column: TemplateColumn, cell: string) => cell === column.name || column.aliases.includes(cell);
  if (given.length === names.length && template.columns.every((column, i) => spells(column, given[i] ?? ''))) {
    const fields = template.columns.map((c) => (c.field === 'ignore' ? null : c.field));
    const columns = [...template.columns];
    return withReason
      ? { fields: [...fields, null], columns: [...columns, null], columnCount: names.length + 1, ignored: [] }
      : { fields, columns, columnCount: names.length, ignored: [] };
  }
  const exactly = `This template is strict: the first line must be exactly ${names.join(', ')}, in that order, with nothing added or removed.`;
  const unknown = given.filter((cell) => cell !== '' && !template.columns.some((c) => spells(c, cell)));
  if (unknown.length) {
    const list = unknown.map((c) => `"${c}"`).join(', ');
    return {
      code: 'unknown_columns',
      columns: unknown,
      expected: names,
      message: `The file has ${plural(unknown.length, 'a column', 'columns')} this template does not know: ${list}. ${exactly}`,
    };
  }
  const missing = template.columns.filter((c) => !given.some((cell) => spells(c, cell))).map((c) => c.name);
  if (missing.length) {
    return {
      code: 'missing_columns',
      columns: missing,
      expected: names,
      message: `The file is missing the ${plural(missing.length, 'column', 'columns')} ${missing.join(', ')}. ${exactly}`,
    };
  }
  return { code: 'header_mismatch', expected: names, message: `The columns are not in the template's order. ${exactly}` };
}

/** Lenient: any case, spacing and order; aliases count; unknown columns are set aside and named. */
function checkLenient(template: ImportTemplate, headerCells: string[]): HeaderMapping | HeaderProblem {
  const byName = new Map<string, TemplateColumn>();
  for (const column of template.columns) for (const name of [column.name, ...column.aliases]) byName.set(looseHeader(name), column);
  const fields: (ImportField | null)[] = [];
  const columns: (TemplateColumn | null)[] = [];
  const ignored: string[] = [];
  const seen = new Set<TemplateColumn>();
  const duplicates: string[] = [];
  for (const cell of headerCells) {
    const key = looseHeader(cell);
    const column = key === '' ? undefined : byName.get(key);
    if (!column) {
      if (key !== '' && key !== reasonColumn) ignored.push(cell.replace(/^\uFEFF/, '').trim());
      fields.push(null);
      columns.push(null);
      continue;
    }
    // A second Reason is the failed-rows download's, after an enrollments file's own Reason column.
    if (seen.has(column) && key === reasonColumn) {
      fields.push(null);
      columns.push(null);
      continue;
    }
    if (seen.has(column)) duplicates.push(cell.trim());
    seen.add(column);
    fields.push(column.field === 'ignore' ? null : column.field);
    columns.push(column);
  }
  if (duplicates.length) {
    return { code: 'duplicate_columns', columns: duplicates, message: `These columns appear more than once: ${duplicates.join(', ')}.` };
  }
  const missing = template.columns
    .filter((c) => (isRequiredColumn(template, c) || template.allRequired) && !seen.has(c))
    .map((c) => c.name);
  if (missing.length) {
    return {
      code: 'missing_columns',
      columns: missing,
      message: `The file is missing the required ${plural(missing.length, 'column', 'columns')} ${missing.join(', ')}. Download the template to see every column.`,
    };
  }
  return { fields, columns, columnCount: headerCells.length, ignored };
}

export const isHeaderProblem = (value: HeaderMapping | HeaderProblem): value is HeaderProblem => 'code' in value;

/** The preview's sentence about unread columns: "3 columns ignored: A, B, C." */
export function ignoredColumnsNotice(ignored: readonly string[]): string | undefined {
  if (ignored.length === 0) return undefined;
  return `${ignored.length} ${plural(ignored.length, 'column', 'columns')} ignored: ${ignored.join(', ')}. This template does not read ${plural(ignored.length, 'it', 'them')}.`;
}
