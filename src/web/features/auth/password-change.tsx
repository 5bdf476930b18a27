import { Checkbox, PasswordInput } from '@mantine/core';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { passwordMinLength } from '../../../common/password-length.ts';
import { ApiError } from '../../api/client.ts';
import { NewPasswordFields } from '../onboarding/NewPasswordFields.tsx';
import { passwordProblem } from '../onboarding/password-rules.ts';

/** The fields of a password change, shared by the first-sign-in page and "My account". */
export type PasswordChangeField = 'currentPassword' | 'newPassword' | 'confirm';
export type PasswordChangeValues = Record<PasswordChangeField, string>;
export type PasswordChangeErrors = Partial<Record<PasswordChangeField, string>>;
export const emptyPasswordChange: PasswordChangeValues = { currentPassword: '', newPassword: '', confirm: '' };

/** What is wrong before anything is sent; null when the change may go to the server. */
export function passwordChangeProblems(
  values: PasswordChangeValues,
  identity: { username: string; email: string },
  missingCurrent: string,
): PasswordChangeErrors | null {
  const found: PasswordChangeErrors = {
    currentPassword: values.currentPassword ? undefined : missingCurrent,
    newPassword: passwordProblem(values.newPassword, identity, passwordMinLength),
    confirm: values.confirm === values.newPassword ? undefined : 'The two new passwords are not the same.',
  };
  return found.currentPassword || found.newPassword || found.confirm ? found : null;
}

/** The server's refusal as field errors (a wrong current password, a weak new one); null for any other failure. */
export function passwordChangeRefusal(error: unknown): PasswordChangeErrors | null {
  if (!(error instanceof ApiError) || !(Object.keys(error.fields).length || error.code === ErrorCodes.weakPassword)) return null;
  return {
    currentPassword: error.fields.currentPassword,
    newPassword: error.fields.newPassword ?? (error.code === ErrorCodes.weakPassword ? error.message : undefined),
  };
}

/** Current password, the new one twice, and whether API tokens survive the change. */
export function PasswordChangeFields(props: {
  identity: { username: string; email: string };
  values: PasswordChangeValues;
  errors: PasswordChangeErrors;
  onChange: (field: PasswordChangeField) => (value: string) => void;
  currentDescription?: string;
  keepApiTokens: boolean;
  onKeepApiTokens: (keep: boolean) => void;
}) {
  const { values, errors, onChange } = props;
  return (
    <>
      <PasswordInput
        label="Current password"
        description={props.currentDescription}
        autoComplete="current-password"
        aria-required
        value={values.currentPassword}
        onChange={(e) => onChange('currentPassword')(e.currentTarget.value)}
        error={errors.currentPassword}
        // Mantine's PasswordInput marks only its wrapper invalid; screen readers need it on the input.
        aria-invalid={errors.currentPassword ? true : undefined}
      />
      <NewPasswordFields
        label="New password"
        identity={props.identity}
        minLength={passwordMinLength}
        password={values.newPassword}
        confirm={values.confirm}
        onPasswordChange={onChange('newPassword')}
        onConfirmChange={onChange('confirm')}
        passwordError={errors.newPassword}
        confirmError={errors.confirm}
      />
      <Checkbox
        label="Keep my API tokens working"
        description="Otherwise changing your password revokes every API token you made."
        checked={props.keepApiTokens}
        onChange={(e) => props.onKeepApiTokens(e.currentTarget.checked)}
      />
    </>
  );
}
