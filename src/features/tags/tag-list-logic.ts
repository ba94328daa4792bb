// Pure logic of the tag list: URL state, flattening pages into rows, filtering, and merging
// a refreshed page into the loaded list. Kept apart from React so each rule has a unit test.
import type { Tag } from '../../api/schemas';
import type {
  SortOrder,
  TagListData,
  TagListPage,
  TagListSort,
  TagSortBy,
} from '../../api/list-tags';

export const STATUS_FILTERS = ['preparing', 'ready', 'unoptimized', 'index'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export type SortKey = 'updated' | 'name';

export interface TagListView {
  sort: SortKey;
  order: SortOrder;
  q: string;
  status: StatusFilter | null;
}

export const PINNED_TAGS = new Set(['latest']);

const defaultOrder: Record<SortKey, SortOrder> = { updated: 'desc', name: 'asc' };

/** The view from the URL; unknown values fall back to the defaults rather than failing. */
export function viewFromSearchParams(params: URLSearchParams): TagListView {
  const sortParam = params.get('sort');
  const sort: SortKey = sortParam === 'name' ? 'name' : 'updated';
  const orderParam = params.get('order');
  const order: SortOrder =
    orderParam === 'asc' || orderParam === 'desc' ? orderParam : defaultOrder[sort];
  const statusParam = params.get('status');
  const status = (STATUS_FILTERS as readonly string[]).includes(statusParam ?? '')
    ? (statusParam as StatusFilter)
    : null;
  return { sort, order, q: params.get('q') ?? '', status };
}

/** Writes the view into the URL, leaving defaults out so links stay short. */
export function applyViewToSearchParams(
  params: URLSearchParams,
  view: TagListView,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (k: string, v: string | null) => (v ? next.set(k, v) : next.delete(k));
  set('sort', view.sort === 'updated' ? null : view.sort);
  set('order', view.order === defaultOrder[view.sort] ? null : view.order);
  set('q', view.q.trim() ? view.q : null);
  set('status', view.status);
  return next;
}

export function apiSort(view: Pick<TagListView, 'sort' | 'order'>): TagListSort {
  const sortBy: TagSortBy = view.sort === 'name' ? 'tag' : 'updatedAt';
  return { sortBy, sortOrder: view.order };
}

export interface TagRow {
  tag: Tag;
  /** Which loaded page holds it: the live refresh re-reads that page. */
  page: number;
  pinned: boolean;
}

/**
 * One row per tag name, pinned tags (latest) first. The API already puts them first on the
 * first page; this keeps them there even if a later page repeats one.
 */
export function flattenPages(pages: readonly TagListPage[]): TagRow[] {
  const seen = new Set<string>();
  const pinned: TagRow[] = [];
  const rest: TagRow[] = [];
  pages.forEach((page, pageIndex) => {
    for (const tag of page.tags) {
      if (seen.has(tag.tag)) continue;
      seen.add(tag.tag);
      const isPinned = PINNED_TAGS.has(tag.tag);
      (isPinned ? pinned : rest).push({ tag, page: pageIndex, pinned: isPinned });
    }
  });
  return pinned.concat(rest);
}

export function matchesStatus(tag: Tag, status: StatusFilter | null): boolean {
  if (!status) return true;
  if (status === 'index') return tag.status === null;
  return tag.status === status;
}

export function filterRows(
  rows: readonly TagRow[],
  view: Pick<TagListView, 'q' | 'status'>,
): TagRow[] {
  const q = view.q.trim().toLowerCase();
  if (!q && !view.status) return rows as TagRow[];
  return rows.filter(
    (r) =>
      matchesStatus(r.tag, view.status) &&
      (!q ||
        r.tag.tag.toLowerCase().includes(q) ||
        r.tag.manifestDigest.toLowerCase().includes(q) ||
        r.tag.imageId.toLowerCase().includes(q)),
  );
}

/**
 * Folds fresh copies of tags into the loaded list in place (the row keeps its position even
 * when a new updatedAt would sort it elsewhere, so nothing jumps under the reader). Returns
 * the same object when nothing changed, so React Query does not re-render for nothing.
 */
export function mergeFreshTags(data: TagListData, fresh: readonly Tag[]): TagListData {
  if (fresh.length === 0) return data;
  const byName = new Map(fresh.map((t) => [t.tag, t]));
  let changed = false;
  const pages = data.pages.map((page) => {
    let pageChanged = false;
    const tags = page.tags.map((t) => {
      const f = byName.get(t.tag);
      if (!f || sameTag(f, t)) return t;
      pageChanged = true;
      return f;
    });
    if (!pageChanged) return page;
    changed = true;
    return { ...page, tags };
  });
  return changed ? { ...data, pages } : data;
}

function sameTag(a: Tag, b: Tag): boolean {
  return (
    a.status === b.status &&
    a.updatedAt === b.updatedAt &&
    a.manifestDigest === b.manifestDigest &&
    a.sizeInBytes === b.sizeInBytes &&
    a.imageId === b.imageId
  );
}

export type LiveTarget = { kind: 'page'; page: number } | { kind: 'tag'; tag: string };

/**
 * What the next live tick re-reads: the one request that covers most of the preparing rows
 * in view. A row that left its page (its new updatedAt sorts it elsewhere) is read on its own.
 * `round` rotates between candidates so no row waits forever.
 */
export function chooseLiveTarget(
  visiblePreparing: readonly TagRow[],
  strayed: ReadonlySet<string>,
  round: number,
): LiveTarget | null {
  if (visiblePreparing.length === 0) return null;
  const strays = visiblePreparing.filter((r) => strayed.has(r.tag.tag));
  const counts = new Map<number, number>();
  for (const r of visiblePreparing) {
    if (strayed.has(r.tag.tag)) continue;
    counts.set(r.page, (counts.get(r.page) ?? 0) + 1);
  }
  const pages = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([p]) => p);
  const candidates: LiveTarget[] = [
    ...pages.map((page) => ({ kind: 'page' as const, page })),
    ...strays.map((r) => ({ kind: 'tag' as const, tag: r.tag.tag })),
  ];
  return candidates[round % candidates.length] ?? null;
}
