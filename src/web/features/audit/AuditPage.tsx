import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { auditSources } from '../../../common/permissions.ts';
import { auditApi, type AuditQuery } from '../../api/endpoints.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { AuditEventList } from './AuditEventList.tsx';
import { auditActions, auditSourceLabels } from './audit-labels.ts';

const keys = ['action', 'source', 'from', 'to', 'targetId', 'actorId'] as const;

/** The day after a YYYY-MM-DD, so "to" includes the whole day (the API's bound is exclusive). */
const dayAfter = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

export function AuditPage() {
  useDocumentTitle('Audit');
  const [params, setParams] = useSearchParams();
  const value = (k: (typeof keys)[number]) => params.get(k) ?? '';
  const set = (k: (typeof keys)[number], v: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const query: AuditQuery = { limit: 50 };
  // Values come from the address bar; the API validates them (an unknown source answers 400).
  for (const k of keys) if (value(k)) (query as Record<string, string | number>)[k] = value(k) as string;
  if (query.to) query.to = dayAfter(query.to);

  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) => auditApi.search({ ...query, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = keys.some((k) => value(k));

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change in your organizations: who did it, when, from where, and the values before and after."
      />
      <Paper p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Select
            label="Action"
            placeholder="Any action"
            data={Object.entries(auditActions).map(([v, label]) => ({ value: v, label }))}
            value={value('action') || null}
            onChange={(v) => set('action', v)}
            clearable
            searchable
          />
          <Select
            label="Source"
            placeholder="Any source"
            data={auditSources.map((s) => ({ value: s, label: auditSourceLabels[s] ?? s }))}
            value={value('source') || null}
            onChange={(v) => set('source', v)}
            clearable
          />
          <TextInput label="From" type="date" value={value('from')} onChange={(e) => set('from', e.currentTarget.value)} />
          <TextInput label="To" type="date" value={value('to')} onChange={(e) => set('to', e.currentTarget.value)} />
        </SimpleGrid>
        {filtered && (
          <Group justify="flex-end" mt="sm">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconX size={14} aria-hidden />}
              onClick={() => setParams(new URLSearchParams(), { replace: true })}
            >
              Clear filters
            </Button>
          </Group>
        )}
      </Paper>
      <Paper>
        {events.isPending ? (
          <LoadingState label="Loading events…" />
        ) : events.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={events.error} onRetry={() => void events.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState title={filtered ? 'No events match' : 'Nothing has happened yet'}>
            {filtered ? 'Try another action, source or a wider date range.' : 'Changes to accounts and organizations will be listed here.'}
          </EmptyState>
        ) : (
          <>
            <AuditEventList events={items} />
            {events.hasNextPage && (
              <Group justify="center" p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
                <Button variant="default" loading={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
                  Load older events
                </Button>
              </Group>
            )}
          </>
        )}
      </Paper>
    </>
  );
}
