import { Alert, Button, Group, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { AuthLayout } from './AuthLayout.tsx';

export interface PasswordFormProps {
  title: string;
  subtitle?: ReactNode;
  footer?: ReactNode;
  /** Why the server refused, when no field explains it; shown above the fields under `problemTitle`. */
  problem?: string;
  problemTitle: string;
  submitLabel: string;
  busy: boolean;
  onSubmit(): void | Promise<void>;
  /**
   * Counts the submits that found a field to complain about. Each time it changes, the first field
   * marked invalid gets the focus, so a keyboard or screen-reader user lands on what to fix.
   */
  invalidAttempts: number;
  /** A second button left of the submit button (the first password change offers "Sign out"). */
  secondaryAction?: ReactNode;
  children: ReactNode;
}

/**
 * The one layout of the pages where a person chooses a password (first change, registration, reset):
 * the sign-in frame, the server's refusal, the fields, the submit button.
 */
export function PasswordForm(props: PasswordFormProps) {
  const { problem, busy, invalidAttempts, secondaryAction } = props;
  const form = useRef<HTMLFormElement>(null);

  // After the render that marked the fields, not in the submit handler, which runs before it.
  useEffect(() => {
    if (invalidAttempts > 0) form.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }, [invalidAttempts]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void props.onSubmit();
  };

  return (
    <AuthLayout title={props.title} subtitle={props.subtitle} footer={props.footer}>
      <form ref={form} onSubmit={submit} noValidate>
        <Stack gap="md">
          {problem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" title={props.problemTitle}>
              {problem}
            </Alert>
          )}
          {props.children}
          <Group justify="space-between" mt="xs">
            {secondaryAction}
            <Button type="submit" loading={busy} fullWidth={!secondaryAction}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </AuthLayout>
  );
}
