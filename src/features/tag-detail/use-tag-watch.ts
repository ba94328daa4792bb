// The tag query, watched: polls while preparing (slower in a hidden tab, at once when shown
// again), stops when terminal, and keeps trying slowly through transient failures so the
// page heals by itself. react-query never runs two fetches of one query at once, so polls
// cannot overlap.
import { hashKey, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { tagQueryOptions } from '../../api/get-tag';
import type { Scope } from '../../api/scope';
import { retryDelay, shouldRetry } from '../../lib/retry-policy';
import { useDocumentVisible } from '../../lib/use-document-visible';
import { forgetEarlyDeepLinkQuery, isEarlyDeepLinkQuery } from './start-deep-link-fetch';
import { isPreparing, pollInterval } from './watch-policy';

export function useTagWatch(scope: Scope | null, repo: string, tag: string, enabled: boolean) {
  const visible = useDocumentVisible();
  const options = tagQueryOptions(scope, repo, tag);
  // A deep link's early request is this mount's answer, even a failure that came first.
  const queryHash = hashKey(options.queryKey);
  const [earlyHash] = useState(() => (isEarlyDeepLinkQuery(queryHash) ? queryHash : undefined));
  useEffect(() => {
    if (earlyHash) forgetEarlyDeepLinkQuery(earlyHash);
  }, [earlyHash]);
  const isEarlyAnswer = earlyHash === queryHash;
  const query = useQuery({
    ...options,
    enabled,
    retryOnMount: !isEarlyAnswer,
    // A detail page opened from a list renders the cached row at once, then refreshes.
    staleTime: 0,
    refetchInterval: (q) => pollInterval({ data: q.state.data, error: q.state.error, visible }),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: (q) =>
      isPreparing(q.state.data) || q.state.status === 'error' ? 'always' : true,
    // Without a copy in the cache the request starts with the first render. With one (opened
    // from a list) the copy is shown first and refreshed one task later, below.
    refetchOnMount: (q) => q.state.data === undefined,
  });

  const { refetch } = query;
  const hasCachedCopy = query.data !== undefined && query.fetchStatus === 'idle';
  useEffect(() => {
    // The deep link's early answer is fresh, not a copy from a list to be refreshed.
    if (!enabled || !hasCachedCopy || isEarlyAnswer) return;
    const id = setTimeout(() => void refetch({ cancelRefetch: false }), 0);
    return () => clearTimeout(id);
    // Once per tag: later changes of the copy are the refresh's own doing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, repo, tag, scope?.projectId, scope?.teamId, scope?.slug]);

  // When the current failure happened, for the countdown to the next attempt.
  const [failedAt, setFailedAt] = useState<number | undefined>(undefined);
  const failureMark = query.failureCount > 0 ? `${query.failureCount}:${query.errorUpdatedAt}` : '';
  useEffect(() => {
    setFailedAt(failureMark ? Date.now() : undefined);
  }, [failureMark]);

  let retryAt: number | undefined;
  let retrying = false;
  const reason = query.failureReason;
  if (query.fetchStatus === 'fetching' && reason && query.failureCount > 0) {
    // Between automatic retries of one fetch.
    retrying = shouldRetry(query.failureCount - 1, reason);
    if (retrying && failedAt !== undefined)
      retryAt = failedAt + retryDelay(query.failureCount - 1, reason);
  } else if (query.status === 'error') {
    // Retries exhausted: the slow poll is the next attempt.
    const next = pollInterval({ data: query.data, error: query.error, visible });
    if (next !== false) {
      retrying = true;
      retryAt = query.errorUpdatedAt + next;
    }
  }

  return { query, visible, retrying, retryAt };
}
