import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { PagerFooter } from '../../components/PagerFooter.tsx';
import { pageSummary } from '../../components/plural.ts';
import { useCursorPages } from '../../components/useCursorPages.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { importsApi, type ImportView } from '../../api/imports.ts';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { ImportStatusBadge } from './ImportStatusBadge.tsx';
import { UploaderName } from '../../components/UploaderName.tsx';
import { inFlight, modeLabels } from './import-labels.ts';

/** Rows processed: applied rows once committed, planned rows before; nothing while the file is unreadable. */
function processed(imp: ImportView): number {
  if (imp.status === 'failed' && imp.error) return 0;
  return imp.status === 'running' ? imp.rowsDone : Math.max(imp.counts.total, imp.rowsDone);
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

/** A date over its time, so the two time columns stay narrow. */
function When({ value }: { value: string | null }) {
  if (!value)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  const date = new Date(value);
  return (
    <Text size="sm" component="div" title={formatDateTime(value)} style={{ whiteSpace: 'nowrap' }}>
      {dayFormat.format(date)}
      <Text size="xs" c="dimmed">
        {timeFormat.format(date)}
      </Text>
    </Text>
  );
}

function ImportLogTable({ items, busy }: { items: ImportView[]; busy: boolean }) {
  return (
    <Table.ScrollContainer minWidth={980}>
      <Table
        className="registrar-table"
        highlightOnHover
        verticalSpacing="sm"
        horizontalSpacing="md"
        style={{ opacity: busy ? 0.6 : 1 }}
        aria-busy={busy}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Finished</Table.Th>
            <Table.Th>Organization</Table.Th>
            <Table.Th>File and mode</Table.Th>
            <Table.Th ta="right" style={{ minWidth: 96 }}>
              Records processed
            </Table.Th>
            <Table.Th ta="right" style={{ minWidth: 80 }}>
              Records failed
            </Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Uploaded by</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((imp) => (
            <Table.Tr key={imp.id}>
              <Table.Td>
                <When value={imp.startedAt ?? imp.createdAt} />
              </Table.Td>
              <Table.Td>
                <When value={imp.finishedAt} />
              </Table.Td>
              <Table.Td style={{ minWidth: 120 }}>
                <Text size="sm">{imp.orgName}</Text>
              </Table.Td>
              <Table.Td style={{ minWidth: 180 }}>
                <Anchor component={Link} to={`/imports/${imp.id}`} size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {imp.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {modeLabels[imp.mode]}
                </Text>
              </Table.Td>
              {/* The counts come right after the file, as in the guides' upload logs, so a laptop's window shows them. */}
              <Table.Td ta="right">
                <Text size="sm">{formatNumber(processed(imp))}</Text>
              </Table.Td>
              <Table.Td ta="right">
                {imp.counts.failed > 0 ? (
                  <Anchor
                    component={Link}
                    to={`/imports/${imp.id}?outcome=failed`}
                    size="sm"
                    fw={600}
                    c="red.9"
                    aria-label={`${formatNumber(imp.counts.failed)} failed records of ${imp.fileName}`}
                  >
                    {formatNumber(imp.counts.failed)}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    {imp.status === 'failed' ? '—' : '0'}
                  </Text>
                )}
              </Table.Td>
              {/* Room for the longest status, so the column does not jump as statuses change. */}
              <Table.Td style={{ minWidth: 150 }}>
                <ImportStatusBadge status={imp.status} failed={imp.counts.failed} size="sm" />
              </Table.Td>
              <Table.Td>
                <Text size="sm" component="div">
                  <UploaderName label={imp.uploadedBy.label} />
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ImportsPage() {
  useDocumentTitle('Imports');
  const pages = useCursorPages('imports');
  const cursor = pages.query.cursor;
  const log = useQuery({
    queryKey: ['imports', 'list', pages.query, pages.pageSize],
    queryFn: () => importsApi.list({ limit: pages.pageSize, ...pages.query }).then(pages.place),
    placeholderData: keepPreviousData,
    // Imports still being checked or applied update their row on their own.
    refetchInterval: (q) => (q.state.data?.items.some((i) => inFlight(i.status)) ? 2000 : false),
  });
  const page = log.data;

  return (
    <>
      <PageHeader
        title="Imports"
        description="Spreadsheets uploaded into your organizations, newest first. Open one to see every row and why it failed."
        actions={
          <Button component={Link} to="/imports/new" leftSection={<IconFileUpload size={18} aria-hidden />}>
            New import
          </Button>
        }
      />
      <Paper>
        {log.isPending ? (
          <LoadingState label="Loading the import log…" />
        ) : log.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={log.error} onRetry={() => void log.refetch()} />
          </div>
        ) : page && page.items.length === 0 && !cursor ? (
          <EmptyState
            title="No imports yet"
            action={
              <Button component={Link} to="/imports/new" variant="light">
                Start the first import
              </Button>
            }
          >
            Create or update many accounts at once from a CSV or Excel file. You will see every row before anything is changed.
          </EmptyState>
        ) : page ? (
          <>
            <ImportLogTable items={pages.arrange(page)} busy={log.isPlaceholderData} />
            <PagerFooter
              summary={page.items.length === 0 ? 'No more imports' : pageSummary(pages.first(page), page.items.length, page.total)}
              previousLabel="Newer"
              nextLabel="Older"
              hasPrevious={pages.hasNewer(page.nextCursor)}
              hasNext={pages.hasOlder(page.nextCursor)}
              onPrevious={() => pages.newer(page.nextCursor)}
              onNext={() => pages.older(page.nextCursor)}
              onFirst={pages.toFirst}
              hasFirst={!pages.atFirst}
              onLast={pages.toLast}
              hasLast={!pages.atLast(page.nextCursor)}
              pageSize={pages.pageSize}
              onPageSize={pages.setPageSize}
            />
          </>
        ) : null}
      </Paper>
    </>
  );
}
