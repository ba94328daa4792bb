// A repository's visibility and the teams it is shared with (read-only for them). Anyone can
// read this; the controls that change it load as their own chunk, and only when the server
// allows writes (ALLOW_WRITES=1).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import { repositoryQueryOptions } from '../../api/get-repository';
import {
  permissionsInfiniteQueryOptions,
  type RepositoryPermission,
} from '../../api/list-repository-permissions';
import type { Scope } from '../../api/scope';
import { ErrorPanel } from '../../components/error-panel';
import { LoadMore } from '../../components/load-more';
import { RelativeTime } from '../../components/relative-time';
import { Skeleton } from '../../components/skeleton';

const loadControls = () => import('./repository-write-controls');
const VisibilityButton = lazy(() => loadControls().then((m) => ({ default: m.VisibilityButton })));
const ShareForm = lazy(() => loadControls().then((m) => ({ default: m.ShareForm })));
const RemoveShareButton = lazy(() =>
  loadControls().then((m) => ({ default: m.RemoveShareButton })),
);
const RemoveAllSharesButton = lazy(() =>
  loadControls().then((m) => ({ default: m.RemoveAllSharesButton })),
);
const DeleteRepositoryButton = lazy(() =>
  loadControls().then((m) => ({ default: m.DeleteRepositoryButton })),
);

function Slot({ children }: { children: ReactNode }) {
  return <Suspense fallback={null}>{children}</Suspense>;
}

export function RepositoryAccessPanel({ scope, repo }: { scope: Scope; repo: string }) {
  const config = useQuery(dashboardConfigQueryOptions());
  const writes = config.data?.writes === true;
  const repository = useQuery(repositoryQueryOptions(scope, repo));
  const permissions = useInfiniteQuery(permissionsInfiniteQueryOptions(scope, repo));
  const shares = permissions.data?.pages.flatMap((p) => p.permissions) ?? [];
  const isPublic = repository.data?.repository.public;
  // A repository that cannot be read: the page above already says why.
  if (repository.isError) return null;

  return (
    <section
      aria-labelledby="access-title"
      className="space-y-3 rounded-lg border border-border p-4"
      data-testid="repository-access"
    >
      <h2 id="access-title" className="text-base font-semibold">
        Visibility and sharing
      </h2>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-muted-fg">Visibility</span>
        {isPublic === undefined ? (
          <Skeleton className="h-5 w-16 rounded-full" />
        ) : (
          <>
            <span
              data-testid="visibility"
              className="rounded-full border border-border bg-surface px-2 py-0.5 font-medium"
            >
              {isPublic ? 'Public' : 'Private'}
            </span>
            <span className="text-muted-fg">
              {isPublic
                ? 'Anyone can pull its images, without signing in.'
                : 'Only this team and the teams below can pull its images.'}
            </span>
            {writes ? (
              <Slot>
                <VisibilityButton scope={scope} repo={repo} isPublic={isPublic} />
              </Slot>
            ) : null}
          </>
        )}
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Shared with</h3>
        {permissions.isPending ? (
          <Skeleton className="h-5 w-48" />
        ) : permissions.isError && !permissions.data ? (
          <ErrorPanel
            error={permissions.error}
            scope={scope}
            onRetry={() => void permissions.refetch()}
          />
        ) : shares.length === 0 ? (
          <p className="text-sm text-muted-fg" data-testid="no-shares">
            Not shared with other teams.
          </p>
        ) : (
          <ul
            className="divide-y divide-border rounded-md border border-border"
            data-testid="shares"
          >
            {shares.map((p) => (
              <ShareRow key={p.teamId} share={p}>
                {writes ? (
                  <Slot>
                    <RemoveShareButton scope={scope} repo={repo} share={p} />
                  </Slot>
                ) : null}
              </ShareRow>
            ))}
          </ul>
        )}
        <LoadMore query={permissions} scope={scope} noun="teams" />
      </div>

      {writes ? (
        <Slot>
          <div className="flex flex-wrap items-end gap-3">
            <ShareForm scope={scope} repo={repo} />
            {shares.length > 0 ? (
              <RemoveAllSharesButton scope={scope} repo={repo} count={shares.length} />
            ) : null}
          </div>
          <div className="space-y-2 border-t border-border pt-3">
            <h3 className="text-sm font-semibold">Delete repository</h3>
            <p className="text-sm text-muted-fg">
              Deletes the repository with all of its images and tags. This cannot be undone.
            </p>
            <DeleteRepositoryButton scope={scope} repo={repo} />
          </div>
        </Slot>
      ) : config.data ? (
        <p className="text-xs text-muted-fg" data-testid="read-only-note">
          Read-only: this dashboard server was started without ALLOW_WRITES=1, so it cannot change
          visibility or sharing, or delete anything.
        </p>
      ) : null}
    </section>
  );
}

function ShareRow({ share, children }: { share: RepositoryPermission; children: ReactNode }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
      <span className="font-mono font-medium">{share.teamSlug || share.teamId}</span>
      <span className="font-mono text-xs text-muted-fg">{share.teamId}</span>
      <span className="text-xs text-muted-fg">
        read-only since <RelativeTime value={share.createdAt} />
      </span>
      <span className="ml-auto">{children}</span>
    </li>
  );
}
