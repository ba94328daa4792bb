// A repository's images, all or only the untagged ones (what a tag list cannot show).
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { imageListInfiniteQueryOptions } from '../../api/list-images';
import { scopeFromSearchParams } from '../../api/scope';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { LoadMore } from '../../components/load-more';
import { KindLabel } from '../../components/kind-label';
import { RelativeTime } from '../../components/relative-time';
import { Skeleton } from '../../components/skeleton';
import { StatusBadge } from '../../components/status-badge';
import { ColumnHeaders } from '../../components/column-headers';
import { cn } from '../../lib/cn';
import { formatBytes, formatExactBytes, shortDigest } from '../../lib/format';
import { imagePath, imagesPath, repositoriesPath, repositoryPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { RepositoryErrorPanel } from '../repositories/repository-error-panel';

export function ImagesPage() {
  const { repo = '' } = useParams();
  const [params] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  const untagged = params.get('untagged') === 'true';
  useDocumentTitle(`${repo} · ${untagged ? 'untagged images' : 'images'}`);
  const query = useInfiniteQuery({
    ...imageListInfiniteQueryOptions(scope ?? { projectId: '' }, repo, untagged),
    enabled: scope !== null,
  });
  if (!scope) return null;
  const images = query.data?.pages.flatMap((p) => p.images) ?? [];
  const tabClass = (on: boolean) =>
    cn(
      'rounded-md px-3 py-1.5 text-sm',
      on ? 'bg-accent text-accent-fg' : 'border border-border hover:bg-muted',
    );

  return (
    <section aria-labelledby="images-title" className="space-y-4">
      <Breadcrumbs
        items={[
          { label: 'Repositories', to: repositoriesPath(scope) },
          { label: repo, to: repositoryPath(scope, repo) },
          { label: untagged ? 'Untagged images' : 'Images' },
        ]}
      />
      <h1 id="images-title" className="text-2xl font-semibold">
        {untagged ? 'Untagged images' : 'Images'} of {repo}
      </h1>
      <nav aria-label="Which images" className="flex gap-2">
        <Link
          to={imagesPath(scope, repo, false)}
          className={tabClass(!untagged)}
          aria-current={!untagged ? 'page' : undefined}
        >
          All images
        </Link>
        <Link
          to={imagesPath(scope, repo, true)}
          className={tabClass(untagged)}
          aria-current={untagged ? 'page' : undefined}
        >
          Untagged only
        </Link>
      </nav>
      {query.isPending ? (
        <div
          role="status"
          aria-busy="true"
          className="space-y-2 rounded-lg border border-border p-3"
        >
          <span className="sr-only">Loading images…</span>
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-6 w-full" />
          ))}
        </div>
      ) : query.isError && images.length === 0 ? (
        <RepositoryErrorPanel
          error={query.error}
          scope={scope}
          repo={repo}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      ) : images.length === 0 ? (
        <p className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-fg">
          {untagged
            ? 'No untagged images: every image in this repository has a tag.'
            : 'This repository has no images yet.'}
        </p>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-border">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">
                {untagged ? 'Untagged images' : 'Images'} of {repo}
              </caption>
              <thead className="bg-surface text-left text-xs uppercase tracking-wide text-muted-fg">
                <tr>
                  <ColumnHeaders
                    columns={[
                      { label: 'Digest' },
                      { label: 'Tags' },
                      { label: 'Status' },
                      { label: 'Kind' },
                      { label: 'Platform' },
                      { label: 'Size', numeric: true },
                      { label: 'Created' },
                    ]}
                  />
                </tr>
              </thead>
              <tbody>
                {images.map((img) => (
                  <tr key={img.id} className="border-t border-border">
                    <td className="px-3 py-2">
                      <Link
                        to={imagePath(scope, repo, img.id)}
                        className="font-mono text-xs underline-offset-2 hover:underline"
                        title={img.manifestDigest}
                      >
                        {shortDigest(img.manifestDigest)}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      {img.tags.length === 0 ? (
                        <span className="text-muted-fg">untagged</span>
                      ) : (
                        img.tags.join(', ')
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <StatusBadge
                        status={img.status}
                        kind={img.kind}
                        platform={img.platform}
                        arch={img.arch}
                      />
                    </td>
                    <td className="px-3 py-2">
                      <KindLabel kind={img.kind} />
                    </td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {img.platform && img.arch ? (
                        `${img.platform}/${img.arch}`
                      ) : (
                        <span className="text-muted-fg">all</span>
                      )}
                    </td>
                    <td
                      className="px-3 py-2 text-right tabular-nums"
                      title={formatExactBytes(img.sizeInBytes)}
                    >
                      {formatBytes(img.sizeInBytes)}
                    </td>
                    <td className="px-3 py-2 text-muted-fg">
                      <RelativeTime value={img.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore query={query} scope={scope} noun="images" />
        </>
      )}
    </section>
  );
}
