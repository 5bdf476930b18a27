import { z } from 'zod';
import type { ImportField, ImportTemplate, ReasonCode } from '../../../../common/schemas/imports.ts';
import { controlCharacters } from '../../../../common/schemas/accounts.ts';
import type { HeaderMapping } from './header-check.ts';

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

/** YYYY-MM-DD or M/D/YYYY (US order, as Excel writes it) → YYYY-MM-DD, or undefined when not a real date. */
export function parseDate(text: string): string | undefined {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [m, d, y] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900 || y > 2200) return undefined;
  return date.toISOString().slice(0, 10);
}

function parseFlag(text: string): boolean | undefined {
  const t = text.toLowerCase();
  if (['yes', 'y', 'true', '1', 'x'].includes(t)) return true;
  if (['no', 'n', 'false', '0'].includes(t)) return false;
  return undefined;
}

/**
 * Turns one row's cells into typed values, or the first problem found. Fixed template values win
 * over the file. Checks here need nothing but the row; lookups (existing accounts, organizations,
 * roles) come later in planning.
 */
export function readRowValues(
  template: ImportTemplate,
  mapping: HeaderMapping,
  cells: string[],
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
  mapping.fields.forEach((field, i) => {
    if (field) raw[field] = (cells[i] ?? '').trim();
  });
  for (const [name, value] of Object.entries(template.fixedValues)) {
    const column = template.columns.find((c) => c.name === name || c.field === name);
    if (column) raw[column.field] = value;
  }

  for (const column of template.columns) {
    const value = raw[column.field];
    const label = column.name;
    if (column.required && !value) return { problem: { reason: 'missing_value', message: `${label} is required.` } };
    if (!value) continue;
    if (column.field !== 'password' && controlCharacters.test(value)) {
      return {
        problem: { reason: 'invalid_value', message: `${label} contains a line break or another control character; keep it on one line.` },
      };
    }
    const limit = maxLength[column.field] ?? defaultMax;
    if (value.length > limit)
      return { problem: { reason: 'too_long', message: `${label} is ${value.length} characters long; the limit is ${limit}.` } };
    if (column.allowedValues?.length && !column.allowedValues.some((a) => a.toLowerCase() === value.toLowerCase())) {
      return { problem: { reason: 'invalid_value', message: `${label} "${value}" is not one of: ${column.allowedValues.join(', ')}.` } };
    }
  }

  const values: RowValues = {};
  for (const [field, value] of Object.entries(raw) as Array<[ImportField, string]>) {
    if (!value || field === 'ignore') continue;
    const label = fieldLabel[field] ?? field;
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
        const date = parseDate(value);
        if (!date)
          return { problem: { reason: 'invalid_value', message: `${label} "${value}" is not a date; use YYYY-MM-DD or M/D/YYYY.` } };
        values[field] = date;
        break;
      }
      case 'trainingManager':
      case 'supervisor': {
        const flag = parseFlag(value);
        if (flag === undefined) return { problem: { reason: 'invalid_value', message: `${label} "${value}" must be Yes or No.` } };
        values[field] = flag;
        break;
      }
      default:
        values[field] = value;
    }
  }
  return { values };
}
