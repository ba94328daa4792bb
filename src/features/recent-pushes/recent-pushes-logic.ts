// Recent pushes as pure functions: the view in the URL, the window, and how tags become rows
// (every tag of one image in one repository is one row), so the page stays a thin shell.
import type { Tag } from '../../api/schemas';

export const PUSH_WINDOWS = {
  hour: { ms: 60 * 60_000, label: 'Last hour' },
  day: { ms: 24 * 60 * 60_000, label: 'Last day' },
  week: { ms: 7 * 24 * 60 * 60_000, label: 'Last 7 days' },
} as const;
export type PushWindow = keyof typeof PUSH_WINDOWS;

export const STATUS_FILTERS = {
  all: 'All statuses',
  preparing: 'Preparing',
  ready: 'Ready',
  unoptimized: 'Ready (unoptimized)',
  index: 'Multi-platform index',
} as const;
export type StatusFilter = keyof typeof STATUS_FILTERS;

export interface PushesView {
  window: PushWindow;
  status: StatusFilter;
  /** One repository's pushes only; '' = every repository. */
  repo: string;
}

const DEFAULT_VIEW: PushesView = { window: 'day', status: 'all', repo: '' };

export function viewFromSearchParams(params: URLSearchParams): PushesView {
  const w = params.get('window');
  const s = params.get('status');
  return {
    window: w && w in PUSH_WINDOWS ? (w as PushWindow) : DEFAULT_VIEW.window,
    status: s && s in STATUS_FILTERS ? (s as StatusFilter) : DEFAULT_VIEW.status,
    repo: params.get('repo')?.trim() ?? '',
  };
}

/** The view written into the URL; defaults are left out so shared links stay short. */
export function applyViewToSearchParams(prev: URLSearchParams, view: PushesView) {
  const next = new URLSearchParams(prev);
  for (const key of ['window', 'status', 'repo'] as const) {
    const value = view[key];
    if (value && value !== DEFAULT_VIEW[key]) next.set(key, value);
    else next.delete(key);
  }
  return next;
}

export interface PushRow {
  /** Repository and digest: one image in one repository. */
  key: string;
  repository: string;
  digest: string;
  imageId: string;
  /** Every tag of the window pointing at this image, the most recently moved first. */
  tags: string[];
  kind: string;
  status: string | null;
  platform?: string | undefined;
  arch?: string | undefined;
  sizeInBytes: number;
  pushedBy?: string | undefined;
  /** The latest move of any of its tags. */
  updatedAt: string;
}

export const rowKey = (repository: string, digest: string) => `${repository}@${digest}`;

/** Tags of the window, grouped per (repository, digest), newest first. */
export function groupPushes(
  lists: readonly { repository: string; tags: readonly Tag[] }[],
  sinceMs: number,
): PushRow[] {
  const rows = new Map<string, PushRow>();
  for (const { repository, tags } of lists) {
    const sorted = [...tags].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    for (const t of sorted) {
      if (Date.parse(t.updatedAt) < sinceMs) continue;
      const key = rowKey(repository, t.manifestDigest);
      const row = rows.get(key);
      if (row) {
        row.tags.push(t.tag);
        row.pushedBy ??= t.pushedBy;
        continue;
      }
      rows.set(key, {
        key,
        repository,
        digest: t.manifestDigest,
        imageId: t.imageId,
        tags: [t.tag],
        kind: t.kind,
        status: t.status,
        platform: t.platform,
        arch: t.arch,
        sizeInBytes: t.sizeInBytes,
        pushedBy: t.pushedBy,
        updatedAt: t.updatedAt,
      });
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.updatedAt.localeCompare(a.updatedAt) ||
      a.repository.localeCompare(b.repository) ||
      a.digest.localeCompare(b.digest),
  );
}

/** An index's platform images, as far as the registry and the API have told. */
export interface IndexProgress {
  platforms: number;
  ready: number;
  preparing: number;
  /** Registry names of unoptimized platform children (for the notification). */
  unoptimized: string[];
  loading: boolean;
  /** The registry could not be read: why, in a sentence. */
  error: string | null;
}

/** What a row counts as for the status filter and the watch: an index waits for its children. */
export function effectiveStatus(row: PushRow, progress: IndexProgress | undefined): string | null {
  if (row.kind === 'index') return progress && progress.preparing > 0 ? 'preparing' : null;
  return row.status;
}

export function matchesView(
  row: PushRow,
  view: PushesView,
  progress: IndexProgress | undefined,
): boolean {
  if (view.repo && row.repository !== view.repo) return false;
  if (view.status === 'all') return true;
  if (view.status === 'index') return row.kind === 'index';
  return effectiveStatus(row, progress) === view.status;
}

export function indexSummary(p: IndexProgress | undefined): string {
  if (!p || p.loading) return 'index: reading platforms…';
  if (p.error) return 'index: platforms unavailable';
  return `index: ${p.ready} of ${p.platforms} platform${p.platforms === 1 ? '' : 's'} ready`;
}

/** The repositories whose tags can hold pushes of the window: updated inside it. */
export function activeRepositories<T extends { name: string; updatedAt: string }>(
  repositories: readonly T[],
  sinceMs: number,
): T[] {
  return repositories.filter((r) => Date.parse(r.updatedAt) >= sinceMs);
}
