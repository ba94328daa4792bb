// Filter, status and sort for the tag list, and how many tags they leave. The filter only
// searches tags already loaded (the API cannot), and the count says so.
import type { KeyboardEvent, RefObject } from 'react';
import { STATUS_FILTERS, type StatusFilter, type TagListView } from './tag-list-logic';

const STATUS_LABELS: Record<StatusFilter, string> = {
  preparing: 'Preparing',
  ready: 'Ready',
  unoptimized: 'Ready (unoptimized)',
  index: 'Multi-platform index',
};

const SORT_OPTIONS = [
  { value: 'updated:desc', label: 'Recently updated first' },
  { value: 'updated:asc', label: 'Least recently updated first' },
  { value: 'name:asc', label: 'Name, A to Z' },
  { value: 'name:desc', label: 'Name, Z to A' },
] as const;

export interface TagListToolbarProps {
  filterRef: RefObject<HTMLInputElement | null>;
  q: string;
  view: TagListView;
  onQueryChange: (q: string) => void;
  onViewChange: (patch: Partial<TagListView>) => void;
  onFilterKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  loading: boolean;
  /** Loaded rows the filter leaves. */
  matching: number;
  loaded: number;
  hasNextPage: boolean;
}

export function TagListToolbar({
  filterRef,
  q,
  view,
  onQueryChange,
  onViewChange,
  onFilterKeyDown,
  loading,
  matching,
  loaded,
  hasNextPage,
}: TagListToolbarProps) {
  const filtered = q.trim() !== '' || view.status !== null;
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter tags">
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted-fg">
          Filter loaded tags{' '}
          <kbd className="rounded border border-border px-1 font-mono text-xs">/</kbd>
        </span>
        <input
          ref={filterRef}
          type="search"
          value={q}
          onChange={(e) => onQueryChange(e.target.value)}
          onKeyDown={onFilterKeyDown}
          placeholder="tag, digest or image id"
          className="h-9 w-64 rounded-md border border-border bg-bg px-2 text-fg"
        />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted-fg">Status</span>
        <select
          value={view.status ?? ''}
          onChange={(e) =>
            onViewChange({ status: (e.target.value || null) as StatusFilter | null })
          }
          className="h-9 rounded-md border border-border bg-bg px-2 text-fg"
        >
          <option value="">Any status</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-sm">
        <span className="text-muted-fg">Sort</span>
        <select
          value={`${view.sort}:${view.order}`}
          onChange={(e) => {
            const [s, o] = e.target.value.split(':') as [TagListView['sort'], TagListView['order']];
            onViewChange({ sort: s, order: o });
          }}
          className="h-9 rounded-md border border-border bg-bg px-2 text-fg"
        >
          {SORT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <p className="pb-2 text-sm text-muted-fg" aria-live="polite" data-testid="tag-count">
        {loading
          ? 'Loading tags…'
          : filtered
            ? `${matching} of ${loaded} loaded tags match${hasNextPage ? ', searching further' : ''}`
            : `${loaded} tags${hasNextPage ? ' loaded, more as you scroll' : ''}`}
      </p>
    </div>
  );
}
