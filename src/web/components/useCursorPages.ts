import { useState } from 'react';
import { type PageSize } from './PagerFooter.tsx';

interface PagingState {
  view: string;
  size: PageSize;
  /** Cursors of the pages walked past, so the way back is known. */
  trail: string[];
  cursor: string | undefined;
  /** Paging from the oldest end (after "Last"): the server is asked oldest first, and the page is shown newest first. */
  fromEnd: boolean;
}

/** A page as the server sent it, with the paging it was asked with: while the next page loads this one stays on
 * screen, and must keep its own order and numbering rather than take the new position's. */
export type PlacedPage<T> = { items: readonly T[]; total: number; placedAt: PagingState };

/**
 * Paging a newest-first, cursor-paged list kept in the page's own state: the page size, the cursors walked
 * past, and where the page sits. "Last" pages from the oldest end instead (`order=oldest`), so the oldest
 * entries are one click away however long the list. Changing the view (`viewKey`: the filters) or the size
 * goes back to the first page.
 */
export function useCursorPages(viewKey: string, initialSize: PageSize = 25) {
  const [state, setState] = useState<PagingState>({ view: viewKey, size: initialSize, trail: [], cursor: undefined, fromEnd: false });
  // A new view starts at its first page; derived while rendering rather than reset in an effect.
  const current: PagingState =
    state.view === viewKey ? state : { view: viewKey, size: state.size, trail: [], cursor: undefined, fromEnd: false };
  const forward = (nextCursor: string) => setState({ ...current, trail: [...current.trail, current.cursor ?? ''], cursor: nextCursor });
  const back = () => {
    const previousCursor = current.trail[current.trail.length - 1];
    setState({ ...current, trail: current.trail.slice(0, -1), cursor: previousCursor || undefined });
  };
  return {
    /** What to ask the server for. */
    query: { ...(current.cursor ? { cursor: current.cursor } : {}), ...(current.fromEnd ? { order: 'oldest' as const } : {}) },
    pageSize: current.size,
    fromEnd: current.fromEnd,
    /** Marks a page from the server with the paging it was asked with; the query's `queryFn` passes its answer through this. */
    place: <P extends { items: readonly unknown[]; total: number }>(page: P): P & { placedAt: PagingState } => ({
      ...page,
      placedAt: current,
    }),
    /** Shows a page as newest first, whichever end it was asked from. */
    arrange: <T>(page: PlacedPage<T>): T[] => (page.placedAt.fromEnd ? [...page.items].reverse() : [...page.items]),
    /** Where the page starts, counting from 1 at the newest; a page asked from the oldest end is counted back from the total. */
    first: ({ items, total, placedAt: at }: PlacedPage<unknown>) =>
      at.fromEnd ? Math.max(1, total - at.trail.length * at.size - items.length + 1) : at.trail.length * at.size + 1,
    /** The page's server cursor leads away from where paging started: older normally, newer from the end. */
    hasNewer: (nextCursor: string | null) => (current.fromEnd ? nextCursor !== null : current.trail.length > 0),
    hasOlder: (nextCursor: string | null) => (current.fromEnd ? current.trail.length > 0 : nextCursor !== null),
    newer: (nextCursor: string | null) => (current.fromEnd ? nextCursor && forward(nextCursor) : back()),
    older: (nextCursor: string | null) => (current.fromEnd ? back() : nextCursor && forward(nextCursor)),
    atFirst: !current.fromEnd && current.trail.length === 0,
    atLast: (nextCursor: string | null) => (current.fromEnd ? current.trail.length === 0 : nextCursor === null),
    toFirst: () => setState({ ...current, trail: [], cursor: undefined, fromEnd: false }),
    toLast: () => setState({ ...current, trail: [], cursor: undefined, fromEnd: true }),
    setPageSize: (size: PageSize) => setState({ view: viewKey, size, trail: [], cursor: undefined, fromEnd: false }),
  };
}
