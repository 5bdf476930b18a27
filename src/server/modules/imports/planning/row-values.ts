import { z } from 'zod';
import type { ImportField, ReasonCode } from '../../../../common/schemas/imports.ts';
import {
  defaultDateFormats,
  todayDefault,
  type ImportTemplate,
  type TemplateDateFormat,
} from '../../../../common/schemas/import-templates.ts';
import { controlCharacters } from '../../../../common/schemas/accounts.ts';
import { matchAllowedValue } from '../../../../common/template-matching.ts';
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

/**
 * Turns one row's cells into typed values, or the first problem found. Fixed template values win
 * over the file; a column's default fills a blank cell ("today" is `today`, YYYY-MM-DD). Checks here
 * need nothing but the row; lookups (existing accounts, organizations, roles) come later in planning.
 */
export function readRowValues(
  template: ImportTemplate,
  mapping: HeaderMapping,
  cells: string[],
  today: string,
): { values: RowValues } | { problem: RowProblem } {
  if (
    cells.length !== mapping.columnCount &&
    !(cells.length > mapping.columnCount && cells.slice(mapping.columnCount).every((c) => c.trim() === ''))
  ) {
    return {
      problem: {
        reason: 'wrong_field_count',
        message: `This row has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the header has ${mapping.columnCount} columns (a stray comma or a missing quote?).`,
      },
    };
  }
  const raw: Partial<Record<ImportField, string>> = {};
  for (const [i, column] of mapping.columns.entries()) {
    const cell = restoreNeutralizedCell(cells[i] ?? '').trim();
    if (column?.field === 'ignore' && column.mustBeBlank && cell !== '') {
      return { problem: { reason: 'invalid_value', message: `${column.name} must be left blank; it holds "${cell.slice(0, 60)}".` } };
    }
    const field = mapping.fields[i];
    if (field) raw[field] = cell;
  }
  for (const column of template.columns) {
    if (column.field !== 'ignore' && !raw[column.field] && column.default) {
      raw[column.field] = column.default.toLowerCase() === todayDefault ? today : column.default;
    }
  }
  for (const [name, value] of Object.entries(template.fixedValues)) {
    const column = template.columns.find((c) => c.name === name || c.field === name);
    if (column) raw[column.field] = value;
  }

  const dateFormats: Partial<Record<ImportField, readonly TemplateDateFormat[]>> = {};
  for (const column of template.columns) {
    if (column.field === 'ignore') continue;
    const value = raw[column.field];
    const label = column.name;
    if (isRequiredColumn(template, column) && !value) return { problem: { reason: 'missing_value', message: `${label} is required.` } };
    if (column.dateFormats) dateFormats[column.field] = column.dateFormats;
    if (!value) continue;
    if (column.field !== 'password' && controlCharacters.test(value)) {
      return {
        problem: { reason: 'invalid_value', message: `${label} contains a line break or another control character; keep it on one line.` },
      };
    }
    const limit = maxLength[column.field] ?? defaultMax;
    if (value.length > limit)
      return { problem: { reason: 'too_long', message: `${label} is ${value.length} characters long; the limit is ${limit}.` } };
    if (column.allowedValues?.length) {
      const spelled = matchAllowedValue(column.allowedValues, value);
      if (spelled === undefined) {
        return { problem: { reason: 'invalid_value', message: `${label} "${value}" is not one of: ${column.allowedValues.join(', ')}.` } };
      }
      raw[column.field] = spelled;
    }
  }

  const values: RowValues = {};
  for (const [field, value] of Object.entries(raw) as Array<[ImportField, string]>) {
    if (!value || field === 'ignore') continue;
    const label = template.columns.find((c) => c.field === field)?.name ?? fieldLabel[field] ?? field;
    switch (field) {
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
        const formats = dateFormats[field] ?? defaultDateFormats;
        // YYYY-MM-DD is always understood: it cannot be misread, and it is how spreadsheet date cells arrive.
        const date = parseDate(value, formats) ?? parseDate(value, ['YYYY-MM-DD']);
        if (!date)
          return { problem: { reason: 'invalid_value', message: `${label} "${value}" is not a date; use ${formats.join(' or ')}.` } };
        values[field] = date;
        break;
      }
      case 'trainingManager':
      case 'supervisor':
      case 'force': {
        const flag = parseFlag(value);
        if (flag === undefined)
          return {
            problem: { reason: 'invalid_value', message: `${label} "${value}" must be Yes or No (TRUE/FALSE, 1/0 and Y/N work too).` },
          };
        values[field] = flag;
        break;
      }
      default:
        values[field] = value;
    }
  }
  return { values };
}
