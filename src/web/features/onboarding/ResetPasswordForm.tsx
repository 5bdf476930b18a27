import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import type { PasswordResetInfo } from '../../api/onboarding.ts';
import { onboardingApi } from '../../api/onboarding.ts';
import { meQueryKey } from '../../app/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { PasswordForm } from '../auth/PasswordForm.tsx';
import { isLinkProblem, LinkProblem } from './LinkProblem.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';
import { passwordProblem } from './password-rules.ts';

type Field = 'password' | 'confirm';

function Changed() {
  useDocumentTitle('Password changed');
  return (
    <AuthLayout title="Your password has been changed">
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} role="status">
          Sign in with your new password. Anyone signed in to your account elsewhere has been signed out.
        </Alert>
        <Button component={Link} to="/">
          Sign in
        </Button>
      </Stack>
    </AuthLayout>
  );
}

/** A valid reset link: choose the new password. It does not sign in; the person signs in with it next. */
export function ResetPasswordForm({ token, info }: { token: string; info: PasswordResetInfo }) {
  useDocumentTitle('Choose a new password');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [linkError, setLinkError] = useState<unknown>();
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [invalidAttempts, setInvalidAttempts] = useState(0);
  // The reset answer names the account by username only; the server also refuses the email, which it checks.
  const identity = { username: info.username };

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const show = (found: Partial<Record<Field, string>>) => {
    setErrors(found);
    if (found.password || found.confirm) setInvalidAttempts((n) => n + 1);
  };

  const submit = async () => {
    const local = {
      password: passwordProblem(values.password, identity, info.passwordRules.minLength),
      confirm: values.confirm === values.password ? undefined : 'The two passwords are not the same.',
    };
    setProblem(undefined);
    if (local.password || local.confirm) return show(local);
    setBusy(true);
    try {
      await onboardingApi.resetPassword(token, values.password);
      // Every session of the account ended, perhaps this browser's too: ask again who is signed in.
      queryClient.removeQueries({ queryKey: meQueryKey });
      setChanged(true);
    } catch (error) {
      if (isLinkProblem(error)) return setLinkError(error);
      if (error instanceof ApiError && (error.fields.newPassword || error.code === ErrorCodes.weakPassword)) {
        return show({ password: error.fields.newPassword ?? error.message });
      }
      setProblem(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (changed) return <Changed />;
  if (linkError) return <LinkProblem kind="reset" error={linkError} />;

  return (
    <PasswordForm
      title="Choose a new password"
      subtitle={<>Hello {info.firstName}. Choose a new password for your account; you will sign in with it next.</>}
      footer={<>This link works until {formatDateTime(info.expiresAt)}.</>}
      problem={problem}
      problemTitle="Your password was not changed"
      submitLabel="Change password"
      busy={busy}
      onSubmit={submit}
      invalidAttempts={invalidAttempts}
    >
      {/* Read-only, and marked as the username, so a password manager stores the new password under it. */}
      <TextInput label="Username" value={info.username} readOnly autoComplete="username" name="username" variant="filled" />
      <NewPasswordFields
        label="New password"
        identity={identity}
        minLength={info.passwordRules.minLength}
        password={values.password}
        confirm={values.confirm}
        onPasswordChange={set('password')}
        onConfirmChange={set('confirm')}
        passwordError={errors.password}
        confirmError={errors.confirm}
      />
    </PasswordForm>
  );
}
