import {
  createAccountSchema,
  updateAccountSchema,
  type CreateAccountInput,
  type UpdateAccountInput,
} from '../../../common/schemas/accounts.ts';
import type { Account } from '../../api/types.ts';
import type { AccountFormValues, FieldErrors } from './AccountForm.tsx';

const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

export function toCreateInput(v: AccountFormValues): CreateAccountInput {
  return {
    orgId: v.orgId,
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    email: v.email.trim(),
    affiliation: orNull(v.affiliation),
    employeeType: orNull(v.employeeType),
    dateHire: orNull(v.dateHire),
    dateTransfer: orNull(v.dateTransfer),
    jobTitle: orNull(v.jobTitle),
    department: orNull(v.department),
    externalId: orNull(v.externalId),
    trainingManager: v.trainingManager,
    supervisor: v.supervisor,
    ...(v.role ? { role: v.role } : {}),
    ...(v.password ? { password: v.password } : {}),
    ...(v.attested ? { attested: true } : {}),
  };
}

export function toUpdateInput(v: AccountFormValues): UpdateAccountInput {
  const { role: _role, password: _password, attested: _attested, ...rest } = toCreateInput(v);
  // The username as loaded is sent back unchanged by those not offered the field; the server checks only a change.
  return v.username.trim() ? { ...rest, username: v.username.trim() } : rest;
}

/** The same zod schema the server validates with, so the person hears about a mistake before the round trip. */
function check(schema: typeof createAccountSchema | typeof updateAccountSchema, input: unknown): FieldErrors {
  const parsed = schema.safeParse(input);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form') as keyof FieldErrors;
    errors[key] ??= issue.message;
  }
  return errors;
}

export const validateCreate = (v: AccountFormValues): FieldErrors => {
  const errors = check(createAccountSchema, toCreateInput(v));
  if (!v.orgId) errors.orgId = 'Choose an organization.';
  return errors;
};
export const validateUpdate = (v: AccountFormValues): FieldErrors => check(updateAccountSchema, toUpdateInput(v));

export function formValuesOf(a: Account): AccountFormValues {
  return {
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email,
    username: a.username,
    orgId: a.orgId,
    role: '',
    attested: false,
    affiliation: a.affiliation ?? '',
    employeeType: a.employeeType ?? '',
    dateHire: a.dateHire ?? '',
    dateTransfer: a.dateTransfer ?? '',
    jobTitle: a.jobTitle ?? '',
    department: a.department ?? '',
    externalId: a.externalId ?? '',
    trainingManager: a.trainingManager,
    supervisor: a.supervisor,
    password: '',
  };
}
