// A repository's tags: sorted on the server, paged as the reader scrolls, virtualized so
// 10,000 tags keep ~50 rows in the DOM, with preparing rows kept live.
import { useInfiniteQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
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
import { repositoriesPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { filterRows, flattenPages } from './tag-list-logic';
import { TagListFooter, TagListKeyHint } from './tag-list-footer';
import { TagListHeader } from './tag-list-header';
import { NoTagsYet, TagListSkeleton } from './tag-list-placeholders';
import { TagListToolbar } from './tag-list-toolbar';
import { TagTable } from './tag-table';
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
        <NoTagsYet scope={scope} repo={repo} />
      ) : (
        <TagTable
          scrollRef={scrollRef}
          scope={scope}
          repo={repo}
          rows={rows}
          items={items}
          paddingTop={paddingTop}
          paddingBottom={paddingBottom}
          activeIndex={activeIndex}
          justReady={live.justReady}
          onFocusRow={onFocusRow}
          onKeyDown={onTableKeyDown}
          prefetch={prefetch}
        >
          <TagListFooter
            scope={scope}
            matching={rows.length}
            loaded={allRows.length}
            hasNextPage={hasNextPage}
            isFetchingNextPage={isFetchingNextPage}
            nextPageFailure={query.isFetchNextPageError ? { error: query.error } : null}
            onRetry={() => void fetchNextPage()}
            onClearFilter={clearFilter}
          />
        </TagTable>
      )}
      {!query.isPending && allRows.length > 0 ? <TagListKeyHint /> : null}
    </section>
  );
}
