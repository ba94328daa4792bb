// The foot of a cursor-paged list: a "Load more" button while there is a next page, the
// error (with retry) when fetching it failed, and `end` once the last page is in.
import type { ReactNode } from 'react';
import type { Scope } from '../api/scope';
import { Button } from './button';
import { ErrorPanel } from './error-panel';

export interface PagedQuery {
  error: unknown;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function LoadMore({
  query,
  scope,
  noun,
  end = null,
}: {
  query: PagedQuery;
  scope?: Scope | null;
  /** Plural noun for the button: "Load more repositories". */
  noun: string;
  end?: ReactNode;
}) {
  if (query.isFetchNextPageError) {
    return (
      <ErrorPanel error={query.error} scope={scope} onRetry={() => void query.fetchNextPage()} />
    );
  }
  if (!query.hasNextPage) return <>{end}</>;
  return (
    <Button onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
      {query.isFetchingNextPage ? 'Loading…' : `Load more ${noun}`}
    </Button>
  );
}
