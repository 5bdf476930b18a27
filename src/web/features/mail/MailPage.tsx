import { Anchor, Group, Paper, Select, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { mailStatuses, type MailQuery, type MailStatus, type MailSummary } from '../../../common/schemas/mail.ts';
import { mailApi } from '../../api/endpoints.ts';
import { DebouncedTextInput } from '../../components/DebouncedTextInput.tsx';
import { EmailText } from '../../components/EmailText.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PagerFooter } from '../../components/PagerFooter.tsx';
import { countOf, pageSummary } from '../../components/plural.ts';
import { useCursorPages } from '../../components/useCursorPages.ts';
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
              <Table.Td>
                <EmailText email={m.recipient} />
              </Table.Td>
              {/* The subject wraps; without a floor the one-line columns beside it squeeze it to a word a line. */}
              <Table.Td style={{ minWidth: 220 }}>
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

/** The filters live in the address, so a filtered view can be bookmarked and shared. */
function useMailFilters() {
  const [params, setParams] = useSearchParams();
  const status = (mailStatuses as readonly string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as MailStatus)
    : undefined;
  const kind = params.get('kind') ?? undefined;
  const recipient = params.get('recipient') ?? '';
  const set = (key: string, value: string | null | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return { status, kind, recipient, set };
}

export function MailPage() {
  useDocumentTitle('Mail');
  const filters = useMailFilters();
  const { status, kind, recipient } = filters;
  const view: MailQuery = { ...(status ? { status } : {}), ...(kind ? { kind } : {}), ...(recipient ? { recipient } : {}) };
  const pages = useCursorPages(JSON.stringify(view));
  const query: MailQuery = { ...view, limit: pages.pageSize, ...pages.query };
  const mail = useQuery({
    queryKey: ['mail', query],
    queryFn: () => mailApi.list(query).then(pages.place),
    placeholderData: keepPreviousData,
  });
  const page = mail.data;
  const filtered = Boolean(status || kind || recipient);

  return (
    <>
      <PageHeader
        title="Mail"
        description={
          page
            ? `${countOf(page.total, 'message')}${filtered ? ' match' : ''}: welcomes, activation links, password resets, import logs.`
            : 'Messages Registrar sends: welcomes, activation links, password resets, import logs.'
        }
      />
      {page && <DeliveryBanner delivery={page.delivery} />}
      <Paper p="md" mb="md">
        <Group align="end" gap="md">
          <DebouncedTextInput
            label="Recipient"
            placeholder="Part of an email address"
            w={280}
            value={recipient}
            onSettled={(value) => filters.set('recipient', value)}
          />
          <Select
            label="Kind"
            placeholder="Any kind"
            w={260}
            data={Object.entries(mailKindLabels).map(([value, label]) => ({ value, label }))}
            value={kind ?? null}
            onChange={(value) => filters.set('kind', value)}
            clearable
          />
          <Select
            label="Status"
            placeholder="Any status"
            w={200}
            data={mailStatuses.map((s) => ({ value: s, label: mailStatusLabels[s] }))}
            value={status ?? null}
            onChange={(value) => filters.set('status', value)}
            clearable
          />
        </Group>
      </Paper>
      <Paper>
        {!page ? (
          mail.isError ? (
            <div style={{ padding: 16 }}>
              <ErrorState error={mail.error} forbidden={mailForbidden} onRetry={() => void mail.refetch()} />
            </div>
          ) : (
            <LoadingState label="Loading messages…" />
          )
        ) : mail.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={mail.error} forbidden={mailForbidden} onRetry={() => void mail.refetch()} />
          </div>
        ) : page.items.length === 0 ? (
          <EmptyState title={filtered ? 'No messages match' : 'No mail yet'}>
            {filtered
              ? 'Try another recipient, kind or status.'
              : 'Creating an account sends a welcome; finishing an import sends its log.'}
          </EmptyState>
        ) : (
          <>
            <MailTable items={pages.arrange(page)} />
            <PagerFooter
              summary={pageSummary(pages.first(page), page.items.length, page.total)}
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
        )}
      </Paper>
    </>
  );
}
