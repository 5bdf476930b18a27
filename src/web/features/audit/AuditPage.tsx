import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { auditSources } from '../../../common/permissions.ts';
import { auditApi, type AuditQuery } from '../../api/endpoints.ts';
import { DebouncedTextInput } from '../../components/DebouncedTextInput.tsx';
import { formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { PagerFooter } from '../../components/PagerFooter.tsx';
import { pageSummary } from '../../components/plural.ts';
import { useCursorPages } from '../../components/useCursorPages.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { AuditEventList } from './AuditEventList.tsx';
import { PersonPicker } from './PersonPicker.tsx';
import { auditActions, auditSourceLabels } from './audit-labels.ts';

const keys = ['action', 'source', 'from', 'to', 'targetId', 'actorId', 'personId', 'q'] as const;

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

  const view: AuditQuery = {};
  // Values come from the address bar; the API validates them (an unknown source answers 400).
  for (const k of keys) if (value(k)) (view as Record<string, string>)[k] = value(k);
  if (view.to) view.to = dayAfter(view.to);
  const pages = useCursorPages(JSON.stringify(view));
  const query: AuditQuery = { ...view, limit: pages.pageSize, ...pages.query };

  const events = useQuery({
    queryKey: ['audit', query],
    queryFn: () => auditApi.search(query).then(pages.place),
    placeholderData: keepPreviousData,
  });
  const page = events.data;
  const filtered = keys.some((k) => value(k));
  const total = page ? (page.totalCapped ? `${formatNumber(page.total)}+` : formatNumber(page.total)) : '';

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change in your organizations: who did it, when, from where, and the values before and after."
      />
      <Paper p="md" mb="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="sm">
          <PersonPicker value={value('personId')} onChange={(id) => set('personId', id)} />
          <DebouncedTextInput
            label="Text"
            description="Who acted, the action, or the account’s name or email"
            placeholder="Words to find"
            value={value('q')}
            onSettled={(text) => set('q', text)}
          />
        </SimpleGrid>
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
        {!page ? (
          events.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorState error={events.error} onRetry={() => void events.refetch()} />
            </div>
          ) : (
            <LoadingState label="Loading events…" />
          )
        ) : page.items.length === 0 ? (
          <EmptyState title={filtered ? 'No events match' : 'Nothing has happened yet'}>
            {filtered
              ? 'Try another person, action, source or a wider date range.'
              : 'Changes to accounts and organizations will be listed here.'}
          </EmptyState>
        ) : (
          <>
            <AuditEventList events={pages.arrange(page)} />
            <PagerFooter
              summary={pageSummary(pages.first(page), page.items.length, total)}
              previousLabel="Newer"
              nextLabel="Older"
              hasPrevious={pages.hasNewer(page.nextCursor)}
              hasNext={pages.hasOlder(page.nextCursor)}
              onPrevious={() => pages.newer(page.nextCursor)}
              onNext={() => pages.older(page.nextCursor)}
              onFirst={pages.toFirst}
              hasFirst={!pages.atFirst}
              // Past the counting cap the oldest page's place is unknown: no "Last" then.
              onLast={page.totalCapped ? undefined : pages.toLast}
              hasLast={!pages.atLast(page.nextCursor)}
              pageSize={pages.pageSize}
              onPageSize={pages.setPageSize}
            />
          </>
        )}
      </Paper>
    </>
  );
}
