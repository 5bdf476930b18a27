import type { UpdateAccountInput } from '../../../common/schemas/accounts.ts';
import type { AccountUpdate } from '../../db/schema.ts';
import { nameKey, soundKey } from './account-keys.ts';

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
