import { Alert, Button, Center, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconInbox, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" aria-busy="true">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

interface ErrorStateProps {
  error: unknown;
  onRetry?: () => void;
  title?: string;
  /** What a refusal (403) means on this page, in plain words; the server's own message otherwise. */
  forbidden?: string;
}

/**
 * A request that failed. A refusal (403) or something that is not there (404) will answer the same
 * way next time, so those get no "Try again"; a refusal also says plainly that it is about permission.
 */
export function ErrorState({ error, onRetry, title = 'This could not be loaded', forbidden }: ErrorStateProps) {
  const status = error instanceof ApiError ? error.status : undefined;
  const refused = status === 403;
  const final = refused || status === 404;
  return (
    <Alert
      color={refused ? 'orange' : 'red'}
      variant="light"
      styles={readableTitle}
      title={refused ? 'You do not have permission to see this.' : title}
      icon={refused ? <IconLock size={18} /> : <IconAlertTriangle size={18} />}
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{refused && forbidden ? forbidden : errorMessage(error)}</Text>
        {onRetry && !final && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <Center py={48}>
      <Stack align="center" gap="xs" maw={420} ta="center">
        <ThemeIcon size={48} radius="xl" variant="light" color="gray" aria-hidden>
          <IconInbox size={26} />
        </ThemeIcon>
        <Text fw={600}>{title}</Text>
        {children && (
          <Text size="sm" c="dimmed">
            {children}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}
