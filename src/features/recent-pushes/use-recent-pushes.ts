// Every push of a project inside a window, kept current at a bounded cost: the repository
// list is read each interval (it carries `updatedAt`), and tags are listed only of the
// repositories updated inside the window, again at once when their `updatedAt` moves (it is
// part of the query key), each interval while they hold a preparing tag, and otherwise at
// most once a minute. A hidden tab slows down as the tag page does and catches up when shown.
import { useQueries, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { isApiError } from '../../api/api-error';
import { allRepositoriesQueryOptions } from '../../api/list-all-repositories';
import { recentTagsQueryOptions } from '../../api/list-recent-tags';
import type { Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { useDocumentVisible } from '../../lib/use-document-visible';
import { HIDDEN_POLL_MS } from '../tag-detail/watch-policy';
import { activeRepositories, groupPushes, type PushRow } from './recent-pushes-logic';

/** The live pace of the page (the repository list and preparing repositories). */
export const PUSHES_POLL_MS = 5000;
/** A hidden tab slows down to the tag page's own hidden pace. */
export const PUSHES_HIDDEN_POLL_MS = HIDDEN_POLL_MS;
/** Repositories with nothing preparing and no new push are read again at most this often. */
export const SWEEP_MS = 60_000;

export type RepositoryFaultKind = 'gone' | 'forbidden' | 'rate-limited' | 'failed';

export interface RepositoryFault {
  repository: string;
  kind: RepositoryFaultKind;
  message: string;
  /** When the next attempt happens (epoch ms), for a countdown. */
  retryAt?: number | undefined;
}

export function faultOf(repository: string, error: unknown, failedAt: number): RepositoryFault {
  if (isApiError(error)) {
    if (error.status === 404 || error.status === 410)
      return {
        repository,
        kind: 'gone',
        message: `Repository ${repository} is gone: it was deleted while this page watched it.`,
      };
    if (error.status === 403)
      return {
        repository,
        kind: 'forbidden',
        message: `This token may not read repository ${repository} (403): its pushes are not shown.`,
      };
    if (error.status === 429)
      return {
        repository,
        kind: 'rate-limited',
        message: `The API asked to slow down (429) for ${repository}.`,
        retryAt: failedAt + Math.max(error.retryAfterMs ?? 0, 1000),
      };
  }
  return {
    repository,
    kind: 'failed',
    message: `Could not read ${repository}: ${error instanceof Error ? error.message : String(error)}`,
    retryAt: failedAt + PUSHES_POLL_MS,
  };
}

/**
 * Milliseconds to the next multiple of `pace` on the wall clock. Every viewer of a project
 * then asks at the same moments, so the dashboard server's proxy answers them all with one
 * upstream call (it shares an answer between identical requests for a second).
 */
export function untilNextBeat(pace: number, now = Date.now()): number {
  return pace - (now % pace);
}

const hasPreparing = (tags: readonly Tag[] | undefined) =>
  tags?.some((t) => t.status === 'preparing') ?? false;

/** The next read of one repository's recent tags: a pure function of its query state. */
export function recentTagsInterval(
  data: readonly Tag[] | undefined,
  error: unknown,
  visible: boolean,
  now = Date.now(),
): number | false {
  const pace = visible ? PUSHES_POLL_MS : PUSHES_HIDDEN_POLL_MS;
  if (error) {
    if (!isApiError(error) || !error.isTransient) return false; // a 403/404 will not heal
    return Math.max(pace, error.retryAfterMs ?? 0);
  }
  return untilNextBeat(hasPreparing(data) ? pace : SWEEP_MS, now);
}

export function useRecentPushes(scope: Scope, windowMs: number) {
  const visible = useDocumentVisible();
  const pace = visible ? PUSHES_POLL_MS : PUSHES_HIDDEN_POLL_MS;
  const repositories = useQuery({
    ...allRepositoriesQueryOptions(scope),
    staleTime: 0,
    refetchInterval: () => untilNextBeat(pace),
    refetchIntervalInBackground: true,
  });
  // The window is counted from the list's answer, so one answer gives one set of rows.
  const sinceMs = (repositories.dataUpdatedAt || Date.now()) - windowMs;
  const active = activeRepositories(repositories.data ?? [], sinceMs);

  const tagQueries = useQueries({
    queries: active.map((r) => ({
      ...recentTagsQueryOptions(scope, r.name, windowMs, r.updatedAt),
      staleTime: SWEEP_MS,
      // A fault shows on its row at once; the interval below is the next attempt.
      retry: false,
      refetchInterval: (q: { state: { data?: Tag[]; error: unknown } }) =>
        recentTagsInterval(q.state.data, q.state.error, visible),
      refetchIntervalInBackground: true,
    })),
  });

  // A moved `updatedAt` is a new query: until it answers, the repository's last answer stands,
  // so rows never blink out.
  const lastGood = useRef(new Map<string, Tag[]>());
  // Repositories that had rows: one that leaves the list is reported gone, not dropped silently.
  const watched = useRef(new Set<string>());

  const lists: { repository: string; tags: Tag[] }[] = [];
  const faults: RepositoryFault[] = [];
  active.forEach((r, i) => {
    const q = tagQueries[i]!;
    if (q.data) lastGood.current.set(r.name, q.data);
    const tags = q.data ?? lastGood.current.get(r.name);
    if (q.error && !q.isFetching) faults.push(faultOf(r.name, q.error, q.errorUpdatedAt));
    else if (tags) lists.push({ repository: r.name, tags });
    if (tags?.length) watched.current.add(r.name);
  });
  if (repositories.data) {
    const present = new Set(repositories.data.map((r) => r.name));
    for (const name of watched.current) {
      if (!present.has(name) && !faults.some((f) => f.repository === name))
        faults.push({
          repository: name,
          kind: 'gone',
          message: `Repository ${name} is gone: it was deleted while this page watched it.`,
        });
    }
  }
  const rows: PushRow[] = groupPushes(lists, sinceMs);
  const loadingTags = tagQueries.some((q) => q.isPending && q.fetchStatus === 'fetching');
  return {
    repositories,
    rows,
    faults,
    sinceMs,
    loading: repositories.isPending || (rows.length === 0 && loadingTags),
    visible,
  };
}
