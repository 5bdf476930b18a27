import { Anchor, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { mailStatuses, type MailQuery, type MailStatus, type MailSummary } from '../../../common/schemas/mail.ts';
import { mailApi } from '../../api/endpoints.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { DeliveryBanner } from './DeliveryBanner.tsx';
import { MailStatusBadge, mailForbidden, mailKindLabels, mailStatusLabels } from './mail-labels.tsx';

function MailTable({ items }: { items: MailSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table className="registrar-table" highlightOnHover verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>To</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatDateTime(m.createdAt)}</Text>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm">{m.recipient}</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/mail/${m.id}`} size="sm" fw={600}>
                  {m.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{mailKindLabels[m.kind] ?? m.kind}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <MailStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{m.attempts}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function MailPage() {
  useDocumentTitle('Mail');
  const [params, setParams] = useSearchParams();
  const status = (mailStatuses as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as MailStatus)
    : undefined;
  const query: MailQuery = { limit: 50, ...(status ? { status } : {}) };
  const mail = useInfiniteQuery({
    queryKey: ['mail', query],
    queryFn: ({ pageParam }) => mailApi.list({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = mail.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader title="Mail" description="Messages Registrar sends: welcomes, activation links, password resets, import logs." />
      {mail.data?.pages[0] && <DeliveryBanner delivery={mail.data.pages[0].delivery} />}
      <Paper p="md" mb="md">
        <Select
          label="Status"
          placeholder="Any status"
          maw={280}
          data={mailStatuses.map((s) => ({ value: s, label: mailStatusLabels[s] }))}
          value={status ?? null}
          onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
          clearable
        />
      </Paper>
      <Paper>
        {mail.isPending ? (
          <LoadingState label="Loading messages…" />
        ) : mail.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={mail.error} forbidden={mailForbidden} onRetry={() => void mail.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState title={status ? 'No messages with this status' : 'No mail yet'}>
            Creating an account sends a welcome; finishing an import sends its log.
          </EmptyState>
        ) : (
          <>
            <MailTable items={items} />
            {mail.hasNextPage && (
              <Group justify="center" p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                <Button variant="default" loading={mail.isFetchingNextPage} onClick={() => void mail.fetchNextPage()}>
                  Load older messages
                </Button>
              </Group>
            )}
          </>
        )}
      </Paper>
    </>
  );
}
