// How many tags are preparing in each repository, live, for the repositories page. Same cost
// rule as Recent pushes, and the same cached queries: the whole list once per interval, and
// tags only of repositories updated in the last day (a push moves `updatedAt`), read again
// when it moves, each interval while something is preparing, else once a minute.
import { useQueries, useQuery } from '@tanstack/react-query';
import { allRepositoriesQueryOptions } from '../../api/list-all-repositories';
import { recentTagsQueryOptions } from '../../api/list-recent-tags';
import type { Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { useDocumentVisible } from '../../lib/use-document-visible';
import { activeRepositories, PUSH_WINDOWS } from './recent-pushes-logic';
import {
  PUSHES_HIDDEN_POLL_MS,
  PUSHES_POLL_MS,
  recentTagsInterval,
  SWEEP_MS,
  untilNextBeat,
} from './use-recent-pushes';

const WINDOW_MS = PUSH_WINDOWS.day.ms;

/** Preparing tags per repository name; a repository absent from the map has none known. */
export function usePreparingCounts(scope: Scope | null): ReadonlyMap<string, number> {
  const visible = useDocumentVisible();
  const repositories = useQuery({
    ...allRepositoriesQueryOptions(scope ?? { projectId: '' }),
    enabled: scope !== null,
    staleTime: 0,
    refetchInterval: () => untilNextBeat(visible ? PUSHES_POLL_MS : PUSHES_HIDDEN_POLL_MS),
    refetchIntervalInBackground: true,
  });
  const sinceMs = (repositories.dataUpdatedAt || Date.now()) - WINDOW_MS;
  const active = scope ? activeRepositories(repositories.data ?? [], sinceMs) : [];
  const tags = useQueries({
    queries: active.map((r) => ({
      ...recentTagsQueryOptions(scope!, r.name, WINDOW_MS, r.updatedAt),
      staleTime: SWEEP_MS,
      retry: false,
      refetchInterval: (q: { state: { data?: Tag[]; error: unknown } }) =>
        recentTagsInterval(q.state.data, q.state.error, visible),
      refetchIntervalInBackground: true,
    })),
  });
  const counts = new Map<string, number>();
  active.forEach((r, i) => {
    const data = tags[i]?.data;
    if (data) counts.set(r.name, data.filter((t) => t.status === 'preparing').length);
  });
  return counts;
}
