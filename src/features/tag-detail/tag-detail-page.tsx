// /repositories/:repo/tags/:tag?projectId=…&teamId=…|slug=…: one tag, shareable, live while
// preparing. In the main chunk on purpose, so the tag request starts on the first render.
import { lazy, Suspense } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import { assertTagName } from '../../api/get-tag';
import { assertRepositoryName } from '../../api/get-repository';
import { requireScope, scopeFromSearchParams, scopeSearch, type Scope } from '../../api/scope';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { Button } from '../../components/button';
import { CopyButton } from '../../components/copy-button';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';
import { StatusBadge } from '../../components/status-badge';
import { useAfterCommit } from '../../lib/use-after-commit';
import { useDeferredWithin } from '../../lib/use-deferred-within';
import { useScopeNames } from '../../lib/use-scope-names';
import { LazyDeleteImageAction } from '../writes/lazy-delete-image';
import { PullCommands, TagFacts, TagFactsSkeleton } from './tag-detail-view';
import { useReadySignals } from './use-ready-signals';
import { useTagWatch } from './use-tag-watch';
import { HIDDEN_POLL_MS, VISIBLE_POLL_MS } from './watch-policy';

// Only for tags Sandbox can never use (index, attestation, unoptimized): a lazy chunk.
const TagExtras = lazy(() => import('./tag-extras').then((m) => ({ default: m.TagExtras })));
const needsExtras = (t: { kind: string; status: string | null }) =>
  t.kind === 'index' || t.kind === 'attestation' || t.status === 'unoptimized';

/** Problems with the link itself, found without asking the API. */
function validateLink(scope: Scope | null, repo: string, tag: string): unknown {
  try {
    requireScope(scope);
    assertRepositoryName(repo);
    assertTagName(tag);
    return null;
  } catch (e) {
    return e;
  }
}

export function TagDetailPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const repo = params.repo ?? '';
  const tagName = params.tag ?? '';
  const scope = scopeFromSearchParams(search);
  const linkError = validateLink(scope, repo, tagName);
  const valid = linkError === null;

  const { query, visible, retrying, retryAt } = useTagWatch(scope, repo, tagName, valid);
  // The look-ups only feed the pull commands: they wait until the page is committed, so a
  // tag opened from a list is on screen before any request.
  const afterCommit = useAfterCommit();
  const names = useScopeNames(valid ? scope : null, afterCommit);
  // The query's answer arrives as an urgent update; rendering the facts from it is not, so
  // React renders them in slices that let the browser breathe (a slow phone's long task).
  const data = useDeferredWithin(`${repo}\n${tagName}\n${search}`, query.data);
  const signals = useReadySignals(repo, tagName, data);

  const scoped = (path: string) => (scope ? `${path}${scopeSearch(scope)}` : path);
  const repoHref = scoped(`/repositories/${encodeURIComponent(repo)}`);
  const crumbs = [
    { label: 'Repositories', to: scoped('/repositories') },
    { label: repo || 'repository', to: repoHref },
    { label: tagName || 'tag' },
  ];

  const error = linkError ?? (query.status === 'error' ? query.error : null);
  // Failing between automatic retries of the first load: say so rather than spin.
  const pendingFailure = !data && !error && query.failureReason ? query.failureReason : null;
  const shownError = error ?? pendingFailure;

  const errorPanel = shownError ? (
    <ErrorPanel
      error={shownError}
      scope={scope}
      notFoundMessage={`Tag "${tagName}" was not found in repository "${repo}".`}
      backLink={
        isApiError(shownError) && (shownError.status === 404 || shownError.status === 410)
          ? { to: repoHref, label: `Open repository ${repo}` }
          : isApiError(shownError) && shownError.kind === 'invalid-input'
            ? { to: '/', label: 'Choose a project' }
            : undefined
      }
      retrying={retrying}
      retryAt={retryAt}
      onRetry={linkError ? undefined : () => void query.refetch()}
    />
  ) : null;

  const preparing = data?.status === 'preparing';

  return (
    <article aria-labelledby="tag-title" className="space-y-6">
      <Breadcrumbs items={crumbs} />
      <header className="space-y-3">
        <div className="flex min-h-9 flex-wrap items-center gap-3">
          <h1 id="tag-title" className="break-all text-2xl font-semibold">
            {tagName}
          </h1>
          {data ? (
            <StatusBadge
              status={data.status}
              kind={data.kind}
              platform={data.platform}
              arch={data.arch}
            />
          ) : !shownError ? (
            <Skeleton className="h-5 w-24 rounded-full" />
          ) : null}
        </div>
        <p className="text-sm text-muted-fg">
          Tag in repository <span className="font-mono text-fg">{repo}</span>
          {scope ? (
            <>
              {' '}
              · project <span className="font-mono">{scope.projectId}</span>
            </>
          ) : null}
        </p>
        <div className="flex min-h-9 flex-wrap items-center gap-3">
          <CopyButton
            value={typeof window === 'undefined' ? '' : window.location.href}
            label="Copy link to this page"
            text="Copy link"
          />
          {preparing && signals.notify !== 'unsupported' ? (
            signals.notify === 'on' ? (
              <Button size="sm" aria-pressed="true" onClick={signals.disableNotifications}>
                Notifying when ready
              </Button>
            ) : (
              <Button
                size="sm"
                aria-pressed="false"
                disabled={signals.notify === 'denied'}
                title={
                  signals.notify === 'denied'
                    ? 'Notifications are blocked for this site in the browser settings.'
                    : undefined
                }
                onClick={() => void signals.enableNotifications()}
              >
                Notify me when ready
              </Button>
            )
          ) : null}
        </div>
        <p role="status" aria-live="polite" className="min-h-5 text-sm text-muted-fg">
          {signals.announcement ? (
            <span className="text-success-fg">{signals.announcement}.</span>
          ) : preparing ? (
            <span data-testid="watch-note">
              Preparing for Vercel Sandbox, checking every{' '}
              {(visible ? VISIBLE_POLL_MS : HIDDEN_POLL_MS) / 1000} s.
            </span>
          ) : null}
        </p>
      </header>

      {errorPanel}

      {data ? (
        <>
          {needsExtras(data) ? (
            <Suspense fallback={null}>
              <TagExtras tag={data} repo={repo} scope={scope as Scope} names={names} />
            </Suspense>
          ) : null}
          <TagFacts tag={data} repo={repo} scope={scope as Scope} />
          <PullCommands tag={data} repo={repo} names={names} />
          <LazyDeleteImageAction
            enabled={afterCommit}
            scope={scope as Scope}
            repo={repo}
            imageId={data.imageId}
            manifestDigest={data.manifestDigest}
            fromTag={data.tag}
          />
        </>
      ) : shownError ? null : (
        <div aria-busy="true" aria-label="Loading tag">
          <TagFactsSkeleton />
          <div className="mt-6">
            <PullCommands tag={undefined} repo={repo} names={null} />
          </div>
        </div>
      )}
    </article>
  );
}
