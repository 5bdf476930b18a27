import { Button, Paper } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { PagerFooter } from '../../components/PagerFooter.tsx';
import { pageSummary } from '../../components/plural.ts';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Permissions } from '../../../common/permissions.ts';
import { accountsApi } from '../../api/endpoints.ts';
import type { AccountPage } from '../../api/types.ts';
import { can, useSession } from '../../app/session.ts';
import { formatNumber } from '../../components/format.ts';
import { PageHeader, useDocumentTitle } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { AccountFilters } from './AccountFilters.tsx';
import { AccountsTable } from './AccountsTable.tsx';
import { EnrollDialog } from '../enrollment/EnrollDialog.tsx';
import { BulkBar } from '../bulk/BulkBar.tsx';
import { useBulkSelection } from '../bulk/useBulkSelection.ts';
import { SeatsBadge } from '../seats/SeatsBadge.tsx';
import { useAccountFilters } from './useAccountFilters.ts';

/** "1,000+" when the server stopped counting at its cap, the exact number otherwise. */
function totalText(page: AccountPage): string {
  return page.totalCapped ? `${formatNumber(page.total)}+` : formatNumber(page.total);
}

export function AccountsPage() {
  useDocumentTitle('Accounts');
  const me = useSession();
  const queryClient = useQueryClient();
  const state = useAccountFilters();
  const { query, sort, direction, cursor, pageSize, fromEnd, update, activeFilterCount, filters } = state;
  const viewKey = JSON.stringify({ ...query, cursor: undefined, fromEnd });
  // Past the cap the server stops counting; "Count all" asks it for every match of these filters, whichever
  // end or page is read, until the filters change.
  const filtersKey = JSON.stringify({ ...query, cursor: undefined, direction: undefined, sort: undefined, limit: undefined });
  const [countedView, setCountedView] = useState<string | null>(null);
  const exact = countedView === filtersKey;
  const searchQuery = exact ? { ...query, count: 'exact' as const } : query;
  const result = useQuery({
    queryKey: ['accounts', 'search', searchQuery],
    // Each page remembers which end it was read from: while the next view loads, the previous page stays on
    // screen and must keep its own order and numbering, not the new view's.
    queryFn: async () => ({ ...(await accountsApi.search(searchQuery)), fromEnd }),
    placeholderData: keepPreviousData,
  });

  // Cursors of the pages before this one, so "Previous" can walk back; a bookmarked later page starts a new trail.
  const [trail, setTrail] = useState<(string | undefined)[]>([]);
  const lastView = useRef(viewKey);
  useEffect(() => {
    if (lastView.current !== viewKey) {
      lastView.current = viewKey;
      setTrail([]);
    }
  }, [viewKey]);

  const page = result.data;
  // From the end, the server's pages run backwards: show each the right way round and count it from the last row.
  const items = page ? (page.fromEnd ? [...page.items].reverse() : page.items) : [];
  const first = page?.fromEnd ? Math.max(1, page.total - trail.length * pageSize - items.length + 1) : trail.length * pageSize + 1;
  // While the next page loads the previous one stays on screen, and so does the line that counts it.
  const summaryNow = page
    ? cursor && trail.length === 0
      ? `Showing ${formatNumber(items.length)} of ${totalText(page)}`
      : pageSummary(first, items.length, totalText(page))
    : '';
  const [settledSummary, setSettledSummary] = useState(summaryNow);
  if (!result.isPlaceholderData && settledSummary !== summaryNow) setSettledSummary(summaryNow);
  const summary = result.isPlaceholderData ? settledSummary : summaryNow;
  const canWrite = can(me, Permissions.accountsWrite);
  const filtered = activeFilterCount > 0 || Boolean(filters.q);
  // Away from where paging started (the server's next page), or back along the trail.
  const walkAway = () => {
    setTrail((t) => [...t, cursor]);
    update({ cursor: page?.nextCursor ?? undefined }, { keepCursor: true });
  };
  const walkBack = () => {
    const previous = trail[trail.length - 1];
    setTrail((t) => t.slice(0, -1));
    // A bookmarked page from the end with no trail: its neighbour towards the end is reached from the last page.
    if (fromEnd && trail.length === 0) update({ cursor: undefined, end: '1' });
    else update({ cursor: previous }, { keepCursor: true });
  };
  const mayEnroll = can(me, Permissions.enrollmentsManage);
  const [enrolling, setEnrolling] = useState(false);
  const { limit: _limit, cursor: _cursor, sort: _sort, direction: _direction, count: _count, ...enrollFilter } = query;
  const mayAct = can(me, Permissions.accountsLifecycle) || can(me, Permissions.accountsRead);
  const bulk = useBulkSelection(viewKey, page, query);

  return (
    <>
      <PageHeader
        title="Accounts"
        description={
          page ? (
            <>
              {`${totalText(page)} ${page.total === 1 && !page.totalCapped ? 'account' : 'accounts'}${filtered ? ' match' : ' in your organizations'}`}
              {page.totalCapped && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  ml="xs"
                  loading={exact && result.isPlaceholderData}
                  onClick={() => setCountedView(filtersKey)}
                >
                  Count all
                </Button>
              )}
            </>
          ) : (
            'People in the organizations you manage'
          )
        }
        actions={
          <>
            {mayEnroll && filtered && page && page.total > 0 && !page.totalCapped && (
              <Button variant="default" onClick={() => setEnrolling(true)}>
                {`Enroll all ${formatNumber(page.total)} matching`}
              </Button>
            )}
            {canWrite && (
              <Button component={Link} to="/accounts/new" leftSection={<IconUserPlus size={18} aria-hidden />}>
                Add account
              </Button>
            )}
          </>
        }
      />
      <AccountFilters state={state} />
      {filters.orgId && <SeatsBadge orgId={filters.orgId} />}
      {mayAct && page && bulk.selection && (
        <BulkBar
          selection={bulk.selection}
          pageFullySelected={bulk.rows.pageState === 'all'}
          total={page.total}
          totalCapped={page.totalCapped}
          onSelectAll={bulk.selectAll}
          onClear={bulk.clear}
          onCountChanged={() => void queryClient.invalidateQueries({ queryKey: ['accounts'] })}
        />
      )}
      <Paper>
        {result.isPending ? (
          <LoadingState label="Loading accounts…" />
        ) : result.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorState error={result.error} onRetry={() => void result.refetch()} />
          </div>
        ) : page && page.items.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No accounts match"
              action={
                <Button
                  variant="light"
                  onClick={() =>
                    update({
                      q: undefined,
                      status: undefined,
                      orgId: undefined,
                      affiliation: undefined,
                      employeeType: undefined,
                      emailDomain: undefined,
                      role: undefined,
                    })
                  }
                >
                  Clear search and filters
                </Button>
              }
            >
              Try fewer words, another status or a wider organization.
            </EmptyState>
          ) : (
            <EmptyState
              title="No accounts yet"
              action={
                canWrite && (
                  <Button component={Link} to="/accounts/new">
                    Add the first account
                  </Button>
                )
              }
            >
              Accounts you add, or import from a spreadsheet, appear here.
            </EmptyState>
          )
        ) : page ? (
          <>
            <AccountsTable
              accounts={items}
              busy={result.isFetching}
              selection={mayAct ? bulk.rows : undefined}
              sort={sort}
              direction={direction}
              onSort={(s, d) => update({ sort: s === 'name' && d === 'asc' ? undefined : s, direction: d === 'asc' ? undefined : d })}
            />
            <PagerFooter
              summary={summary}
              onFirst={() => {
                setTrail([]);
                update({ cursor: undefined, end: undefined });
              }}
              // The last page is the first one asked in the opposite order; a total past the cap has no known last row to count from.
              onLast={
                page.totalCapped
                  ? undefined
                  : () => {
                      setTrail([]);
                      update({ cursor: undefined, end: '1' });
                    }
              }
              pageSize={pageSize}
              onPageSize={(size) => update({ size: size === 25 ? undefined : String(size) })}
              // From the end the server's "next" leads towards the start of the list, and the trail back towards its end.
              hasPrevious={fromEnd ? Boolean(page.nextCursor) : Boolean(cursor)}
              hasNext={fromEnd ? Boolean(cursor) : Boolean(page.nextCursor)}
              hasFirst={fromEnd || Boolean(cursor)}
              onPrevious={() => (fromEnd ? walkAway() : walkBack())}
              onNext={() => (fromEnd ? walkBack() : walkAway())}
            />
          </>
        ) : null}
      </Paper>
      {enrolling && page && (
        <EnrollDialog
          selection={{ filter: enrollFilter }}
          count={page.total}
          who={`every account matching this search`}
          onClose={() => setEnrolling(false)}
        />
      )}
    </>
  );
}
