import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowBackUp, IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { maxXlsxAccounts } from '../../../common/schemas/bulk-actions.ts';
import type { BulkAction } from '../../api/bulk.ts';
import { bulkApi } from '../../api/bulk.ts';
import { errorMessage } from '../../api/client.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { accountsWord, bulkWords, paramsLine } from './bulk-words.ts';

const inFlight = (status: string) => ['queued', 'selecting', 'running', 'undoing'].includes(status);
const statusWords: Record<BulkAction['status'], string> = {
  queued: 'Waiting to start',
  selecting: 'Selecting the accounts',
  running: 'In progress',
  completed: 'Completed',
  failed: 'Failed',
  undoing: 'Being undone',
  undone: 'Undone',
};

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

/** One bulk action: progress while it runs, then its counts, the accounts that failed and why, and undo. */
export function BulkActionPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: ['bulk', id],
    queryFn: () => bulkApi.get(id),
    refetchInterval: (q) => (q.state.data && inFlight(q.state.data.status) ? 1000 : false),
    staleTime: 0,
  });
  const b = query.data;
  const failures = useQuery({
    queryKey: ['bulk', id, 'failed', b?.status],
    queryFn: () => bulkApi.results(id, { outcome: 'failed', limit: 100 }),
    enabled: Boolean(b && !inFlight(b.status)),
  });
  const undone = useQuery({
    queryKey: ['bulk', id, 'not-undone', b?.status],
    queryFn: () => bulkApi.results(id, { outcome: 'succeeded', limit: 100 }),
    enabled: b?.status === 'undone' && b.counts.notUndone > 0,
  });
  const undo = useMutation({
    mutationFn: () => bulkApi.undo(id),
    onSuccess: (next) => {
      queryClient.setQueryData(['bulk', id], next);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });
  useDocumentTitle(b ? `${bulkWords[b.action].label}: ${accountsWord(b.total)}` : 'Bulk action');
  if (query.isPending) return <LoadingState label="Loading the bulk action…" />;
  if (query.isError || !b) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const words = bulkWords[b.action];
  const percent = b.total > 0 ? Math.round((b.processed / b.total) * 100) : 0;
  const confirmUndo = () =>
    modals.openConfirmModal({
      title: `Undo this ${b.action === 'grant_role' ? 'grant' : words.label.toLowerCase()}?`,
      children: (
        <Text size="sm">
          The {accountsWord(b.counts.succeeded)} it changed go back as they were, except those changed since or now outside your
          organizations (each is listed afterwards).
        </Text>
      ),
      labels: { confirm: 'Undo', cancel: 'Cancel' },
      closeButtonProps: { 'aria-label': 'Close' },
      onConfirm: () => undo.mutate(),
    });

  return (
    <>
      <PageHeader
        title={`${words.label}: ${accountsWord(b.total || b.expectedCount)}`}
        description={[paramsLine(b), `Asked by ${b.requestedBy.label} on ${formatDateTime(b.createdAt)}`].filter(Boolean).join(' · ')}
        actions={
          <Group>
            {b.action === 'export' && b.status === 'completed' && (
              <>
                <Button component="a" href={bulkApi.exportUrl(b.id, 'csv')} leftSection={<IconDownload size={16} aria-hidden />}>
                  Download CSV
                </Button>
                {b.total > maxXlsxAccounts ? (
                  // The server refuses such a workbook (it would be built in memory): say so before anyone clicks.
                  <Text size="sm" c="dimmed">
                    Excel holds at most {formatNumber(maxXlsxAccounts)} accounts: download CSV.
                  </Text>
                ) : (
                  <Button component="a" variant="default" href={bulkApi.exportUrl(b.id, 'xlsx')}>
                    Download Excel
                  </Button>
                )}
              </>
            )}
            {b.undoable && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} aria-hidden />}
                loading={undo.isPending}
                onClick={confirmUndo}
              >
                Undo
              </Button>
            )}
          </Group>
        }
      />
      <Stack>
        <Group>
          <Badge size="lg" variant="light" color={b.status === 'failed' ? 'red' : 'indigo'} style={{ textTransform: 'none' }}>
            {statusWords[b.status]}
          </Badge>
          {b.finishedAt && <Text size="sm">Finished {formatDateTime(b.finishedAt)}</Text>}
        </Group>
        {undo.isError && <Alert color="red">{errorMessage(undo.error)}</Alert>}
        {b.error && <Alert color="red">{b.error}</Alert>}
        {inFlight(b.status) && (
          <Progress value={b.status === 'running' ? percent : 100} animated aria-label={`${statusWords[b.status]}: ${percent}%`} />
        )}
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Count label="Selected" value={b.total} />
          <Count label="Done" value={b.counts.succeeded} />
          <Count label="Skipped" value={b.counts.skipped} />
          <Count label="Failed" value={b.counts.failed} />
          {(b.status === 'undone' || b.status === 'undoing') && <Count label="Undone" value={b.counts.undone} />}
        </SimpleGrid>
        {failures.data && failures.data.items.length > 0 && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Accounts that failed
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {failures.data.items.map((r) => (
                  <Table.Tr key={r.accountId}>
                    <Table.Td>{r.label}</Table.Td>
                    <Table.Td>{r.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
        {undone.data && (
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Left as they are by the undo
            </Title>
            {undone.data.items
              .filter((r) => r.undo && !r.undo.done)
              .map((r) => (
                <Text key={r.accountId} size="sm">
                  {r.label}: {r.undo?.message}
                </Text>
              ))}
          </Paper>
        )}
      </Stack>
    </>
  );
}
