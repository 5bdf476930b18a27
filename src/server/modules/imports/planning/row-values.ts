import { z } from 'zod';
import type { ImportField, ReasonCode } from '../../../../common/schemas/imports.ts';
import {
  defaultDateFormats,
  todayDefault,
  type ImportTemplate,
  type TemplateDateFormat,
} from '../../../../common/schemas/import-templates.ts';
import { controlCharacters } from '../../../../common/schemas/accounts.ts';
import { looseValue } from '../../../../common/template-matching.ts';
import { isRequiredColumn, type HeaderMapping } from './header-check.ts';
import { restoreNeutralizedCell } from '../../../platform/spreadsheet-cell.ts';

/** One row's values, cleaned and typed. Absent means the file left the cell empty. */
export interface RowValues {
  externalId?: string;
  lastName?: string;
  firstName?: string;
  email?: string;
  status?: 'active' | 'archived';
  affiliation?: string;
  employeeType?: string;
  dateHire?: string;
  dateTransfer?: string;
  role?: string;
  password?: string;
  organization?: string;
  jobTitle?: string;
  department?: string;
  username?: string;
  trainingManager?: boolean;
  supervisor?: boolean;
  sectionCode?: string;
  learningPathCode?: string;
  force?: boolean;
  reason?: string;
}

export interface RowProblem {
  reason: ReasonCode;
  message: string;
}

const maxLength: Partial<Record<ImportField, number>> = { firstName: 100, lastName: 100, email: 254, password: 256, username: 254 };
const defaultMax = 200;
const fieldLabel: Partial<Record<ImportField, string>> = {
  externalId: 'UserID',
  lastName: 'LastName',
  firstName: 'FirstName',
  dateHire: 'DateHire',
  dateTransfer: 'DateTransfer',
  employeeType: 'EmployeeType',
};
const emailCheck = z.email();

const datePatterns: Record<TemplateDateFormat, { pattern: RegExp; order: ['y' | 'm' | 'd', 'y' | 'm' | 'd', 'y' | 'm' | 'd'] }> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: ['y', 'm', 'd'] },
  'M/D/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['m', 'd', 'y'] },
  'D/M/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: ['d', 'm', 'y'] },
  'D.M.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: ['d', 'm', 'y'] },
};

/**
 * A date in one of `formats` (by default YYYY-MM-DD or M/D/YYYY, US order as Excel writes it) →
 * YYYY-MM-DD, or undefined when it is not a real day. The first format that fits decides.
 */
