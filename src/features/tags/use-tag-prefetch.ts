// The list already holds everything the tag page shows first. Opening a tag seeds its detail
// query from the row (so the page renders with no request), marked stale so the page
// refreshes it in the background; hovering or focusing a row prefetches it.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import { tagQueryKey, tagQueryOptions } from '../../api/get-tag';
import type { Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';

/** Hover intent: a pointer passing over rows while scrolling must not fire requests. */
export const PREFETCH_DELAY_MS = 150;

export interface TagPrefetch {
  schedule: (tag: Tag) => void;
  cancel: () => void;
  seed: (tag: Tag) => void;
}

export function seedTagDetail(
  queryClient: QueryClient,
  scope: Scope,
  repo: string,
  tag: Tag,
): void {
  const queryKey = tagQueryKey(scope, repo, tag.tag);
  const state = queryClient.getQueryState<Tag>(queryKey);
  // Never replace a copy the detail page read itself unless the row is newer (a live update).
  const cached = state?.data;
  if (
    cached &&
    state.dataUpdatedAt > 0 &&
    Date.parse(cached.updatedAt) >= Date.parse(tag.updatedAt)
  ) {
    return;
  }
  // updatedAt 0: usable at once, but stale, so the detail page re-reads it in the background.
  queryClient.setQueryData<Tag>(queryKey, tag, { updatedAt: 0 });
}

export function useTagPrefetch(scope: Scope, repo: string): TagPrefetch {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useMemo(() => {
    const seed = (tag: Tag) => seedTagDetail(queryClient, scope, repo, tag);
    return {
      seed,
      cancel: () => clearTimeout(timer.current),
      schedule: (tag: Tag) => {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => {
          seed(tag);
          void queryClient.prefetchQuery(tagQueryOptions(scope, repo, tag.tag));
        }, PREFETCH_DELAY_MS);
      },
    };
  }, [queryClient, scope, repo]);
}
