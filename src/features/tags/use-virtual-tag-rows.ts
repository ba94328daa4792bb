// Windowing for the tag table, so 10,000 tags keep ~50 rows in the DOM; it also reads the
// next page before the reader reaches the end, and remembers where the reader was.
import { useVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import type { TagListSort } from '../../api/list-tags';
import { scopeKey, type Scope } from '../../api/scope';
import type { TagRow } from './tag-list-logic';
import { TAG_ROW_HEIGHT } from './tag-row';

/** Scroll positions of lists visited in this tab, so Back restores the place. */
const scrollMemory = new Map<string, number>();

/** Load the next page when the reader is this many rows from the end of what is loaded. */
const LOAD_AHEAD_ROWS = 40;

/** The paging half of the list's infinite query. */
export interface TagPaging {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export interface VirtualTagRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  items: VirtualItem[];
  /** Spacer heights above and below the rendered rows, so the scrollbar spans every row. */
  paddingTop: number;
  paddingBottom: number;
  /** Preparing rows in the window: the only ones worth keeping live. */
  visiblePreparing: TagRow[];
}

export function useVirtualTagRows({
  scope,
  repo,
  sort,
  rows,
  paging,
}: {
  scope: Scope;
  repo: string;
  sort: TagListSort;
  rows: TagRow[];
  paging: TagPaging;
}): VirtualTagRows {
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = paging;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Back from a tag, the list is where the reader left it (same repository, sort and filter).
  const memoryKey = `${scopeKey(scope).join('/')}/${repo}?${sort.sortBy}:${sort.sortOrder}`;
  const virtualizer = useVirtualizer({
    initialOffset: () => scrollMemory.get(memoryKey) ?? 0,
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TAG_ROW_HEIGHT,
    overscan: 12,
  });
  const offsetRef = useRef(0);
  offsetRef.current = virtualizer.scrollOffset ?? 0;
  useEffect(() => () => void scrollMemory.set(memoryKey, offsetRef.current), [memoryKey]);
  const restored = useRef(false);
  const hasRows = rows.length > 0;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (restored.current || !el || !hasRows) return;
    restored.current = true;
    const offset = scrollMemory.get(memoryKey);
    if (offset) el.scrollTop = offset;
  }, [hasRows, memoryKey]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : -1;

  // Infinite scroll: when the reader nears the end of the loaded rows (or a filter leaves
  // fewer rows than fill the view), the next page is read.
  useEffect(() => {
    if (!hasNextPage || isFetchingNextPage || isFetchNextPageError) return;
    if (lastIndex >= rows.length - LOAD_AHEAD_ROWS) void fetchNextPage();
  }, [
    lastIndex,
    rows.length,
    hasNextPage,
    isFetchingNextPage,
    fetchNextPage,
    isFetchNextPageError,
  ]);

  const range = virtualizer.range;
  const visiblePreparing = useMemo(() => {
    if (!range) return [];
    return rows
      .slice(range.startIndex, range.endIndex + 1)
      .filter((r) => r.tag.status === 'preparing');
  }, [rows, range?.startIndex, range?.endIndex]); // eslint-disable-line react-hooks/exhaustive-deps

  const total = virtualizer.getTotalSize();
  const paddingTop = items.length ? items[0]!.start : 0;
  // Before the first measure there are no items: the spacer still gives the full height, so a
  // restored scroll position has somewhere to go.
  const paddingBottom = items.length ? total - items[items.length - 1]!.end : total;

  return { scrollRef, virtualizer, items, paddingTop, paddingBottom, visiblePreparing };
}
