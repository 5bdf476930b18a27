import { Alert, Button, List, Paper, PasswordInput, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { requestsApi, type AccountRequestDetail } from '../../api/requests.ts';
import { useOrganizations } from '../organizations/useOrganizations.ts';
import { roleOptions, useRoles } from '../roles/useRoles.ts';

interface Props {
  request: AccountRequestDetail;
  onDone: (next: AccountRequestDetail, text: string) => void;
  onError: (error: unknown) => void;
}

/** Creates the account from the request: the handler picks where and in which role; likely duplicates are shown first. */
export function CreateAccountPanel({ request, onDone, onError }: Props) {
  const { index } = useOrganizations();
  const [orgId, setOrgId] = useState<string | null>(request.orgId);
  const [role, setRole] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const roles = useRoles(orgId ?? undefined);
  const duplicates = useQuery({
    queryKey: ['account-requests', 'duplicates', request.id],
    queryFn: () => requestsApi.duplicates(request.id),
  });
  const matches = [...(duplicates.data?.exact ?? []), ...(duplicates.data?.likely ?? [])];

  const create = async () => {
    if (!orgId) return;
    setBusy(true);
    try {
      const next = await requestsApi.createAccount(request.id, { orgId, ...(role ? { role } : {}), ...(password ? { password } : {}) });
      onDone(
        next,
        password
          ? `The account of ${request.firstName} ${request.lastName} was created with the temporary password you chose; it must be changed at first sign-in.`
          : `The account of ${request.firstName} ${request.lastName} was created; the welcome email with an activation link is on its way.`,
      );
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper p="md" component="section" aria-labelledby="create-title">
      <Title order={2} fz="lg" id="create-title" mb="sm">
        Create the account
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          {request.firstName} {request.lastName}, {request.email}
        </Text>
        {matches.length > 0 ? (
          <Alert
            color="orange"
            variant="light"
            title="This person may already have an account"
            styles={{ title: { color: 'var(--mantine-color-text)' } }}
          >
            <List size="sm">
              {matches.map((m, i) => (
                <List.Item key={i}>{m.message}</List.Item>
              ))}
            </List>
          </Alert>
        ) : (
          duplicates.data && <Text size="sm">No existing account matches this email or name.</Text>
        )}
        <Select
          label="Organization"
          required
          searchable
          data={index.options}
          value={orgId}
          onChange={(v) => {
            setOrgId(v);
            setRole(null);
          }}
          nothingFoundMessage="No organization matches"
        />
        <Select
          label="Role"
          placeholder={orgId ? 'No role' : 'Choose an organization first'}
          clearable
          data={orgId ? roleOptions(roles.data?.items, 'grant') : []}
          value={role}
          onChange={setRole}
        />
        <PasswordInput
          label="Temporary password"
          description="Leave it empty to send an activation link. Where the tenant gives new accounts a temporary password, set one; the person changes it at first sign-in."
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
        <Button onClick={() => void create()} loading={busy} disabled={!orgId}>
          Create the account and send the welcome
        </Button>
      </Stack>
    </Paper>
  );
}
