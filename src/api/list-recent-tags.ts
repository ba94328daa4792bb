// GET /v1/vcr/repository/{idOrName}/tags, newest first, only as far back as a window: the
// tags of one repository created or moved since a moment (Recent pushes). Pages are read
// until one ends before the window, so a repository of 10,000 tags with one new push costs
// one request.
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { isImageDeleting } from './pending-deletions';
import { vcrKeys } from './query-keys';
import { tagListResponseSchema, type Tag } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';
import { TAGS_PAGE_SIZE } from './list-tags';

// 2,000 tags moved inside the window is a runaway CI job, not something to page through.
const MAX_PAGES = 20;

export async function fetchRecentTags(
  scope: Scope,
  repo: string,
  sinceMs: number,
  signal?: AbortSignal,
): Promise<Tag[]> {
  assertRepositoryName(repo);
  const recent: Tag[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/tags`, {
      schema: tagListResponseSchema,
      query: {
        ...scopeToQuery(requireScope(scope)),
        limit: TAGS_PAGE_SIZE,
        sortBy: 'updatedAt',
        sortOrder: 'desc',
        cursor,
      },
      signal,
    });
    const inWindow = res.tags.filter(
      (t) => Date.parse(t.updatedAt) >= sinceMs && !isImageDeleting(scope, repo, t.imageId),
    );
    recent.push(...inWindow);
    // Pinned tags (`latest`) come first whatever their age, so the page's last tag says
    // whether older pages can still hold tags of the window.
    const last = res.tags.at(-1);
    cursor = res.nextCursor;
    if (!cursor || !last || Date.parse(last.updatedAt) < sinceMs) break;
  }
  return recent;
}

/**
 * Keyed by the repository's `updatedAt` as the list last said: when it moves (a push), the
 * key is new and the tags are read again at once; while it stays, the answer is reused.
 */
export function recentTagsQueryKey(
  scope: Scope,
  repo: string,
  windowMs: number,
  repositoryUpdatedAt: string,
) {
  return [...vcrKeys.tags(scope, repo), 'recent', windowMs, repositoryUpdatedAt] as const;
}

export function recentTagsQueryOptions(
  scope: Scope,
  repo: string,
  windowMs: number,
  repositoryUpdatedAt: string,
) {
  return queryOptions({
    queryKey: recentTagsQueryKey(scope, repo, windowMs, repositoryUpdatedAt),
    queryFn: ({ signal }) => fetchRecentTags(scope, repo, Date.now() - windowMs, signal),
  });
}
