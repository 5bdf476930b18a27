import type { Account } from '../../../common/schemas/accounts.ts';
import type { AccountStatus } from '../../../common/permissions.ts';
import type { RoleHeld } from '../roles/roles.service.ts';
import type { AccountWithOrg } from './accounts.repository.ts';

/** Maps a stored row to the contract's account: table shapes never reach clients. */
export function toAccount(row: AccountWithOrg, roles: RoleHeld[]): Account {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    status: row.status as AccountStatus,
    orgId: row.orgId,
    orgName: row.orgName,
    affiliation: row.affiliation,
    employeeType: row.employeeType,
    dateHire: row.dateHire,
    dateTransfer: row.dateTransfer,
    jobTitle: row.jobTitle,
    department: row.department,
    externalId: row.externalId,
    trainingManager: row.trainingManager === 1,
    supervisor: row.supervisor === 1,
    extra: JSON.parse(row.extra) as Record<string, unknown>,
    roles,
    defaultGroupId: row.defaultGroupId ?? null,
    isGlobalAdmin: row.isGlobalAdmin === 1,
    lastActivityAt: row.lastActivityAt,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The fields an audit event records for an account (no secrets, no derived keys). */
export function auditFields(row: Partial<AccountWithOrg>): Record<string, unknown> {
  const keys = [
    'username',
    'email',
    'firstName',
    'lastName',
    'status',
    'orgId',
    'affiliation',
    'employeeType',
    'dateHire',
    'dateTransfer',
    'jobTitle',
    'department',
    'externalId',
    'trainingManager',
    'supervisor',
    'extra',
    'defaultGroupId',
    'scimExternalId',
  ] as const;
  const out: Record<string, unknown> = {};
  for (const key of keys) if (row[key] !== undefined) out[key] = row[key];
  return out;
}
