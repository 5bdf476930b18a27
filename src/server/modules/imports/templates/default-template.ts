import { importModes } from '../../../../common/schemas/imports.ts';
import type { ImportTemplate } from '../../../../common/schemas/import-templates.ts';
import { templateColumn, type ColumnSketch } from './template-column.ts';

/**
 * The `accounts` template every tenant starts with: the contract's eleven columns first, in its order,
 * then a column for every other account field. Lenient, so a file with extra columns still imports.
 */
export const defaultAccountsTemplate: ImportTemplate = {
  key: 'accounts',
  label: 'Accounts',
  headerMode: 'lenient',
  allRequired: false,
  modes: [...importModes],
  fixedValues: {},
  columns: (
    [
      {
        name: 'UserID',
        field: 'externalId',
        aliases: ['ExternalId'],
        required: false,
        description: 'Your own identifier for the person (optional).',
        example: 'ana.lopez@example.org',
      },
      { name: 'LastName', field: 'lastName', required: true, example: 'Lopez' },
      { name: 'FirstName', field: 'firstName', required: true, example: 'Ana' },
      { name: 'Email', field: 'email', required: true, description: 'Unique in the whole platform.', example: 'ana.lopez@example.org' },
      {
        name: 'Status',
        field: 'status',
        required: false,
        allowedValues: ['Active', 'Archived'],
        description: 'Active (default) or Archived.',
        example: 'Active',
      },
      { name: 'Affiliation', field: 'affiliation', required: false, example: 'California Community Partners' },
      { name: 'EmployeeType', field: 'employeeType', required: false, example: 'Riverside County Community Partner' },
      { name: 'DateHire', field: 'dateHire', required: false, description: 'YYYY-MM-DD or M/D/YYYY.', example: '2026-11-23' },
      {
        name: 'Role',
        field: 'role',
        required: false,
        description: 'A role that may be created in bulk (default: none).',
        example: 'learner',
      },
      {
        name: 'Password',
        field: 'password',
        required: false,
        description: 'Temporary password for new accounts; changed at first sign-in.',
        example: '',
      },
      {
        name: 'Organization',
        field: 'organization',
        required: false,
        description: 'An organization inside the one you import into (default: that one).',
        example: '',
      },
      { name: 'Department', field: 'department', required: false, example: '' },
      { name: 'JobTitle', field: 'jobTitle', required: false, example: '' },
      { name: 'DateTransfer', field: 'dateTransfer', required: false, description: 'YYYY-MM-DD or M/D/YYYY.', example: '' },
      {
        name: 'TrainingManager',
        field: 'trainingManager',
        required: false,
        description: 'Yes or No (TRUE/FALSE, 1/0 and Y/N work too).',
        example: 'No',
      },
      {
        name: 'Supervisor',
        field: 'supervisor',
        required: false,
        description: 'Yes or No (TRUE/FALSE, 1/0 and Y/N work too).',
        example: 'No',
      },
    ] as ColumnSketch[]
  ).map(templateColumn),
};
