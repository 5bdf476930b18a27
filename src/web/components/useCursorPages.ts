import { useState } from 'react';
import { type PageSize } from './PagerFooter.tsx';

/**
 * Paging a cursor-paged list kept in the page's own state: the cursors of the pages before this one (so
 * "Previous" walks back), the page size, and where the page starts. Changing the view (`viewKey`: the
 * filters) or the size goes back to the first page.
 */
export function useCursorPages(viewKey: string, initialSize: PageSize = 25) {
  const [state, setState] = useState<{ view: string; size: PageSize; trail: string[]; cursor: string | undefined }>({
    view: viewKey,
    size: initialSize,
    trail: [],
    cursor: undefined,
  });
  // A new view starts at its first page; derived while rendering rather than reset in an effect.
  const current = state.view === viewKey ? state : { view: viewKey, size: state.size, trail: [], cursor: undefined };
  return {
    cursor: current.cursor,
    pageSize: current.size,
    /** Where this page starts, counting from 1. */
    first: current.trail.length * current.size + 1,
    hasPrevious: current.cursor !== undefined,
    next: (nextCursor: string) => setState({ ...current, trail: [...current.trail, current.cursor ?? ''], cursor: nextCursor }),
    previous: () => {
      const trail = current.trail.slice(0, -1);
      const previousCursor = current.trail[current.trail.length - 1];
      setState({ ...current, trail, cursor: previousCursor || undefined });
    },
    toFirst: () => setState({ ...current, trail: [], cursor: undefined }),
    setPageSize: (size: PageSize) => setState({ view: viewKey, size, trail: [], cursor: undefined }),
  };
}
