// Every image of a repository, read page by page (100 a request) so the panel can count
// storage. A repository with thousands of images must not hang the page: pages are read one
// after another in the background with the count shown as it grows, and reading stops at a
// cap the user can lift ("keep counting").
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { imageListInfiniteQueryOptions } from '../../api/list-images';
import type { Scope } from '../../api/scope';

/** 50 requests: a Pro repository at its 10,000-image limit needs two rounds. */
export const IMAGE_COUNT_STEP = 5_000;

export function useAllImages(scope: Scope, repo: string, enabled = true) {
  const [cap, setCap] = useState(IMAGE_COUNT_STEP);
  const query = useInfiniteQuery({
    ...imageListInfiniteQueryOptions(scope, repo, false),
    enabled,
    // Refetching an infinite query re-reads every page: not on every focus.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage, isFetchNextPageError } = query;
  const images = useMemo(() => data?.pages.flatMap((p) => p.images) ?? [], [data]);
  const counted = images.length;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError && counted < cap) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, isFetchNextPageError, counted, cap, fetchNextPage]);

  const complete = !!data && !hasNextPage;
  return {
    query,
    images,
    counted,
    complete,
    /** Stopped at the cap with more pages left. */
    capped: !!data && !!hasNextPage && counted >= cap && !isFetchingNextPage,
    counting:
      (enabled && query.isPending) || (!!hasNextPage && counted < cap && !isFetchNextPageError),
    keepCounting: () => setCap((c) => c + IMAGE_COUNT_STEP),
  };
}
