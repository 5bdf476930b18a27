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
    Object.assign(out, { firstName: input.firstName, firstNameKey: nameKey(input.firstName), firstNameSound: soundKey(input.firstName) });
  }
  if (input.lastName !== undefined) {
    Object.assign(out, { lastName: input.lastName, lastNameKey: nameKey(input.lastName), lastNameSound: soundKey(input.lastName) });
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
  now: string;
}

/** The whole row of a new account, derived keys included: one shape for single creates and imports. */
export function newAccountRow(facts: NewAccountFacts): NewAccountRow {
  const { fields, now } = facts;
  const username = (fields.username ?? fields.email).trim();
  return {
    ...accountColumns(fields),
    id: facts.id,
    tenantId: facts.tenantId,
    orgId: facts.orgId,
    username,
    usernameKey: usernameKey(username),
    email: fields.email.trim(),
    emailKey: emailKey(fields.email),
    emailDomain: emailDomainOf(fields.email),
    status: facts.status,
    isGlobalAdmin: facts.isGlobalAdmin ? 1 : 0,
    lastActivityAt: null,
    archivedAt: facts.status === 'archived' ? now : null,
    createdAt: now,
    updatedAt: now,
  } as NewAccountRow;
}
