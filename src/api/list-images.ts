// GET /v1/vcr/repository/{idOrName}/images: a repository's images, optionally only the
// untagged ones.
import { infiniteQueryOptions } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { isImageDeleting } from './pending-deletions';
import { assertRepositoryName } from './get-repository';
import { vcrKeys } from './query-keys';
import { imageListResponseSchema } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export const IMAGES_PAGE_SIZE = 100;

/** One page of a repository's images (also used to walk them, e.g. to find a short digest). */
export function fetchImagesPage(
  scope: Scope,
  repo: string,
  untagged: boolean,
  cursor?: string,
  signal?: AbortSignal,
) {
  assertRepositoryName(repo);
  const page = apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/images`, {
    schema: imageListResponseSchema,
    query: {
      ...scopeToQuery(requireScope(scope)),
      limit: IMAGES_PAGE_SIZE,
      untagged: untagged ? 'true' : undefined,
      cursor,
    },
    signal,
  });
  // Deleted a moment ago: the API may list it until the background removal is done.
  return page.then((p) => ({
    ...p,
    images: p.images.filter((i) => !isImageDeleting(scope, repo, i.id)),
  }));
}

export function imageListInfiniteQueryOptions(scope: Scope, repo: string, untagged: boolean) {
  return infiniteQueryOptions({
    queryKey: [...vcrKeys.images(scope, repo), 'list', untagged ? 'untagged' : 'all'] as const,
    queryFn: ({ pageParam, signal }) => fetchImagesPage(scope, repo, untagged, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
