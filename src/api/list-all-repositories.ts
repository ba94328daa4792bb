// GET /v1/vcr/repository at the API's largest page (1,000): a project's whole repository
// list, usually in one request, for pages that watch every repository at once (Recent
// pushes, the repositories page's live counts). Each repository carries `updatedAt`, which
// tells a watcher which repositories changed since it last looked.
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { vcrKeys } from './query-keys';
import { repositoryListResponseSchema, type Repository } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

/** The API's maximum: 1,000 repositories (a Pro project's limit) in one round trip. */
export const ALL_REPOSITORIES_PAGE_SIZE = 1000;
// A project holds at most 5,000 (Enterprise); past that something is wrong: stop.
const MAX_PAGES = 10;

export async function fetchAllRepositories(
  scope: Scope,
  signal?: AbortSignal,
): Promise<Repository[]> {
  const all: Repository[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await apiFetch('/v1/vcr/repository', {
      schema: repositoryListResponseSchema,
      query: { ...scopeToQuery(requireScope(scope)), limit: ALL_REPOSITORIES_PAGE_SIZE, cursor },
      signal,
    });
    all.push(...res.repositories);
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return all;
}

export function allRepositoriesQueryOptions(scope: Scope) {
  return queryOptions({
    queryKey: [...vcrKeys.repositories(scope), 'all'] as const,
    queryFn: ({ signal }) => fetchAllRepositories(scope, signal),
  });
}
