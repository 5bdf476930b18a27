import type { UpdateAccountInput } from '../../../common/schemas/accounts.ts';
import type { AccountUpdate, NewAccountRow } from '../../db/schema.ts';
import { emailDomainOf, emailKey, nameKey, soundKey, usernameKey } from './account-keys.ts';

/**
 * The stored columns for the given account fields, with their derived search keys. Used by single
 * edits and by imports, so both write exactly the same shape.
 */
export function accountColumns(input: UpdateAccountInput): AccountUpdate {
  const out: AccountUpdate = {};
  if (input.firstName !== undefined) {
    out.firstName = input.firstName;
    out.firstNameKey = nameKey(input.firstName);
    out.firstNameSound = soundKey(input.firstName);
  }
  if (input.lastName !== undefined) {
    out.lastName = input.lastName;
    out.lastNameKey = nameKey(input.lastName);
    out.lastNameSound = soundKey(input.lastName);
  }
  const optional = ['affiliation', 'employeeType', 'dateHire', 'dateTransfer', 'jobTitle', 'department', 'externalId'] as const;
  for (const key of optional) if (input[key] !== undefined) out[key] = input[key] === '' ? null : input[key];
  if (input.trainingManager !== undefined) out.trainingManager = input.trainingManager ? 1 : 0;
  if (input.supervisor !== undefined) out.supervisor = input.supervisor ? 1 : 0;
  if (input.extra !== undefined) out.extra = JSON.stringify(input.extra);
  return out;
}

/** What a new account needs beyond its fields; the username defaults to the email. */
export interface NewAccountFacts {
  id: string;
  tenantId: string;
  orgId: string;
  fields: UpdateAccountInput & { email: string; firstName: string; lastName: string; username?: string };
  status: 'active' | 'invited' | 'archived';
  isGlobalAdmin?: boolean;
  /** Who created it (the actor's account; none for the system) and, for an import, which import and line. */
  origin?: { createdBy: string | null; importId?: string; importLine?: number };
  now: string;
}

/** The whole row of a new account, derived keys included: one shape for single creates and imports. */
export function newAccountRow(facts: NewAccountFacts): NewAccountRow {
  const { fields, now } = facts;
  const username = (fields.username ?? fields.email).trim();
  // Filled in place, in the order `{ ...columns, id, … }` would give: spreading an object and then adding
  // seventeen more made each row a slow dictionary-mode object (~30 µs an account in a 100k import, and a
  // slower read of every row by the bulk insert).
  const row = accountColumns(fields) as NewAccountRow;
  row.id = facts.id;
  row.tenantId = facts.tenantId;
  row.orgId = facts.orgId;
  row.username = username;
  row.usernameKey = usernameKey(username);
  row.email = fields.email.trim();
  row.emailKey = emailKey(fields.email);
  row.emailDomain = emailDomainOf(fields.email);
  row.status = facts.status;
  row.isGlobalAdmin = facts.isGlobalAdmin ? 1 : 0;
  row.lastActivityAt = null;
  row.archivedAt = facts.status === 'archived' ? now : null;
  // Always set, null when unknown: every row of a batch then has the same columns in the same order.
  row.createdBy = facts.origin?.createdBy ?? null;
  row.createdByImportId = facts.origin?.importId ?? null;
  row.createdByImportLine = facts.origin?.importLine ?? null;
  row.createdAt = now;
  row.updatedAt = now;
  return row;
}
