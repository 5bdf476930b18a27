import { PasswordInput, Paper, Text, Title } from '@mantine/core';
import type { ChangeEvent } from 'react';
import type { TenantOnboarding } from './useTenantOnboarding.ts';

interface Props {
  /** The tenant's onboarding, when the person may read it. */
  onboarding: TenantOnboarding | undefined;
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** The new account's first password, explained the way its tenant onboards people. */
export function SignInSection({ onboarding, value, error, onChange }: Props) {
  const required = onboarding?.mode === 'temporary_password';
  const handover = onboarding?.temporaryPasswordInEmail
    ? 'The welcome email includes it (this tenant allows that).'
    : 'The welcome email does not include it: pass it on to the person yourself.';
  const explanation = !onboarding
    ? 'Leave empty to email an activation link, if the tenant allows it: the account waits, Invited, until the person chooses a password. With a temporary password the account is active at once and its holder chooses a new one at first sign-in.'
    : required
      ? `This tenant gives every new account a temporary password, which the person replaces at first sign-in. ${handover}`
      : `Leave empty to email an activation link: the account waits, Invited, until the person chooses a password (the link works for ${onboarding.registrationWindowDays} days). Or set a temporary password: the account is active at once and its holder chooses a new one at first sign-in. ${handover}`;
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={2}>
        Sign-in
      </Title>
      <Text size="sm" c="dimmed" mb="md" id="sign-in-help">
        {explanation}
      </Text>
      <PasswordInput
        // Mantine's PasswordInput marks an error only by style; these tie the message to the field for screen readers.
        id="new-account-password"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'new-account-password-description new-account-password-error' : 'new-account-password-description'}
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
