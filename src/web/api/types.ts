export type {
  Account,
  AccountPage,
  DuplicateMatch,
  DuplicatesResult,
  CreateAccountInput,
  UpdateAccountInput,
} from '../../common/schemas/accounts.ts';
export type { Organization } from '../../common/schemas/organizations.ts';
export type { AccountStatus } from '../../common/permissions.ts';

export type { Me } from '../../common/schemas/auth.ts';
export type { AuditEvent, AuditPage } from '../../common/schemas/audit.ts';
