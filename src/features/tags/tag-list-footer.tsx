// What the end of the tag list says: why a filter shows nothing, whether more is coming, and
// where it ends, so a short list is never mistaken for a broken one.
import type { Scope } from '../../api/scope';
import { ErrorPanel } from '../../components/error-panel';

export interface TagListFooterProps {
  scope: Scope;
  /** Loaded rows the filter leaves. */
  matching: number;
  loaded: number;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** Set when reading the next page failed; the loaded rows stay usable. */
  nextPageFailure: { error: unknown } | null;
  onRetry: () => void;
  onClearFilter: () => void;
}

export function TagListFooter({
  scope,
  matching,
  loaded,
  hasNextPage,
  isFetchingNextPage,
  nextPageFailure,
  onRetry,
  onClearFilter,
}: TagListFooterProps) {
  return (
    <>
      {matching === 0 ? (
        <p className="p-6 text-center text-sm text-muted-fg">
          {hasNextPage ? 'No loaded tag matches yet; reading more…' : 'No tag matches this filter.'}{' '}
          <button type="button" className="underline" onClick={onClearFilter}>
            Clear the filter
          </button>
        </p>
      ) : null}
      {nextPageFailure ? (
        <div className="p-3">
          <ErrorPanel error={nextPageFailure.error} scope={scope} onRetry={onRetry} />
        </div>
      ) : isFetchingNextPage ? (
        <p className="p-3 text-center text-sm text-muted-fg">Loading more tags…</p>
      ) : !hasNextPage && matching > 0 ? (
        <p className="p-3 text-center text-sm text-muted-fg" data-testid="end-of-list">
          End of the list: {loaded} tags.
        </p>
      ) : null}
    </>
  );
}

/** The list's keys are not discoverable otherwise. */
export function TagListKeyHint() {
  return (
    <p className="text-xs text-muted-fg">
      Keys: <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens,{' '}
      <kbd>/</kbd> filters. Preparing rows in view update every 2 s.
    </p>
  );
}
