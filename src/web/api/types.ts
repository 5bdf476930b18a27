import type { Account } from '../../common/schemas/accounts.ts';

export type { Account, DuplicateMatch, DuplicatesResult, CreateAccountInput, UpdateAccountInput } from '../../common/schemas/accounts.ts';
export type { Organization } from '../../common/schemas/organizations.ts';
export type { AccountStatus } from '../../common/permissions.ts';

export interface AccountPage {
  items: Account[];
  total: number;
  nextCursor: string | null;
}

/** GET /api/auth/me (the route's schema lives with the auth routes). */
export interface Me {
  account: Account;
  mustChangePassword: boolean;
  scope: { roleKey: string; orgId: string; permissions: string[] }[];
  isGlobalAdmin: boolean;
}

/** One event of GET /api/audit (the route's schema lives with the audit routes). */
export interface AuditEvent {
  id: string;
  at: string;
  actor: { id: string | null; label: string };
  action: string;
  targetType: string;
  targetId: string | null;
  source: string;
  requestId: string | null;
  jobId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}