export function parseDate(text: string, formats: readonly TemplateDateFormat[] = defaultDateFormats): string | undefined {
  for (const format of formats) {
    const { pattern, order } = datePatterns[format];
    const match = pattern.exec(text);
    if (!match) continue;
    const part = (which: 'y' | 'm' | 'd') => Number(match[order.indexOf(which) + 1]);
    const [y, m, d] = [part('y'), part('m'), part('d')];
    const date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return undefined;
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

function parseFlag(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (['yes', 'y', 'true', '1', 'x'].includes(t)) return true;
  if (['no', 'n', 'false', '0'].includes(t)) return false;
  return undefined;
}

/** A value to check against the template's column: what the row-by-row checks need, worked out once per file. */
interface CheckedColumn {
  field: ImportField;
  label: string;
  required: boolean;
  limit: number;
  /** The allowed values by their loose spelling (the first of a spelling wins, as matchAllowedValue finds it). */
  allowed: Map<string, string> | undefined;
  /** The allowed values as the template lists them, for the message. */
  allowedList: readonly string[] | undefined;
}

/** A date column's understood texts, remembered: a file holds few distinct dates (hire dates repeat). */
const rememberedDates = 10_000;

/** How one file's rows are read: everything that depends on the template and header alone, worked out once. */
class RowReader {
  private readonly mapped: Array<{ index: number; field: ImportField | null; mustBeBlankAs: string | null }>;
  private readonly defaults: Array<{ field: ImportField; value: string }>;
  private readonly fixed: Array<{ field: ImportField; value: string }>;
  private readonly checked: CheckedColumn[];
  private readonly dateFormats: Partial<Record<ImportField, readonly TemplateDateFormat[]>> = {};
  private readonly labels = new Map<string, string>();
  private readonly dates = new Map<string, Map<string, string | undefined>>();

  constructor(
    readonly template: ImportTemplate,
    readonly mapping: HeaderMapping,
    readonly today: string,
  ) {
    this.mapped = mapping.columns.map((column, index) => ({
      index,
      field: mapping.fields[index] ?? null,
      mustBeBlankAs: column?.field === 'ignore' && column.mustBeBlank ? column.name : null,
    }));
    this.defaults = template.columns.flatMap((column) =>
      column.field !== 'ignore' && column.default
        ? [{ field: column.field, value: column.default.toLowerCase() === todayDefault ? today : column.default }]
        : [],
    );
    this.fixed = Object.entries(template.fixedValues).flatMap(([name, value]) => {
      const column = template.columns.find((c) => c.name === name || c.field === name);
      return column ? [{ field: column.field, value }] : [];
    });
    this.checked = template.columns.flatMap((column) => {
      if (column.field === 'ignore') return [];
      if (column.dateFormats) this.dateFormats[column.field] = column.dateFormats;
      const allowed = column.allowedValues?.length ? new Map<string, string>() : undefined;
      for (const candidate of column.allowedValues ?? []) {
        const loose = looseValue(candidate);
        if (!allowed?.has(loose)) allowed?.set(loose, candidate);
      }
      return [
        {
          field: column.field,
          label: column.name,
          required: isRequiredColumn(template, column),
          limit: maxLength[column.field] ?? defaultMax,
          allowed,
          allowedList: column.allowedValues,
        },
      ];
    });
  }

  /** The label a field's problems name: its template column, or else the field in the default template's words. */
  private labelOf(field: ImportField): string {
    let label = this.labels.get(field);
    if (label === undefined) {
      label = this.template.columns.find((c) => c.field === field)?.name ?? fieldLabel[field] ?? field;
      this.labels.set(field, label);
    }
    return label;
  }

  /** A date cell as YYYY-MM-DD, or undefined; YYYY-MM-DD is always understood (see read). */
  private dateOf(field: ImportField, formats: readonly TemplateDateFormat[], text: string): string | undefined {
    let known = this.dates.get(field);
    if (!known) this.dates.set(field, (known = new Map()));
    if (known.has(text)) return known.get(text);
    const date = parseDate(text, formats) ?? parseDate(text, ['YYYY-MM-DD']);
    if (known.size >= rememberedDates) known.clear();
    known.set(text, date);
    return date;
  }

  read(cells: string[]): { values: RowValues } | { problem: RowProblem } {
    const columnCount = this.mapping.columnCount;
    if (cells.length !== columnCount && !(cells.length > columnCount && cells.slice(columnCount).every((c) => c.trim() === ''))) {
      return {
        problem: {
          reason: 'wrong_field_count',
          message: `This row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the header has ${columnCount} columns (a stray comma or a missing quote?).`,
        },
      };
    }
    const raw: Partial<Record<ImportField, string>> = {};
    for (const { index, field, mustBeBlankAs } of this.mapped) {
      const cell = restoreNeutralizedCell(cells[index] ?? '').trim();
      if (mustBeBlankAs !== null && cell !== '') {
        return { problem: { reason: 'invalid_value', message: `${mustBeBlankAs} must be left blank; it holds "${cell.slice(0, 60)}".` } };
      }
      if (field) raw[field] = cell;
    }
    for (const { field, value } of this.defaults) if (!raw[field]) raw[field] = value;
    for (const { field, value } of this.fixed) raw[field] = value;

    for (const column of this.checked) {
      const value = raw[column.field];
      if (column.required && !value) return { problem: { reason: 'missing_value', message: `${column.label} is required.` } };
      if (!value) continue;
      if (column.field !== 'password' && controlCharacters.test(value)) {
        return {
          problem: {
            reason: 'invalid_value',
            message: `${column.label} contains a line break or another control character; keep it on one line.`,
          },
        };
      }
      if (value.length > column.limit)
        return {
          problem: { reason: 'too_long', message: `${column.label} is ${value.length} characters long; the limit is ${column.limit}.` },
        };
      if (column.allowed) {
        const spelled = column.allowed.get(looseValue(value));
        if (spelled === undefined) {
          return {
            problem: {
              reason: 'invalid_value',
              message: `${column.label} "${value}" is not one of: ${column.allowedList?.join(', ')}.`,
            },
          };
        }
        raw[column.field] = spelled;
      }
    }

    const values: RowValues = {};
    for (const field in raw) {
      const value = raw[field as ImportField];
      if (!value || field === 'ignore') continue;
      switch (field as ImportField) {
        case 'email': {
          if (!emailCheck.safeParse(value).success)
            return { problem: { reason: 'invalid_email', message: `"${value}" is not a valid email address.` } };
          values.email = value;
          break;
        }
        case 'status': {
          const status = value.toLowerCase();
          if (status !== 'active' && status !== 'archived')
            return { problem: { reason: 'invalid_value', message: `Status "${value}" must be Active or Archived.` } };
          values.status = status;
          break;
        }
        case 'dateHire':
        case 'dateTransfer': {
          const dateField = field as 'dateHire' | 'dateTransfer';
          const formats = this.dateFormats[dateField] ?? defaultDateFormats;
          // YYYY-MM-DD is always understood: it cannot be misread, and it is how spreadsheet date cells arrive.
          const date = this.dateOf(dateField, formats, value);
          if (!date)
            return {
              problem: {
                reason: 'invalid_value',
                message: `${this.labelOf(dateField)} "${value}" is not a date; use ${formats.join(' or ')}.`,
              },
            };
          values[dateField] = date;
          break;
        }
        case 'trainingManager':
        case 'supervisor':
        case 'force': {
          const flagField = field as 'trainingManager' | 'supervisor' | 'force';
          const flag = parseFlag(value);
          if (flag === undefined)
            return {
              problem: {
                reason: 'invalid_value',
                message: `${this.labelOf(flagField)} "${value}" must be Yes or No (TRUE/FALSE, 1/0 and Y/N work too).`,
              },
            };
          values[flagField] = flag;
          break;
        }
        default:
          (values as Record<string, unknown>)[field] = value;
      }
    }
    return { values };
  }
}

/** The reader last made for each header (a file's rows are read one by one with the same template and day). */
const readers = new WeakMap<HeaderMapping, RowReader>();

/**
 * Turns one row's cells into typed values, or the first problem found. Fixed template values win
 * over the file; a column's default fills a blank cell ("today" is `today`, YYYY-MM-DD). Checks here
 * need nothing but the row; lookups (existing accounts, organizations, roles) come later in planning.
 * What depends only on the template and the header is worked out once per header (see RowReader).
 */
export function readRowValues(
  template: ImportTemplate,
  mapping: HeaderMapping,
  cells: string[],
  today: string,
): { values: RowValues } | { problem: RowProblem } {
  let reader = readers.get(mapping);
  if (!reader || reader.template !== template || reader.today !== today) {
    reader = new RowReader(template, mapping, today);
    readers.set(mapping, reader);
  }
  return reader.read(cells);
}
