import { Alert, Button, Checkbox, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { passwordMinLength } from '../../../common/password-length.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { Me } from '../../api/types.ts';
import { NewPasswordFields } from '../onboarding/NewPasswordFields.tsx';
import { passwordProblem } from '../onboarding/password-rules.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

type Field = 'currentPassword' | 'newPassword' | 'confirm';
const empty: Record<Field, string> = { currentPassword: '', newPassword: '', confirm: '' };

/** Changing one's own password from "My account": the other sessions end, and the API tokens unless kept. */
export function ChangePasswordSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(empty);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [keepApiTokens, setKeepApiTokens] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const identity = { username: me.account.username, email: me.account.email };
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const local = {
      currentPassword: values.currentPassword ? undefined : 'Enter your current password.',
      newPassword: passwordProblem(values.newPassword, identity, passwordMinLength),
      confirm: values.confirm === values.newPassword ? undefined : 'The two new passwords are not the same.',
    };
    if (local.currentPassword || local.newPassword || local.confirm) return setErrors(local);
    setBusy(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword, keepApiTokens);
      setValues(empty);
      setOutcome({
        ok: true,
        text: `Your other sessions were signed out${keepApiTokens ? '; your API tokens keep working.' : ', and your API tokens were revoked.'}`,
      });
      await queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    } catch (error) {
      if (error instanceof ApiError && (Object.keys(error.fields).length || error.code === ErrorCodes.weakPassword)) {
        setErrors({
          currentPassword: error.fields.currentPassword,
          newPassword: error.fields.newPassword ?? (error.code === ErrorCodes.weakPassword ? error.message : undefined),
        });
      } else {
        setOutcome({ ok: false, text: errorMessage(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb="md">
        Change your password
      </Title>
      <form onSubmit={(e) => void submit(e)} aria-label="Change your password" noValidate>
        <Stack gap="md" maw={420}>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(e) => set('currentPassword')(e.currentTarget.value)}
            error={errors.currentPassword}
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
          <div>
            <Button type="submit" loading={busy}>
              Change password
            </Button>
          </div>
        </Stack>
      </form>
      {outcome && (
        <Alert
          mt="md"
          color={outcome.ok ? 'teal' : 'red'}
          variant="light"
          styles={readableTitle}
          title={outcome.ok ? 'Password changed' : 'Your password was not changed'}
          role={outcome.ok ? 'status' : 'alert'}
        >
          <Text size="sm">{outcome.text}</Text>
        </Alert>
      )}
    </Paper>
  );
}
