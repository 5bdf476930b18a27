import { Alert, Badge, Button, Code, CopyButton, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/client.ts';
import { scimTokensApi, type CreatedScimToken, type ScimToken } from '../../api/scim.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { ScimDeleteSetting } from './ScimDeleteSetting.tsx';

const scimQueryKey = ['scim-tokens'] as const;

/**
 * Settings → SCIM: tokens an identity provider (Entra ID, Okta…) uses to create, update and archive
 * accounts. A token acts with its creator's roles; new users land in the organization it names.
 */
export function ScimPage() {
  useDocumentTitle('SCIM');
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: scimQueryKey, queryFn: () => scimTokensApi.list() });
  const [created, setCreated] = useState<CreatedScimToken | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: scimQueryKey });

  const revoke = async (token: ScimToken) => {
    setProblem(null);
    try {
      await scimTokensApi.revoke(token.id);
      if (created?.id === token.id) setCreated(null);
      refresh();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };

  return (
    <>
      <PageHeader
        title="SCIM"
        above={
          <Text size="sm">
            <Link to="/settings">Settings</Link>
          </Text>
        }
        description="Let an identity provider such as Entra ID or Okta create, update and archive accounts by itself. A token acts with your roles, so it reaches only what you reach."
      />
      <Stack gap="md">
        <NewTokenForm
          onCreated={(token) => {
            setCreated(token);
            refresh();
          }}
        />
        {created && <CreatedNotice token={created} onDismiss={() => setCreated(null)} />}
        {problem && (
          <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => setProblem(null)}>
            {problem}
          </Alert>
        )}
        <Paper p="md">
          <Title order={2} fz="lg" mb="sm">
            Tokens
          </Title>
          {tokens.isPending ? (
            <LoadingState label="Loading SCIM tokens…" />
          ) : tokens.error ? (
            <ErrorState error={tokens.error} />
          ) : tokens.data.length === 0 ? (
            <EmptyState title="No SCIM tokens yet">Create one above and give it to your identity provider.</EmptyState>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>New users land in</Table.Th>
                  <Table.Th>Starts with</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((t) => (
                  <Table.Tr key={t.id}>
                    <Table.Td>{t.name}</Table.Td>
                    <Table.Td>{t.landingOrgName}</Table.Td>
                    <Table.Td>
                      <Code>{t.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatDateTime(t.createdAt)}</Table.Td>
                    <Table.Td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'}</Table.Td>
                    <Table.Td>
                      {t.revokedAt ? (
                        <Badge color="gray" variant="dot" radius="sm" style={{ textTransform: 'none' }}>
                          Revoked
                        </Badge>
                      ) : (
                        <Badge color="teal" variant="dot" radius="sm" style={{ textTransform: 'none' }}>
                          Active
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!t.revokedAt && (
                        <Button size="xs" variant="light" color="red" onClick={() => void revoke(t)} aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
        <ScimDeleteSetting />
      </Stack>
    </>
  );
}

function NewTokenForm({ onCreated }: { onCreated(token: CreatedScimToken): void }) {
  const { index } = useOrganizations();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setProblem(null);
    if (!orgId) return setFields({ orgId: 'Choose where new users land.' });
    try {
      onCreated(await scimTokensApi.create({ name, orgId }));
      setName('');
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    }
  };
  return (
    <Paper p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate aria-label="New SCIM token">
      <Title order={2} fz="lg" mb="sm">
        New token
      </Title>
      {problem && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {problem}
        </Alert>
      )}
      <Group align="flex-end">
        <TextInput
          label="Name"
          description="Which identity provider uses it"
          placeholder="Entra ID"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          required
        />
        <Select
          label="New users land in"
          description="Unless the provider names another organization you reach"
          data={index.options}
          value={orgId}
          onChange={setOrgId}
          searchable
          error={fields.orgId}
          required
          w={360}
          nothingFoundMessage="No organization matches"
        />
        <Button type="submit">Create token</Button>
      </Group>
    </Paper>
  );
}

function CreatedNotice({ token, onDismiss }: { token: CreatedScimToken; onDismiss(): void }) {
  const base = `${window.location.origin}/scim/v2`;
  return (
    <Alert
      variant="light"
      role="status"
      title={`Token “${token.name}” created`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      <Stack gap="xs">
        <Text size="sm">Copy it now: it is shown only this once. Give your identity provider these two values.</Text>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            Tenant URL
          </Text>
          <Code>{base}</Code>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600}>
            Secret token
          </Text>
          <Code style={{ wordBreak: 'break-all' }} data-testid="scim-secret">
            {token.token}
          </Code>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}
