import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { onboardingApi } from '../../api/onboarding.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';
import { FormProblem, type FormProblemInfo } from '../auth/FormProblem.tsx';

const backToSignIn = (
  <Anchor component={Link} to="/" size="sm">
    Back to sign in
  </Anchor>
);

function waitText(seconds: number | undefined): string {
  if (!seconds) return 'Wait a few minutes';
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Wait ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/**
 * /forgot-password — asks for a reset link. The answer is the same whether or not an account matches,
 * so nobody can use this page to find out who has an account.
 */
export function ForgotPasswordPage() {
  const [username, setUsername] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const [fieldError, setFieldError] = useState<string>();
  const [problem, setProblem] = useState<FormProblemInfo>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useDocumentTitle(sentTo ? 'Check your email' : 'Reset your password');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = username.trim();
    setProblem(undefined);
    if (!value) {
      setFieldError('Enter your email or username.');
      input.current?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    try {
      await onboardingApi.requestPasswordReset(value);
      setSentTo(value);
    } catch (error) {
      if (error instanceof ApiError && (error.code === ErrorCodes.tooManyAttempts || error.status === 429)) {
        setProblem({
          title: 'Too many requests',
          message: `${waitText(error.retryAfter)} before asking for another link. If one already arrived, use that one.`,
          throttled: true,
        });
      } else if (error instanceof ApiError && error.fields.username) {
        setFieldError(error.fields.username);
        input.current?.focus();
      } else {
        setProblem({ title: 'The link was not requested', message: errorMessage(error), throttled: false });
      }
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) {
    return (
      <AuthLayout title="Check your email" footer={backToSignIn}>
        <Stack gap="md">
          <Alert color="indigo" variant="light" icon={<IconMailCheck size={18} />} role="status">
            If an account matches <strong>{sentTo}</strong>, we have sent a link to its email address. Open it to choose a new password.
          </Alert>
          <Text size="sm">
            The link works for a limited time and only once. Nothing arrived after a few minutes? Check your spam folder, or try your
            username instead of your email (or the other way round). Still nothing: ask your administrator.
          </Text>
          <Button
            variant="light"
            onClick={() => {
              setSentTo(undefined);
              setUsername('');
            }}
          >
            Try another email or username
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Reset your password"
      subtitle="Enter the email or username of your account and we will email you a link to choose a new password."
      footer={backToSignIn}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && <FormProblem problem={problem} />}
          <TextInput
            ref={input}
            label="Email or username"
            name="username"
            autoComplete="username"
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the whole page is this short form under its heading; people expect to type at once
            autoFocus
            aria-required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={fieldError}
          />
          <Button type="submit" fullWidth loading={busy}>
            Send the link
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
