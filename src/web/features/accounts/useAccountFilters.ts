import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { AccountSearchInput } from '../../../common/schemas/accounts.ts';
import { asPageSize } from '../../components/PagerFooter.tsx';

export const filterKeys = ['q', 'status', 'orgId', 'affiliation', 'employeeType', 'emailDomain', 'role'] as const;
export type FilterKey = (typeof filterKeys)[number];
export type SortKey = NonNullable<AccountSearchInput['sort']>;

const sortKeys: SortKey[] = ['name', 'email', 'createdAt', 'status', 'lastActivityAt'];

/**
 * The list's whole state lives in the address (filters, sort, page size, page cursor), so a view can be bookmarked,
 * shared and reached with the back button. Changing a filter or the sort goes back to the first page; `end=1`
 * pages from the last page backwards.
 */
export function useAccountFilters() {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Record<FilterKey, string>, [params]);
  const sortParam = params.get('sort') as SortKey | null;
  const sort: SortKey = sortParam && sortKeys.includes(sortParam) ? sortParam : 'name';
  const direction: 'asc' | 'desc' = params.get('direction') === 'desc' ? 'desc' : 'asc';
  const cursor = params.get('cursor') ?? undefined;
  const pageSize = asPageSize(params.get('size'));
  // Paging from the end ("Last"): the server is asked in the opposite order and the page is shown the right way round.
  const fromEnd = params.get('end') === '1';

  const update = useCallback(
    (changes: Record<string, string | undefined>, options: { keepCursor?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          if (!options.keepCursor) next.delete('cursor');
          // Any other change (a filter, the sort, the size) starts again from the first page.
          if (!options.keepCursor && !('end' in changes)) next.delete('end');
          return next;
        },
        { replace: !('cursor' in changes) },
      );
    },
    [setParams],
  );

  const query: AccountSearchInput = useMemo(() => {
    const asked = fromEnd ? (direction === 'asc' ? 'desc' : 'asc') : direction;
    const q: AccountSearchInput = { sort, direction: asked, limit: pageSize };
    for (const key of filterKeys) if (filters[key]) q[key] = filters[key];
    if (cursor) q.cursor = cursor;
    return q;
  }, [filters, sort, direction, cursor, pageSize, fromEnd]);

  const activeFilterCount = filterKeys.filter((k) => k !== 'q' && filters[k]).length;

  return { filters, sort, direction, cursor, pageSize, fromEnd, query, update, activeFilterCount };
}
