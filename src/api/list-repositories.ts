// GET /v1/vcr/repository: a project's repositories, cursor paged.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { vcrKeys } from './query-keys';
import { repositoryListResponseSchema } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export const REPOSITORIES_PAGE_SIZE = 50;

/** One page of a project's repositories (also used to walk them all, e.g. to find an image). */
export function fetchRepositoriesPage(scope: Scope, cursor?: string, signal?: AbortSignal) {
  return apiFetch('/v1/vcr/repository', {
    schema: repositoryListResponseSchema,
    query: {
      ...scopeToQuery(requireScope(scope)),
      limit: REPOSITORIES_PAGE_SIZE,
      cursor,
    },
    signal,
  });
}

export function repositoriesInfiniteQueryOptions(scope: Scope) {
  return infiniteQueryOptions({
    queryKey: [...vcrKeys.repositories(scope), 'list'] as const,
    queryFn: ({ pageParam, signal }) => fetchRepositoriesPage(scope, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
