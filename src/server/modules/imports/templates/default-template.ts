import type { ImportTemplate } from '../../../../common/schemas/imports.ts';

/** The `accounts` template every tenant starts with, as the contract defines it. */
export const defaultAccountsTemplate: ImportTemplate = {
  key: 'accounts',
  label: 'Accounts',
  headerMode: 'lenient',
  fixedValues: {},
  columns: [
    {
      name: 'UserID',
      field: 'externalId',
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
  ],
};
