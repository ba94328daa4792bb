// GET /v1/vcr/repository/{idOrName}/tags: one repository's tags, sorted on the server and
// cursor paged. The list page loads pages as the user scrolls.
import { infiniteQueryOptions, type InfiniteData } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { isImageDeleting } from './pending-deletions';
import { assertRepositoryName } from './get-repository';
import { vcrKeys } from './query-keys';
import { tagListResponseSchema, type Tag } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export type TagSortBy = 'updatedAt' | 'tag';
export type SortOrder = 'asc' | 'desc';
export interface TagListSort {
  sortBy: TagSortBy;
  sortOrder: SortOrder;
}
export interface TagListPage {
  tags: Tag[];
  nextCursor?: string | undefined;
}
export type TagListData = InfiniteData<TagListPage, string | undefined>;

// The API's maximum: fewer round trips while paging through thousands of tags.
export const TAGS_PAGE_SIZE = 100;

export function fetchTagPage(
  scope: Scope,
  repo: string,
  sort: TagListSort,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<TagListPage> {
  assertRepositoryName(repo);
  const page = apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/tags`, {
    schema: tagListResponseSchema,
    query: {
      ...scopeToQuery(requireScope(scope)),
      limit: TAGS_PAGE_SIZE,
      sortBy: sort.sortBy,
      sortOrder: sort.sortOrder,
      cursor,
    },
    signal,
  });
  // A tag whose image is being deleted goes with it, though the API may still list it.
  return page.then((p) => ({
    ...p,
    tags: p.tags.filter((t) => !isImageDeleting(scope, repo, t.imageId)),
  }));
}

export function tagListQueryKey(scope: Scope, repo: string, sort: TagListSort) {
  return [...vcrKeys.tags(scope, repo), 'list', sort.sortBy, sort.sortOrder] as const;
}

export function tagListInfiniteQueryOptions(scope: Scope, repo: string, sort: TagListSort) {
  return infiniteQueryOptions({
    queryKey: tagListQueryKey(scope, repo, sort),
    queryFn: ({ pageParam, signal }) => fetchTagPage(scope, repo, sort, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: TagListPage) => last.nextCursor,
    // Refetching an infinite list re-reads every loaded page in turn (100 requests at
    // 10,000 tags), so the list is refreshed deliberately: preparing rows live, the rest on
    // a remount after a minute.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
