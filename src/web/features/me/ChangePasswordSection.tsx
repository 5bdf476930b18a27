import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import type { Me } from '../../api/types.ts';
import {
  emptyPasswordChange,
  PasswordChangeFields,
  passwordChangeProblems,
  passwordChangeRefusal,
  type PasswordChangeErrors,
  type PasswordChangeField,
} from '../auth/password-change.tsx';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** Changing one's own password from "My account": the other sessions end, and the API tokens unless kept. */
export function ChangePasswordSection({ me }: { me: Me }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(emptyPasswordChange);
  const [errors, setErrors] = useState<PasswordChangeErrors>({});
  const [keepApiTokens, setKeepApiTokens] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const identity = { username: me.account.username, email: me.account.email };
  const set = (field: PasswordChangeField) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    const local = passwordChangeProblems(values, identity, 'Enter your current password.');
    if (local) return setErrors(local);
    setBusy(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword, keepApiTokens);
      setValues(emptyPasswordChange);
      setOutcome({
        ok: true,
        text: `Your other sessions were signed out${keepApiTokens ? '; your API tokens keep working.' : ', and your API tokens were revoked.'}`,
      });
      await queryClient.invalidateQueries({ queryKey: ['my-sessions'] });
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    } catch (error) {
      const refusal = passwordChangeRefusal(error);
      if (refusal) setErrors(refusal);
      else setOutcome({ ok: false, text: errorMessage(error) });
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
          <PasswordChangeFields
            identity={identity}
            values={values}
            errors={errors}
            onChange={set}
            keepApiTokens={keepApiTokens}
            onKeepApiTokens={setKeepApiTokens}
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
