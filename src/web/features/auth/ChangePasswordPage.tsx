import { Alert, Button, Checkbox, Group, List, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { Me } from '../../api/types.ts';
import { forgetSession, meQueryKey } from '../../app/session.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from './AuthLayout.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirm';

/** A temporary password must be replaced before the console opens; the API refuses everything else until then. */
export function ChangePasswordPage({ me }: { me: Me }) {
  useDocumentTitle('Choose a new password');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Off by default: a password is usually changed because it may be known to someone else, who may also have made tokens.
  const [keepApiTokens, setKeepApiTokens] = useState(false);

  const set = (field: Field) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Partial<Record<Field, string>> = {};
    if (!values.currentPassword) local.currentPassword = 'Enter the temporary password you were given.';
    if (!values.newPassword) local.newPassword = 'Choose a new password.';
    else if (values.confirm !== values.newPassword) local.confirm = 'The two new passwords are not the same.';
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword, keepApiTokens);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length) {
        setErrors({ currentPassword: error.fields.currentPassword, newPassword: error.fields.newPassword });
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
    <AuthLayout
      title="Choose a new password"
      subtitle={<>Welcome, {me.account.firstName}. You signed in with a temporary password; choose your own before you continue.</>}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title="Your password was not changed">
              {problem}
            </Alert>
          )}
          <PasswordInput
            label="Current password"
            description="The temporary password you were given"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={set('currentPassword')}
            error={errors.currentPassword}
            aria-invalid={errors.currentPassword ? true : undefined}
            autoFocus
          />
          <PasswordInput
            label="New password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
            error={errors.newPassword}
            aria-invalid={errors.newPassword ? true : undefined}
          />
          <PasswordInput
            label="Confirm new password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            error={errors.confirm}
            aria-invalid={errors.confirm ? true : undefined}
          />
          <Text size="xs" c="dimmed" component="div">
            Your new password must be:
            <List size="xs" c="dimmed" spacing={0} mt={2}>
              <List.Item>at least 10 characters — a few unrelated words work well;</List.Item>
              <List.Item>not one of the most common passwords;</List.Item>
              <List.Item>not your username or email.</List.Item>
            </List>
          </Text>
          <Checkbox
            label="Keep my API tokens working"
            description="Otherwise changing your password revokes every API token you made."
            checked={keepApiTokens}
            onChange={(e) => setKeepApiTokens(e.currentTarget.checked)}
          />
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" color="gray" onClick={() => void signOut()}>
              Sign out
            </Button>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
