import { Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { requestsApi, type RequestStatus } from '../../api/requests.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { requestStatsKey } from './OpenRequestsBadge.tsx';
import { ageOf, duration, placeOf, statusColors } from './request-format.ts';

const tabs: { value: RequestStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'resolved', label: 'Resolved' },
];

/** The help-desk inbox: requests by status, tag and text, with their age and the desk's average times. */
export function RequestsPage() {
  useDocumentTitle('Requests');
  const [status, setStatus] = useState<RequestStatus>('open');
  const [tag, setTag] = useState('');
  const [q, setQ] = useState('');
  const [filters] = useDebouncedValue({ tag: tag.trim(), q: q.trim() }, 300);
  const list = useQuery({
    queryKey: ['account-requests', status, filters],
    queryFn: () => requestsApi.list({ status, tag: filters.tag || undefined, q: filters.q || undefined }),
  });
  const stats = useQuery({ queryKey: requestStatsKey, queryFn: requestsApi.stats });
  const counts = stats.data;

  return (
    <>
      <PageHeader title="Requests" description="People asking for an account, and the answers they were given." />
      {counts && (
        <SimpleGrid cols={{ base: 2, sm: 4 }} mb="md">
          <Stat label="Open" value={String(counts.open)} />
          <Stat label="Waiting for the person" value={String(counts.waiting)} />
          <Stat label="Average time to first answer" value={duration(counts.averageFirstAnswerSeconds)} />
          <Stat label="Average time to resolve" value={duration(counts.averageResolutionSeconds)} />
        </SimpleGrid>
      )}
      <Paper p="md">
        <Group justify="space-between" mb="md" wrap="wrap">
          <SegmentedControl
            aria-label="Request status"
            value={status}
            onChange={(v) => setStatus(v as RequestStatus)}
            data={tabs.map((t) => ({ value: t.value, label: counts ? `${t.label} (${counts[t.value]})` : t.label }))}
          />
          <Group gap="sm">
            <TextInput label="Search" placeholder="Name, email, number" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
            <TextInput label="Tag" placeholder="Any tag" value={tag} onChange={(e) => setTag(e.currentTarget.value)} />
          </Group>
        </Group>
        {list.isPending ? (
          <LoadingState label="Loading requests…" />
        ) : list.error ? (
          <ErrorState error={list.error} forbidden="You do not handle account requests." />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={`No ${status} requests`} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>No.</Table.Th>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Organization</Table.Th>
                  <Table.Th>Role wanted</Table.Th>
                  <Table.Th>Tags</Table.Th>
                  <Table.Th>Age</Table.Th>
                  <Table.Th>Handed to</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/requests/${r.id}`} fw={500}>
                        {`${r.firstName} ${r.lastName}`}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {r.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>{placeOf(r)}</Table.Td>
                    <Table.Td>{r.roleWanted ?? '—'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {r.tags.map((t) => (
                          <Badge key={t} variant="light" color="gray">
                            {t}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="dot" color={statusColors[r.status]} mr={4}>
                        {r.status}
                      </Badge>
                      {ageOf(r)}
                    </Table.Td>
                    <Table.Td>{r.redirectedTo?.name ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="lg">
        {value}
      </Text>
    </Paper>
  );
}
