import { PasswordInput, Paper, Text, Title } from '@mantine/core';
import type { ChangeEvent } from 'react';

interface Props {
  /** The tenant's onboarding, when the person may read it. */
  onboarding: { mode: 'activation_link' | 'temporary_password'; registrationWindowDays: number } | undefined;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** The new account's first password, explained the way its tenant onboards people. */
export function SignInSection({ onboarding, value, error, onChange }: Props) {
  const required = onboarding?.mode === 'temporary_password';
  const explanation = !onboarding
    ? 'Leave empty to email an activation link, if the tenant allows it: the account waits, Invited, until the person chooses a password. With a temporary password the account is active at once and its holder chooses a new one at first sign-in.'
    : required
      ? 'This tenant gives every new account a temporary password. Pass it on to the person yourself; they choose their own at first sign-in.'
      : `Leave empty to email an activation link: the account waits, Invited, until the person chooses a password (the link works for ${onboarding.registrationWindowDays} days). Or set a temporary password: the account is active at once and its holder chooses a new one at first sign-in.`;
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={2}>Sign-in</Title>
      <Text size="sm" c="dimmed" mb="md" id="sign-in-help">{explanation}</Text>
      <PasswordInput
        label="Temporary password"
        name="password"
        autoComplete="new-password"
        maw={360}
        required={required}
        description={required ? 'Required by this tenant.' : 'Optional.'}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.currentTarget.value)}
        error={error}
      />
    </Paper>
  );
}
