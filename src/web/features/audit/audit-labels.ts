/** Actions the server records today; unknown ones are shown as written. */
export const auditActions: Record<string, string> = {
  'account.created': 'Account created',
  'account.updated': 'Account updated',
  'account.archived': 'Account archived',
  'account.reactivated': 'Account reactivated',
  'account.deleted': 'Account deleted',
  'role.granted': 'Role granted',
  'auth.signed_in': 'Signed in',
  'auth.password_changed': 'Password changed',
  'account.activation_sent': 'Activation link sent',
  'account.expired': 'Activation link expired unused',
  'account.registered': 'Account activated',
  'auth.password_reset_requested': 'Password reset requested',
  'auth.password_reset': 'Password reset',
  'tenant.settings_updated': 'Tenant settings changed',
  'email_template.updated': 'Email template changed',
  'email_template.reset': 'Email template restored',
  'mail.sent_again': 'Message sent again',
  'mail.held_sent': 'Held messages sent',
  'tenant.created': 'Tenant created',
  'organization.created': 'Organization created',
  'organization.renamed': 'Organization renamed',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'import.uploaded': 'Import uploaded',
  'import.cancelled': 'Import cancelled',
  'import.committed': 'Import committed',
  'import.accounts_created': 'Accounts created by import',
  'import.rollback_requested': 'Import rollback requested',
  'account.password_reset_sent': 'Password reset link sent',
  'account.temporary_password_set': 'Temporary password set',
};

export const auditSourceLabels: Record<string, string> = {
  console: 'Console',
  api: 'API',
  cli: 'Command line',
  import: 'Import',
  scim: 'SCIM',
  system: 'System',
};

export const actionLabel = (action: string) => auditActions[action] ?? action;

const fieldLabels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Email',
  username: 'Username',
  orgId: 'Organization',
  status: 'Status',
  affiliation: 'Affiliation',
  employeeType: 'Employee type',
  dateHire: 'Date of hire',
  dateTransfer: 'Date of transfer',
  trainingManager: 'Training manager',
  supervisor: 'Supervisor',
  jobTitle: 'Job title',
  department: 'Department',
  externalId: 'External id',
  temporaryPassword: 'Temporary password',
  role: 'Role',
  name: 'Name',
  kind: 'Kind',
  createdAt: 'Created',
  createdBy: 'Created by (account id)',
  createdByImportId: 'Created by import',
  createdByImportLine: 'Line of that import',
  importId: 'Import',
  fileName: 'File',
  firstLine: 'First line',
  lastLine: 'Last line',
};
export const fieldLabel = (key: string) =>
  fieldLabels[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** Fields stored as flags; some databases hand them back as 0 and 1. */
const flagFields = new Set(['trainingManager', 'supervisor', 'temporaryPassword', 'mustChangePassword']);

export function showValue(value: unknown, field?: string): string {
  if (value === undefined) return '';
  if (field && flagFields.has(field) && (value === 0 || value === 1)) return value === 1 ? 'Yes' : 'No';
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ between before and after (all of after for a creation). */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

/** The import and line an account was created from, when the event says (an imported account's creation). */
export function importOrigin(event: {
  action: string;
  after: unknown;
}): { importId: string; fileName: string; line: number | null } | null {
  const after = event.after as Record<string, unknown> | null;
  if (event.action !== 'account.created' || !after || typeof after.importId !== 'string') return null;
  return {
    importId: after.importId,
    fileName: typeof after.fileName === 'string' ? after.fileName : 'an import',
    line: typeof after.line === 'number' ? after.line : null,
  };
}
