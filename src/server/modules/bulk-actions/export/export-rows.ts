import Papa from 'papaparse';
import { neutralizeCell } from '../../../platform/spreadsheet-cell.ts';
import type { AccountWithOrg } from '../../accounts/account-record.ts';

/**
 * The `accounts` import template's columns, in its order: an exported file, edited and imported again
 * into the organization it was exported from, comes back `unchanged` for every row not edited.
 * Role and Password stay blank (an import would grant or set them); Status is written only where the
 * import reads it (Active, Archived), so invited and expired accounts stay as they are.
 */
export const exportHeader = [
  'UserID',
  'LastName',
  'FirstName',
  'Email',
  'Status',
  'Affiliation',
  'EmployeeType',
  'DateHire',
  'Role',
  'Password',
  'Organization',
  'Department',
  'JobTitle',
  'DateTransfer',
  'TrainingManager',
  'Supervisor',
] as const;

const statusWord: Record<string, string> = { active: 'Active', archived: 'Archived' };

/** One account's cells; `forCsv` neutralizes formulas (an XLSX string cell is never one). */
export function exportRow(account: AccountWithOrg, forCsv = true): string[] {
  const cells = [
    account.externalId ?? '',
    account.lastName,
    account.firstName,
    account.email,
    statusWord[account.status] ?? '',
    account.affiliation ?? '',
    account.employeeType ?? '',
    account.dateHire ?? '',
    '',
    '',
    account.orgName,
    account.department ?? '',
    account.jobTitle ?? '',
    account.dateTransfer ?? '',
    account.trainingManager ? 'Yes' : 'No',
    account.supervisor ? 'Yes' : 'No',
  ];
  // Formula-safe: in a CSV, a name or field starting with = + - @ must not run in a spreadsheet.
  return forCsv ? cells.map(neutralizeCell) : cells;
}

/** CSV lines (CRLF, quoted where needed) for one page of rows. */
export function csvLines(rows: readonly string[][]): string {
  return rows.length ? `${Papa.unparse(rows as string[][], { newline: '\r\n' })}\r\n` : '';
}

/** The file's first chunk: a BOM so Excel reads UTF-8, then the header. */
export const csvHead = `\uFEFF${csvLines([[...exportHeader]])}`;
