import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.ts';
import { tokensApi, type ApiToken } from '../../api/my-account.ts';
import { formatDateTime, formatRelative } from '../../components/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';

// Coloured titles on a pale background fall below WCAG AA contrast; the title takes the text colour.
const readableTitle = { title: { color: 'var(--mantine-color-text)' } };

const expiries = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never (until revoked)' },
];

function stateOf(t: ApiToken): string {
  if (t.revokedAt) return `Revoked ${formatDateTime(t.revokedAt)}`;
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return `Expired ${formatDateTime(t.expiresAt)}`;
  return t.expiresAt ? `Works until ${formatDateTime(t.expiresAt)}` : 'Works until revoked';
}

/** The person's API tokens: make one (name and expiry; the secret shown once), see when each was last used, revoke. */
export function TokensSection() {
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: tokensApi.list });
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [made, setMade] = useState<(ApiToken & { token: string }) | null>(null);
  const create = useMutation({
    mutationFn: () => tokensApi.create({ name: name.trim(), ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }) }),
    onSuccess: async (token) => {
      setMade(token);
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => tokensApi.revoke(id),
    onSuccess: async () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const confirmRevoke = (t: ApiToken) =>
    modals.openConfirmModal({
      title: `Revoke the token “${t.name}”?`,
      children: <Text size="sm">Scripts using it stop working at once. This cannot be undone; make a new token if you need one.</Text>,
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => revoke.mutate(t.id),
    });

  return (
    <Paper p="lg">
      <Title order={2} fz="md" mb={4}>
        API tokens
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        A token lets a script call the API as you (<Code>Authorization: Bearer …</Code>), with your roles as they are at each call.
      </Text>
      <form onSubmit={submit} aria-label="New API token">
        <Group align="end" gap="sm" mb="md">
          <TextInput
            label="Name"
            placeholder="What it is for, e.g. nightly sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            w={280}
            maxLength={100}
          />
          <Select label="Expires" data={expiries} value={expiry} onChange={(v) => setExpiry(v ?? '90')} allowDeselect={false} w={200} />
          <Button type="submit" leftSection={<IconKey size={16} aria-hidden />} loading={create.isPending} disabled={!name.trim()}>
            Create token
          </Button>
        </Group>
      </form>
      {create.isError && (
        <Alert color="red" variant="light" styles={readableTitle} title="The token was not made" mb="md" role="alert">
          {errorMessage(create.error)}
        </Alert>
      )}
      {made && (
        <Alert color="teal" variant="light" styles={readableTitle} title={`Token “${made.name}” made`} mb="md" role="status">
          <Text size="sm" mb="xs">
            Copy it now: it is shown only this once, and Registrar keeps only a fingerprint of it.
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code fz="sm" aria-label="New API token" style={{ wordBreak: 'break-all' }}>
              {made.token}
            </Code>
            <CopyButton value={made.token}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy the token'} withArrow>
                  <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy the token">
                    {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      {tokens.isPending ? (
        <LoadingState label="Loading your tokens…" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No API tokens">Tokens you make appear here, with when each was last used.</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table className="registrar-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Starts with</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{t.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'Never'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{stateOf(t)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!t.revokedAt && (
                      <Button size="xs" variant="light" color="red" onClick={() => confirmRevoke(t)} aria-label={`Revoke ${t.name}`}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
