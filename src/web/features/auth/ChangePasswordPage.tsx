import { Button, Checkbox, PasswordInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { passwordMinLength } from '../../../common/password-length.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { Me } from '../../api/types.ts';
import { forgetSession, meQueryKey } from '../../app/session.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { greetingName } from '../../components/format.ts';
import { NewPasswordFields } from '../onboarding/NewPasswordFields.tsx';
import { passwordProblem } from '../onboarding/password-rules.ts';
import { PasswordForm } from './PasswordForm.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/** A temporary password must be replaced before the console opens; the API refuses everything else until then. */
export function ChangePasswordPage({ me }: { me: Me }) {
  useDocumentTitle('Choose a new password');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [invalidAttempts, setInvalidAttempts] = useState(0);
  const identity = { username: me.account.username, email: me.account.email };
  // Off by default: a password is usually changed because it may be known to someone else, who may also have made tokens.
  const [keepApiTokens, setKeepApiTokens] = useState(false);

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) setInvalidAttempts((n) => n + 1);
  };

  const submit = async () => {
    const local: Partial<Record<Field, string>> = {
      currentPassword: values.currentPassword ? undefined : 'Enter the temporary password you were given.',
      newPassword: passwordProblem(values.newPassword, identity, passwordMinLength),
      confirm: values.confirm === values.newPassword ? undefined : 'The two new passwords are not the same.',
    };
    setProblem(undefined);
    if (local.currentPassword || local.newPassword || local.confirm) return show(local);
    setBusy(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword, keepApiTokens);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (error) {
      if (error instanceof ApiError && (Object.keys(error.fields).length || error.code === ErrorCodes.weakPassword)) {
        show({
          currentPassword: error.fields.currentPassword,
          newPassword: error.fields.newPassword ?? (error.code === ErrorCodes.weakPassword ? error.message : undefined),
        });
      } else {
        setProblem(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    await authApi.logout().catch(() => undefined);
    await forgetSession(queryClient);
  };

  return (
    <PasswordForm
      title="Choose a new password"
      subtitle={
        <>
          {greetingName(me.account) ? `Welcome, ${greetingName(me.account)}.` : 'Welcome.'} You signed in with a temporary password; choose
          your own before you continue.
        </>
      }
      problem={problem}
      problemTitle="Your password was not changed"
      submitLabel="Change password"
      busy={busy}
      onSubmit={submit}
      invalidAttempts={invalidAttempts}
      secondaryAction={
        <Button variant="subtle" color="gray" onClick={() => void signOut()}>
          Sign out
        </Button>
      }
    >
      <PasswordInput
        label="Current password"
        description="The temporary password you were given"
        autoComplete="current-password"
        aria-required
        value={values.currentPassword}
        onChange={(e) => set('currentPassword')(e.currentTarget.value)}
        error={errors.currentPassword}
        // Mantine's PasswordInput marks only its wrapper invalid; screen readers need it on the input.
        aria-invalid={errors.currentPassword ? true : undefined}
      />
      <NewPasswordFields
        label="New password"
        identity={identity}
        minLength={passwordMinLength}
        password={values.newPassword}
        confirm={values.confirm}
        onPasswordChange={set('newPassword')}
        onConfirmChange={set('confirm')}
        passwordError={errors.newPassword}
        confirmError={errors.confirm}
      />
      <Checkbox
        label="Keep my API tokens working"
        description="Otherwise changing your password revokes every API token you made."
        checked={keepApiTokens}
        onChange={(e) => setKeepApiTokens(e.currentTarget.checked)}
      />
    </PasswordForm>
  );
}
