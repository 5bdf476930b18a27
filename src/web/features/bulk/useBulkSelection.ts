import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountSearchInput } from '../../../common/schemas/accounts.ts';
import type { BulkFilter } from '../../../common/schemas/bulk-actions.ts';
import { errorMessage } from '../../api/client.ts';
import { accountsApi } from '../../api/endpoints.ts';
import type { AccountPage } from '../../api/types.ts';
import type { RowSelection } from '../accounts/AccountsTable.tsx';
import { filterKeys } from '../accounts/useAccountFilters.ts';
import type { Selection } from './BulkBar.tsx';

interface State {
  /** The list view (filters and sort) the selection was made in: another view starts with none. */
  view: string;
  ids: string[];
  all: boolean;
}

/**
 * Rows picked on the accounts list, or "all N matching" its filter. The selection belongs to one view
 * of the list; changing a filter clears it (the ids picked no longer mean what the person saw).
 */
export function useBulkSelection(view: string, page: AccountPage | undefined, query: AccountSearchInput) {
  const [state, setState] = useState<State>({ view, ids: [], all: false });
  const current = state.view === view ? state : { view, ids: [], all: false };
  const onPage = page?.items.map((a) => a.id) ?? [];
  const picked = new Set(current.ids);
  const pickedOnPage = onPage.filter((id) => current.all || picked.has(id)).length;

  const rows: RowSelection = {
    isSelected: (id) => current.all || picked.has(id),
    toggle: (id) =>
      setState(() => {
        // Unticking one row of "all matching" leaves the rows picked by hand: this page but that one.
        const base = current.all ? onPage : current.ids;
        return { view, all: false, ids: base.includes(id) ? base.filter((x) => x !== id) : [...base, id] };
      }),
    togglePage: () =>
      setState(() =>
        pickedOnPage === onPage.length && onPage.length > 0
          ? { view, all: false, ids: current.all ? [] : current.ids.filter((id) => !onPage.includes(id)) }
          : { view, all: false, ids: [...new Set([...current.ids, ...onPage])] },
      ),
    pageState: pickedOnPage === 0 ? 'none' : pickedOnPage === onPage.length ? 'all' : 'some',
  };

  const filter: BulkFilter = {};
  for (const key of filterKeys) if (query[key]) filter[key] = query[key];
  // Past the list's cap its total is only "1,000+": "all matching" is then counted exactly before any
  // action can be confirmed (under the key of the list's queries, so a refresh of the list counts again).
  const mustCount = current.all && Boolean(page?.totalCapped);
  const exact = useQuery({
    queryKey: ['accounts', 'exact-count', filter],
    queryFn: async () => (await accountsApi.search({ ...filter, count: 'exact', limit: 1 })).total,
    enabled: mustCount,
  });
  const selection: Selection | null = current.all
    ? {
        kind: 'all',
        filter,
        count: mustCount ? (exact.data ?? null) : (page?.total ?? 0),
        ...(mustCount && exact.isError ? { countError: errorMessage(exact.error) } : {}),
      }
    : current.ids.length
      ? { kind: 'ids', ids: current.ids }
      : null;

  return {
    rows,
    selection,
    selectAll: () => setState({ view, ids: [], all: true }),
    clear: () => setState({ view, ids: [], all: false }),
  };
}
