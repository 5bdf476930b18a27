import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockX, IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorCodes } from '../../../common/error-codes.ts';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useDocumentTitle } from '../../components/PageHeader.tsx';
import { AuthLayout } from '../auth/AuthLayout.tsx';

/** Which page the link was for: the advice differs (an administrator sends activations; anyone can ask for a reset). */
export type LinkKind = 'activation' | 'reset';

interface Explanation {
  title: string;
  body: ReactNode;
  icon: ReactNode;
  actions: ReactNode;
}

const signInButton = (variant: 'filled' | 'light') => (
  <Button component={Link} to="/" variant={variant}>
    Go to sign in
  </Button>
);
const requestButton = (
  <Button component={Link} to="/forgot-password">
    Request a new link
  </Button>
);

function explain(kind: LinkKind, error: unknown): Explanation {
  const code = error instanceof ApiError ? error.code : undefined;
  const status = error instanceof ApiError ? error.status : 0;
  if (code === ErrorCodes.invitationRevoked) {
    return {
      title: 'This invitation was withdrawn',
      icon: <IconLinkOff size={18} />,
      body: 'The person who invited you withdrew this invitation, so the link no longer works. If you still need an account, ask them to invite you again.',
      actions: signInButton('light'),
    };
  }
  if (code === ErrorCodes.roleLimit) {
    return {
      title: 'All places for this role are taken',
      icon: <IconAlertTriangle size={18} />,
      body: `${errorMessage(error)} Nothing was saved: ask the person who invited you what to do next; this link keeps working if a place frees up.`,
      actions: signInButton('light'),
    };
  }
  if (code === ErrorCodes.invitationExpired || code === ErrorCodes.linkExpired) {
    return {
      title: 'This link has expired',
      icon: <IconClockX size={18} />,
      body:
        kind === 'activation'
          ? 'Activation links work for a limited time, and a link stops working as soon as a newer one is sent. Ask your administrator to send you a new one.'
          : 'Links to reset a password work for a short time, and only the newest one works. Request a new link.',
      actions: kind === 'activation' ? signInButton('light') : requestButton,
    };
  }
  if (code === ErrorCodes.invitationUsed || code === ErrorCodes.linkUsed) {
    return {
      title: 'This link has already been used',
      icon: <IconLinkOff size={18} />,
      body:
        kind === 'activation'
          ? 'Your account is already set up. Sign in with your email or username and the password you chose.'
          : 'Each link changes a password once. Sign in with your new password, or request a new link if you need to change it again.',
      actions:
        kind === 'activation' ? (
          signInButton('filled')
        ) : (
          <>
            {signInButton('filled')}
            {requestButton}
          </>
        ),
    };
  }
  if (status === 404 || code === ErrorCodes.notFound || code === ErrorCodes.validationFailed) {
    return {
      title: 'This link is not valid',
      icon: <IconLinkOff size={18} />,
      body:
        kind === 'activation'
          ? 'Check that you opened the whole link from your email. If it still does not work, ask your administrator to send you a new one.'
          : 'Check that you opened the whole link from your email, or request a new one.',
      actions: kind === 'activation' ? signInButton('light') : requestButton,
    };
  }
  if (code === ErrorCodes.accountArchived) {
    return {
      title: 'This account is archived',
      icon: <IconLinkOff size={18} />,
      body: 'An archived account cannot be used. Ask your administrator to reactivate it.',
      actions: signInButton('light'),
    };
  }
  return {
    title: 'This page could not be loaded',
    icon: <IconAlertTriangle size={18} />,
    body: `${errorMessage(error)} Try again in a moment.`,
    actions: signInButton('light'),
  };
}

/** Instead of the form: why the emailed link cannot be used, and what to do next. */
export function LinkProblem({ kind, error }: { kind: LinkKind; error: unknown }) {
  const { title, body, icon, actions } = explain(kind, error);
  useDocumentTitle(title);
  return (
    <AuthLayout title={title}>
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={icon} role="alert">
          <Text size="sm">{body}</Text>
        </Alert>
        <Stack gap="xs">{actions}</Stack>
      </Stack>
    </AuthLayout>
  );
}

/** True for the refusals that mean the link itself is unusable (unknown, used, expired, archived account): the form cannot help. */
export function isLinkProblem(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 403 || error.status === 404 || error.status === 410 || error.code === ErrorCodes.roleLimit)
  );
}
