import { Anchor, Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { PagerFooter } from '../../components/PagerFooter.tsx';
import { pageSummary } from '../../components/plural.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { rowOutcomes } from '../../../common/schemas/imports.ts';
import { importsApi, type ImportRowView, type ImportView, type RowOutcome } from '../../api/imports.ts';
import { formatNumber } from '../../components/format.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { outcomeColors, outcomeLabels, outcomesOf, reasonLabels } from './import-labels.ts';

const pageSize = 50;

/** After the commit started, rows and counts say what happened; before, what would. */
export const isApplied = (imp: ImportView) =>
  imp.committedAt !== null || imp.status === 'running' || imp.status === 'completed' || imp.status === 'rolled_back';

export function OutcomeBadge({ outcome, applied }: { outcome: RowOutcome; applied: boolean }) {
  return (
    // The dot variant keeps the text dark (readable on striped rows) and carries the colour in the dot.
    <Badge color={outcomeColors[outcome]} variant="dot" radius="sm" style={{ textTransform: 'none' }}>
      {outcomeLabels[outcome][applied ? 1 : 0]}
    </Badge>
  );
}

/** Big numbers per outcome: what the plan will do, or what the import did. */
export function OutcomeCounts({ imp }: { imp: ImportView }) {
  const applied = isApplied(imp);
  return (
    <SimpleGrid
      cols={{ base: 2, sm: 3, md: 6 }}
      spacing="sm"
      role="list"
      aria-label={applied ? 'What the import did' : 'What the import will do'}
    >
      {outcomesOf(imp.template).map((o) => (
        <Paper
          key={o}
          p="md"
          className="import-count"
          role="listitem"
          style={{ ['--count-color' as string]: `var(--mantine-color-${outcomeColors[o]}-6)` }}
        >
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" style={{ letterSpacing: 0.4 }}>
            {outcomeLabels[o][applied ? 1 : 0]}
          </Text>
          <Text fz={28} fw={700} lh={1.2} c={o === 'failed' && imp.counts.failed > 0 ? 'red.9' : undefined}>
            {formatNumber(imp.counts[o] ?? 0)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function RowLine({ row, linkAccounts }: { row: ImportRowView; linkAccounts: boolean }) {
  const reason = row.reason ? (reasonLabels[row.reason] ?? row.reason.replace(/_/g, ' ')) : null;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {row.line}
        </Text>
      </Table.Td>
      <Table.Td>
        <OutcomeBadge outcome={row.outcome} applied={row.applied} />
      </Table.Td>
      <Table.Td>
        {row.email && row.accountId && linkAccounts && row.outcome !== 'failed' ? (
          <Anchor component={Link} to={`/accounts/${row.accountId}`} size="sm" className="registrar-email" title={row.email}>
            {row.email}
          </Anchor>
        ) : (
          <Text size="sm" c={row.email ? undefined : 'dimmed'} className="registrar-email" title={row.email ?? undefined}>
            {row.email ?? '—'}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {reason || row.message ? (
          <Stack gap={0}>
            {reason && (
              <Text size="sm" fw={600}>
                {reason}
              </Text>
            )}
            {row.message && (
              <Text size="sm" c={reason ? 'dimmed' : undefined}>
                {row.message}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Every row with its line number, outcome and reason; filtered by outcome through ?outcome= so the log can link here. */
export function ImportRows({ imp }: { imp: ImportView }) {
  const [params, setParams] = useSearchParams();
  const raw = params.get('outcome');
  const outcome = rowOutcomes.includes(raw as RowOutcome) ? (raw as RowOutcome) : undefined;
  const applied = isApplied(imp);
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  // Another filter or a new status starts again at the first page. Reset while rendering, not in an
  // effect, so no request goes out with the cursor of the list that was left.
  const listing = `${outcome ?? 'all'}:${imp.status}`;
  const [pagedListing, setPagedListing] = useState(listing);
  if (pagedListing !== listing) {
    setPagedListing(listing);
    setTrail([]);
    setCursor(undefined);
  }

  const rows = useQuery({
    // The status is part of the key: the same rows say "Create" in the preview and "Created" after the commit.
    queryKey: ['imports', imp.id, 'rows', imp.status, outcome, cursor],
    queryFn: () => importsApi.rows(imp.id, { outcome, cursor, limit: pageSize }),
    placeholderData: keepPreviousData,
  });
  const total = outcome ? imp.counts[outcome] : imp.counts.total;
  const first = trail.length * pageSize + 1;
  const setOutcome = (value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === 'all') next.delete('outcome');
        else next.set('outcome', value);
        return next;
      },
      { replace: true },
    );

  return (
    <Paper component="section" aria-labelledby="rows-title">
      <Group justify="space-between" p="md" gap="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Title order={2} fz="lg" id="rows-title">
          Rows
        </Title>
        <SegmentedControl
          aria-label="Show rows"
          value={outcome ?? 'all'}
          onChange={setOutcome}
          data={[
            { value: 'all', label: `All ${formatNumber(imp.counts.total)}` },
            ...outcomesOf(imp.template)
              .filter((o) => (imp.counts[o] ?? 0) > 0 || o === outcome)
              .map((o) => ({ value: o, label: `${outcomeLabels[o][applied ? 1 : 0]} ${formatNumber(imp.counts[o] ?? 0)}` })),
          ]}
        />
      </Group>
      {rows.isPending ? (
        <LoadingState label="Loading rows…" />
      ) : rows.isError ? (
        <div style={{ padding: 16 }}>
          <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
        </div>
      ) : rows.data.items.length === 0 ? (
        <EmptyState title={outcome ? `No rows ${outcomeLabels[outcome][1].toLowerCase()}` : 'No rows'}>
          {outcome ? 'Choose another outcome above to see its rows.' : 'This import has no rows to show.'}
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table
              className="registrar-table import-rows"
              verticalSpacing="sm"
              horizontalSpacing="md"
              striped="even"
              aria-busy={rows.isPlaceholderData}
              style={{ opacity: rows.isPlaceholderData ? 0.6 : 1 }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={80}>Line</Table.Th>
                  <Table.Th w={140}>Outcome</Table.Th>
                  <Table.Th w="30%">Email</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.data.items.map((r) => (
                  <RowLine key={r.line} row={r} linkAccounts={imp.status === 'completed'} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <PagerFooter
            summary={pageSummary(first, rows.data.items.length, total)}
            hasPrevious={trail.length > 0}
            hasNext={Boolean(rows.data.nextCursor)}
            onPrevious={() => {
              setCursor(trail[trail.length - 1]);
              setTrail((t) => t.slice(0, -1));
            }}
            onNext={() => {
              setTrail((t) => [...t, cursor]);
              setCursor(rows.data.nextCursor ?? undefined);
            }}
          />
        </>
      )}
    </Paper>
  );
}
