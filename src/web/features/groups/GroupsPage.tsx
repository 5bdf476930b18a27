import { Alert, Button, Drawer, Group as Row, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../../api/client.ts';
import { accountsApi } from '../../api/endpoints.ts';
import { groupsApi, type Group } from '../../api/roles.ts';
import { meQueryKey, useSession } from '../../app/session.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useOrganizations } from '../organizations/useOrganizations.ts';

/** Groups in the person's reach: create one, see and change its members, make one your default group. */
export function GroupsPage() {
  useDocumentTitle('Groups');
  const me = useSession();
  const queryClient = useQueryClient();
  const groups = useQuery({ queryKey: ['groups', 'all'], queryFn: () => groupsApi.list() });
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['groups'] });

  const makeDefault = async (group: Group) => {
    try {
      await groupsApi.setDefault(me.account.id, group.id);
      setNotice(`People you invite now land in “${group.name}”.`);
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
    } catch (error) {
      setNotice(errorMessage(error));
    }
  };

  return (
    <>
      <PageHeader title="Groups" description="Sets of people inside an organization. The people you invite land in your default group." />
      {notice && (
        <Alert variant="light" role="status" mb="md" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Stack gap="md">
        <NewGroupForm onCreated={refresh} />
        <Paper p="md">
          {groups.isPending ? (
            <LoadingState label="Loading groups…" />
          ) : groups.error ? (
            <ErrorState error={groups.error} />
          ) : groups.data.length === 0 ? (
            <EmptyState title="No groups yet" />
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Group</Table.Th>
                  <Table.Th>Organization</Table.Th>
                  <Table.Th>Members</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.data.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>
                      {g.name}
                      {me.account.defaultGroupId === g.id && (
                        <Text span size="xs" c="dimmed">
                          {' '}
                          (your default group)
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{g.orgName}</Table.Td>
                    <Table.Td>{g.memberCount}</Table.Td>
                    <Table.Td>
                      <Row gap="xs">
                        <Button size="xs" variant="default" onClick={() => setOpen(g.id)} aria-label={`Members of ${g.name}`}>
                          Members
                        </Button>
                        {me.account.defaultGroupId !== g.id && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => void makeDefault(g)}
                            aria-label={`Make ${g.name} my default group`}
                          >
                            Make my default
                          </Button>
                        )}
                      </Row>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </Stack>
      {open && <MembersDrawer groupId={open} onClose={() => setOpen(null)} onChanged={refresh} />}
    </>
  );
}

function NewGroupForm({ onCreated }: { onCreated(): void }) {
  const { index } = useOrganizations();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFields({});
    setProblem(null);
    if (!orgId) return setFields({ orgId: 'Choose an organization.' });
    try {
      await groupsApi.create(orgId, name);
      setName('');
      onCreated();
    } catch (error) {
      setProblem(errorMessage(error));
      if (error instanceof ApiError) setFields(error.fields);
    }
  };
  return (
    <Paper p="md" component="form" onSubmit={(e: FormEvent) => void submit(e)} noValidate>
      {problem && (
        <Alert color="red" variant="light" role="alert" mb="sm">
          {problem}
        </Alert>
      )}
      <Row align="flex-end">
        <Select label="Organization" data={index.options} value={orgId} onChange={setOrgId} searchable error={fields.orgId} w={320} />
        <TextInput label="New group name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} />
        <Button type="submit">Create group</Button>
      </Row>
    </Paper>
  );
}

function MembersDrawer({ groupId, onClose, onChanged }: { groupId: string; onClose(): void; onChanged(): void }) {
  const queryClient = useQueryClient();
  const group = useQuery({ queryKey: ['groups', groupId], queryFn: () => groupsApi.get(groupId) });
  const candidates = useQuery({
    queryKey: ['groups', groupId, 'candidates', group.data?.orgId],
    queryFn: () => accountsApi.search({ orgId: group.data?.orgId, limit: 200 }),
    enabled: Boolean(group.data),
  });
  const [adding, setAdding] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const change = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: ['groups', groupId] });
      onChanged();
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  const members = group.data?.members ?? [];
  return (
    <Drawer opened onClose={onClose} position="right" size="md" title={group.data ? `Members of ${group.data.name}` : 'Members'}>
      <Stack gap="md">
        {problem && (
          <Alert color="red" variant="light" role="alert">
            {problem}
          </Alert>
        )}
        <Row align="flex-end">
          <Select
            label="Add a person"
            searchable
            data={(candidates.data?.items ?? [])
              .filter((a) => !members.some((m) => m.id === a.id))
              .map((a) => ({ value: a.id, label: `${a.firstName} ${a.lastName} (${a.email})` }))}
            value={adding}
            onChange={setAdding}
            nothingFoundMessage="Nobody matches"
          />
          <Button
            disabled={!adding}
            onClick={() => adding && void change(() => groupsApi.addMember(groupId, adding)).then(() => setAdding(null))}
          >
            Add
          </Button>
        </Row>
        {members.length === 0 ? (
          <Text c="dimmed">Nobody is in this group yet.</Text>
        ) : (
          members.map((m) => (
            <Row key={m.id} justify="space-between">
              <Text>{`${m.firstName} ${m.lastName}`.trim() || m.email}</Text>
              <Button size="xs" variant="light" color="red" onClick={() => void change(() => groupsApi.removeMember(groupId, m.id))}>
                Remove
              </Button>
            </Row>
          ))
        )}
      </Stack>
    </Drawer>
  );
}
