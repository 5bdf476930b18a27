import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { Me } from '../../api/types.ts';
import { forgetSession, meQueryKey } from '../../app/session.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { greetingName } from '../../components/format.ts';
import {
  emptyPasswordChange,
  PasswordChangeFields,
  passwordChangeProblems,
  passwordChangeRefusal,
  type PasswordChangeErrors,
  type PasswordChangeField,
} from './password-change.tsx';
import { PasswordForm } from './PasswordForm.tsx';

/** A temporary password must be replaced before the console opens; the API refuses everything else until then. */
export function ChangePasswordPage({ me }: { me: Me }) {
  useDocumentTitle('Choose a new password');
  const queryClient = useQueryClient();
  const [values, setValues] = useState(emptyPasswordChange);
  const [errors, setErrors] = useState<PasswordChangeErrors>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [invalidAttempts, setInvalidAttempts] = useState(0);
  const identity = { username: me.account.username, email: me.account.email };
  // Off by default: a password is usually changed because it may be known to someone else, who may also have made tokens.
  const [keepApiTokens, setKeepApiTokens] = useState(false);

  const set = (field: PasswordChangeField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const show = (found: PasswordChangeErrors) => {
    setErrors(found);
    if (found.currentPassword || found.newPassword || found.confirm) setInvalidAttempts((n) => n + 1);
  };

  const submit = async () => {
    const local = passwordChangeProblems(values, identity, 'Enter the temporary password you were given.');
    setProblem(undefined);
    if (local) return show(local);
    setBusy(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword, keepApiTokens);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (error) {
      const refusal = passwordChangeRefusal(error);
      if (refusal) show(refusal);
      else setProblem(errorMessage(error));
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
      <PasswordChangeFields
        identity={identity}
        values={values}
        errors={errors}
        onChange={set}
        currentDescription="The temporary password you were given"
        keepApiTokens={keepApiTokens}
        onKeepApiTokens={setKeepApiTokens}
      />
    </PasswordForm>
  );
}
