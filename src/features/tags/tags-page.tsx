// A repository's tags: sorted on the server, paged as the reader scrolls, virtualized so
// 10,000 tags keep ~50 rows in the DOM, with preparing rows kept live.
import { useInfiniteQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { invalidRepositoryNameError } from '../../api/get-repository';
import { tagListInfiniteQueryOptions } from '../../api/list-tags';
import { isValidRepositoryName } from '../../api/schemas';
import {
  missingProjectIdError,
  scopeFromSearchParams,
  scopeKey,
  type Scope,
} from '../../api/scope';
import { ErrorPanel } from '../../components/error-panel';
import { ColumnHeaders } from '../../components/column-headers';
import { imagesPath, repositoriesPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { filterRows, flattenPages } from './tag-list-logic';
import { TagListHeader } from './tag-list-header';
import { EmptyState, TagListSkeleton } from './tag-list-placeholders';
import { TagListToolbar } from './tag-list-toolbar';
import { TagRowView } from './tag-row';
import { useLivePreparingRows } from './use-live-preparing-rows';
import { useTagListKeyboard } from './use-tag-list-keyboard';
import { useTagListUrlState } from './use-tag-list-url-state';
import { useTagPrefetch } from './use-tag-prefetch';
import { useVirtualTagRows } from './use-virtual-tag-rows';
import { RepositoryErrorPanel } from '../repositories/repository-error-panel';
import { RepositoryAccessPanel } from '../writes/repository-access-panel';

// Counting storage reads every image page and draws charts: its own chunk, loaded after the list.
const StoragePanel = lazy(() =>
  import('../storage/storage-panel').then((m) => ({ default: m.StoragePanel })),
);

export function TagsPage() {
  const { repo = '' } = useParams();
  const [params] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  useDocumentTitle(`${repo} · tags`);

  if (!scope) {
    return (
      <ErrorPanel
        error={missingProjectIdError()}
        backLink={{ to: '/', label: 'Choose a project' }}
      />
    );
  }
  if (!isValidRepositoryName(repo)) {
    return (
      <ErrorPanel
        error={invalidRepositoryNameError(repo)}
        backLink={{ to: repositoriesPath(scope), label: 'All repositories' }}
      />
    );
  }
  const key = `${scopeKey(scope).join('/')}/${repo}`;
  return (
    <div className="space-y-6">
      <TagList key={key} scope={scope} repo={repo} />
      {/* Below the list: the tags are what most visits are for. */}
      <Suspense fallback={null}>
        <StoragePanel key={key} scope={scope} repo={repo} />
      </Suspense>
      <RepositoryAccessPanel scope={scope} repo={repo} />
    </div>
  );
}

function TagList({ scope: scopeProp, repo }: { scope: Scope; repo: string }) {
  // The parent remounts this list for another scope, so the first scope object stays valid
  // and memoized rows do not re-render on every URL change.
  const [scope] = useState(scopeProp);
  const { view, sort, q, setQuery, setView, clearFilter } = useTagListUrlState();
  const query = useInfiniteQuery(tagListInfiniteQueryOptions(scope, repo, sort));
  const { data, hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  const allRows = useMemo(() => flattenPages(data?.pages ?? []), [data]);
  const rows = useMemo(
    () => filterRows(allRows, { q, status: view.status }),
    [allRows, q, view.status],
  );

  const { scrollRef, virtualizer, items, paddingTop, paddingBottom, visiblePreparing } =
    useVirtualTagRows({ scope, repo, sort, rows, paging: query });
  const live = useLivePreparingRows(scope, repo, sort, visiblePreparing);
  const prefetch = useTagPrefetch(scope, repo);

  const { filterRef, activeIndex, onFocusRow, onTableKeyDown, onFilterKeyDown } =
    useTagListKeyboard({ rowCount: rows.length, virtualizer, scrollRef });

  return (
    <section aria-labelledby="tags-title" className="space-y-4">
      <TagListHeader scope={scope} repo={repo} />
      <TagListToolbar
        filterRef={filterRef}
        q={q}
        view={view}
        onQueryChange={setQuery}
        onViewChange={setView}
        onFilterKeyDown={onFilterKeyDown}
        loading={query.isPending}
        matching={rows.length}
        loaded={allRows.length}
        hasNextPage={hasNextPage}
      />

      <p className="sr-only" role="status" aria-live="polite">
        {live.announcement}
      </p>

      {query.isPending ? (
        <TagListSkeleton />
      ) : query.isError && !data ? (
        <RepositoryErrorPanel
          error={query.error}
          scope={scope}
          repo={repo}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      ) : allRows.length === 0 ? (
        <EmptyState>
          This repository has no tags yet. Push one with{' '}
          <code className="font-mono">
            docker push vcr.vercel.com/&lt;team&gt;/&lt;project&gt;/{repo}:&lt;tag&gt;
          </code>
          , or look at its{' '}
          <Link to={imagesPath(scope, repo, true)} className="underline">
            untagged images
          </Link>
          .
        </EmptyState>
      ) : (
        <div
          ref={scrollRef}
          className="max-h-[max(24rem,calc(100vh-17rem))] overflow-auto rounded-lg border border-border"
          data-testid="tag-scroll"
        >
          <table
            className="w-full table-fixed border-collapse text-sm"
            aria-label={`Tags of ${repo}`}
            aria-rowcount={rows.length + 1}
          >
            <colgroup>
              <col className="w-[26%]" />
              <col className="w-[15%]" />
              <col className="w-[9%]" />
              <col className="w-[11%]" />
              <col className="w-[8%]" />
              <col className="w-[19%]" />
              <col className="w-[12%]" />
            </colgroup>
            <thead className="sticky top-0 z-10 bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
              <tr aria-rowindex={1}>
                <ColumnHeaders
                  columns={[
                    { label: 'Tag' },
                    { label: 'Status' },
                    { label: 'Kind' },
                    { label: 'Platform' },
                    { label: 'Size', numeric: true },
                    { label: 'Digest' },
                    { label: 'Updated' },
                  ]}
                />
              </tr>
            </thead>
            <tbody onKeyDown={onTableKeyDown}>
              {paddingTop > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={7} style={{ height: paddingTop, padding: 0 }} />
                </tr>
              ) : null}
              {items.map((vi) => {
                const row = rows[vi.index]!;
                return (
                  <TagRowView
                    key={row.tag.tag}
                    index={vi.index}
                    row={row}
                    scope={scope}
                    repo={repo}
                    active={vi.index === activeIndex}
                    justReady={live.justReady.has(row.tag.tag)}
                    onFocusRow={onFocusRow}
                    prefetch={prefetch}
                  />
                );
              })}
              {paddingBottom > 0 ? (
                <tr aria-hidden="true">
                  <td colSpan={7} style={{ height: paddingBottom, padding: 0 }} />
                </tr>
              ) : null}
            </tbody>
          </table>
          {rows.length === 0 ? (
            <p className="p-6 text-center text-sm text-muted-fg">
              {hasNextPage
                ? 'No loaded tag matches yet; reading more…'
                : 'No tag matches this filter.'}{' '}
              <button type="button" className="underline" onClick={clearFilter}>
                Clear the filter
              </button>
            </p>
          ) : null}
          {query.isFetchNextPageError ? (
            <div className="p-3">
              <ErrorPanel error={query.error} scope={scope} onRetry={() => void fetchNextPage()} />
            </div>
          ) : isFetchingNextPage ? (
            <p className="p-3 text-center text-sm text-muted-fg">Loading more tags…</p>
          ) : !hasNextPage && rows.length > 0 ? (
            <p className="p-3 text-center text-sm text-muted-fg" data-testid="end-of-list">
              End of the list: {allRows.length} tags.
            </p>
          ) : null}
        </div>
      )}
      {!query.isPending && allRows.length > 0 ? (
        <p className="text-xs text-muted-fg">
          Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens,{' '}
          <kbd>/</kbd> filters. Preparing rows in view update every 2 s.
        </p>
      ) : null}
    </section>
  );
}
