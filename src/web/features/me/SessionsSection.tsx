import { Alert, Badge, Button, Paper, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconLogout } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.ts';
import { sessionsApi, type MySession } from '../../api/my-account.ts';
import { formatDateTime, formatRelative } from '../../components/format.ts';
import { countOf } from '../../components/plural.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

/** "Chrome on Windows" is more than most people need; the browser's own words, shortened, are enough to tell sessions apart. */
function browserOf(s: MySession): string {
  const agent = s.userAgent ?? '';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Firefox\//.test(agent)
      ? 'Firefox'
      : /Chrom/.test(agent)
        ? 'Chrome'
        : /Safari\//.test(agent)
          ? 'Safari'
          : null;
  const system = /Windows/.test(agent)
    ? 'Windows'
    : /Mac OS/.test(agent)
      ? 'macOS'
      : /Android/.test(agent)
        ? 'Android'
        : /iPhone|iPad/.test(agent)
          ? 'iOS'
          : /Linux/.test(agent)
            ? 'Linux'
            : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? (agent ? agent.slice(0, 60) : 'Unknown browser or program');
}

/** Where the person is signed in, and "Sign out everywhere else". */
export function SessionsSection() {
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: sessionsApi.list });
  const signOut = useMutation({
    mutationFn: sessionsApi.signOutOthers,
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;
  const confirm = () =>
    modals.openConfirmModal({
      title: 'Sign out everywhere else?',
      children: <Text size="sm">Every other browser or device signed in as you is signed out at once. You stay signed in here.</Text>,
      labels: { confirm: 'Sign out everywhere else', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => signOut.mutate(),
    });
  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        Where you are signed in
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Signed in somewhere you do not recognise? Sign out everywhere else, then change your password.
      </Text>
      {sessions.isPending ? (
        <LoadingState label="Loading your sessions…" />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={560}>
            <Table className="registrar-table" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Browser</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Signed in</Table.Th>
                  <Table.Th>Last used</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" component="span">
                        {browserOf(s)}
                      </Text>{' '}
                      {s.current && (
                        <Badge size="sm" variant="dot" color="teal" styles={{ root: { textTransform: 'none' } }}>
                          This browser
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{s.clientIp ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(s.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatRelative(s.lastSeenAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Button
            mt="md"
            variant="light"
            leftSection={<IconLogout size={16} aria-hidden />}
            disabled={others === 0}
            loading={signOut.isPending}
            onClick={confirm}
          >
            Sign out everywhere else{others > 0 ? ` (${countOf(others, 'session')})` : ''}
          </Button>
        </>
      )}
      {signOut.isSuccess && (
        <Alert mt="md" color="teal" variant="light" styles={readableTitle} title="Signed out everywhere else" role="status">
          {signOut.data.ended === 0 ? 'You were not signed in anywhere else.' : `${countOf(signOut.data.ended, 'other session')} ended.`}
        </Alert>
      )}
      {signOut.isError && (
        <Alert mt="md" color="red" variant="light" styles={readableTitle} title="That did not work" role="alert">
          {errorMessage(signOut.error)}
        </Alert>
      )}
    </Paper>
  );
}
