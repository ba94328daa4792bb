// A tag deep link's one request, started before React's first render: on a slow phone the
// first render and its effects take a few hundred ms, which the request can spend on the
// network instead. The page's own query (useTagWatch) then finds it in flight and waits for
// it rather than asking again. Anything that is not a valid tag link is left to the page.
import { hashKey, type QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router-dom';
import { assertRepositoryName } from '../../api/get-repository';
import { assertTagName, tagQueryOptions } from '../../api/get-tag';
import { requireScope, scopeFromSearchParams } from '../../api/scope';

/** The route of the tag detail page (src/app/router.tsx). */
export const TAG_DETAIL_ROUTE = '/repositories/:repo/tags/:tag';

// Keys whose first answer is the early request's. When that answer is a failure that came
// before the page mounted (a slow first render), react-query would ask again on mount: a
// second request that could turn a 401 or a 429's Retry-After into a success by chance.
const earlyKeys = new Set<string>();

/** Whether the early request answers this query's first mount (until the page has mounted). */
export function isEarlyDeepLinkQuery(queryHash: string): boolean {
  return earlyKeys.has(queryHash);
}

/** The page has mounted: later mounts of this key ask afresh as usual. */
export function forgetEarlyDeepLinkQuery(queryHash: string): void {
  earlyKeys.delete(queryHash);
}

/**
 * The server rendered this query's answer into the page (server/ssr): like the early request,
 * it is this mount's answer, so the page neither refreshes it at once nor retries its failure.
 */
export function adoptServerAnswer(queryHash: string): void {
  earlyKeys.add(queryHash);
}

/** Starts the tag request of a deep link; true when it did. */
export function startDeepLinkFetch(
  client: QueryClient,
  location: { pathname: string; search: string },
): boolean {
  // Valid repository and tag names need no escapes; anything escaped is the page's to judge.
  if (location.pathname.includes('%')) return false;
  const match = matchPath(TAG_DETAIL_ROUTE, location.pathname);
  if (!match) return false;
  const repo = match.params.repo ?? '';
  const tag = match.params.tag ?? '';
  const scope = scopeFromSearchParams(new URLSearchParams(location.search));
  try {
    requireScope(scope);
    assertRepositoryName(repo);
    assertTagName(tag);
  } catch {
    return false;
  }
  // Errors are the page's to show: the query keeps them, and its retries are the client's.
  const options = tagQueryOptions(scope, repo, tag);
  earlyKeys.add(hashKey(options.queryKey));
  void client.prefetchQuery(options);
  return true;
}
