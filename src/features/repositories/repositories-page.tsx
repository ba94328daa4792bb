// A project's repositories: name, visibility, created and updated, paged by cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { repositoriesInfiniteQueryOptions } from '../../api/list-repositories';
import { scopeFromSearchParams } from '../../api/scope';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { ErrorPanel } from '../../components/error-panel';
import { LoadMore } from '../../components/load-more';
import { RelativeTime } from '../../components/relative-time';
import { Skeleton } from '../../components/skeleton';
import { ColumnHeaders } from '../../components/column-headers';
import { describeScope } from '../scope/scope-form-logic';
import { recentPushesPath, repositoryPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { usePreparingCounts } from '../recent-pushes/use-preparing-counts';

export function RepositoriesPage() {
  useDocumentTitle('Repositories');
  const [params] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  // The scope gate guarantees a projectId; this only guards direct use.
  const query = useInfiniteQuery({
    ...repositoriesInfiniteQueryOptions(scope ?? { projectId: '' }),
    enabled: scope !== null,
  });
  const repositories = query.data?.pages.flatMap((p) => p.repositories) ?? [];
  const preparing = usePreparingCounts(scope);

  return (
    <section aria-labelledby="repos-title" className="space-y-4">
      <Breadcrumbs items={[{ label: 'Repositories' }]} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="repos-title" className="text-2xl font-semibold">
            Repositories
          </h1>
          {scope ? (
            <p className="text-sm text-muted-fg" data-testid="scope-summary">
              Project {describeScope(scope)}
            </p>
          ) : null}
        </div>
        <div className="flex items-center gap-4 text-sm">
          {scope ? (
            <Link to={recentPushesPath(scope)} className="underline underline-offset-2">
              Recent pushes
            </Link>
          ) : null}
          <Link to="/?choose" className="underline underline-offset-2">
            Change scope
          </Link>
        </div>
      </div>

      {!scope ? null : query.isPending ? (
        <div
          role="status"
          aria-busy="true"
          className="space-y-2 rounded-lg border border-border p-3"
        >
          <span className="sr-only">Loading repositories…</span>
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : query.isError && repositories.length === 0 ? (
        <ErrorPanel
          error={query.error}
          scope={scope}
          notFoundMessage={`Project ${scope.projectId} was not found, or the Container Registry is not enabled for it.`}
          backLink={{ to: '/?choose', label: 'Choose another project' }}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      ) : repositories.length === 0 ? (
        <div className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-fg">
          <p className="font-medium text-fg">No repositories in this project yet.</p>
          <p className="mt-1">
            Push an image with{' '}
            <code className="font-mono">
              docker push vcr.vercel.com/&lt;team&gt;/&lt;project&gt;/&lt;repository&gt;:&lt;tag&gt;
            </code>{' '}
            and it appears here.
          </p>
        </div>
      ) : (
        <>
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Repositories of project {describeScope(scope)}</caption>
            <thead className="bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
              <tr>
                <ColumnHeaders
                  columns={[
                    { label: 'Name' },
                    { label: 'Visibility' },
                    { label: 'Under way' },
                    { label: 'Created' },
                    { label: 'Updated' },
                  ]}
                />
              </tr>
            </thead>
            <tbody>
              {repositories.map((r) => (
                <tr key={r.id} className="border-t border-border">
                  <td className="px-3 py-2">
                    <Link
                      to={repositoryPath(scope, r.name)}
                      className="font-medium underline-offset-2 hover:underline"
                    >
                      {r.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{r.public ? 'Public' : 'Private'}</td>
                  <td className="px-3 py-2" data-testid="preparing-count">
                    {preparing.get(r.name) ? (
                      <span className="inline-flex items-center gap-1.5 rounded-full bg-info px-2 py-0.5 text-xs font-medium text-info-fg">
                        {preparing.get(r.name)} preparing
                      </span>
                    ) : (
                      <span className="text-muted-fg">—</span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-muted-fg">
                    <RelativeTime value={r.createdAt} />
                  </td>
                  <td className="px-3 py-2 text-muted-fg">
                    <RelativeTime value={r.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <LoadMore
            query={query}
            scope={scope}
            noun="repositories"
            end={
              <p className="text-sm text-muted-fg">
                {repositories.length} {repositories.length === 1 ? 'repository' : 'repositories'}.
              </p>
            }
          />
        </>
      )}
    </section>
  );
}
