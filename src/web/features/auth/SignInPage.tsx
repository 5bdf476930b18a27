import { Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { ApiError } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import { meQueryKey } from '../../app/session.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { FormProblem, type FormProblemInfo } from './FormProblem.tsx';

type Problem = FormProblemInfo;

function describe(error: unknown): Problem {
  if (error instanceof ApiError) {
    if (error.code === ErrorCodes.invalidCredentials) {
      return {
        title: 'Wrong email, username or password',
        message: 'Check both and try again. Passwords are case-sensitive.',
        throttled: false,
      };
    }
    if (error.code === ErrorCodes.tooManyAttempts || error.status === 429 || error.status === 423) {
      const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : undefined;
      return {
        title: 'Too many sign-in attempts',
        message: `Sign-in is paused to protect this account. ${minutes ? `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}` : 'Try again later'}, or ask your administrator to reset your password.`,
        throttled: true,
      };
    }
    return { title: 'You could not be signed in', message: error.message, throttled: false };
  }
  return {
    title: 'You could not be signed in',
    message: 'Registrar could not be reached. Check your connection and try again.',
    throttled: false,
  };
}

export function SignInPage() {
  useDocumentTitle('Sign in');
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const blank = {
      username: username.trim() ? undefined : 'Enter your email or username.',
      password: password ? undefined : 'Enter your password.',
    };
    setMissing(blank);
    if (blank.username || blank.password) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await authApi.login(username.trim(), password);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (error) {
      setProblem(describe(error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthLayout title="Sign in" subtitle="Manage the accounts of the people you serve.">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          {problem && <FormProblem problem={problem} />}
          <TextInput
            label="Email or username"
            name="username"
            autoComplete="username"
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the whole page is this short form under its heading; people expect to type at once
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={missing.username}
          />
          <PasswordInput
            label="Password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password}
            aria-invalid={missing.password ? true : undefined}
          />
          {/* After the password field in reading order, where someone who cannot remember it looks next. */}
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot password?
            </Anchor>
          </Group>
          <Button type="submit" fullWidth loading={busy} mt="xs">
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
