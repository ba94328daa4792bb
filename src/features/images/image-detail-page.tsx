// One image: what it is, where its tags point, and how it was built (its layer history).
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { imageQueryOptions } from '../../api/get-image';
import { scopeFromSearchParams, type Scope } from '../../api/scope';
import type { ImageDetail } from '../../api/schemas';
import { Breadcrumbs } from '../../components/breadcrumbs';
import { CopyButton } from '../../components/copy-button';
import { ErrorPanel } from '../../components/error-panel';
import { KindLabel } from '../../components/kind-label';
import { RelativeTime } from '../../components/relative-time';
import { Skeleton } from '../../components/skeleton';
import { StatusBadge } from '../../components/status-badge';
import { formatBytes, formatExactBytes, shortDigest } from '../../lib/format';
import { imagesPath, repositoriesPath, repositoryPath, tagPath } from '../scope/paths';
import { useDocumentTitle } from '../scope/use-document-title';
import { LazyDeleteImageAction } from '../writes/lazy-delete-image';
import { baseImageOf } from './layer-logic';
import { LayersTable } from './layers-table';
import { SandboxDrive } from './sandbox-drive';

export function ImageDetailPage() {
  const { repo = '', imageId = '' } = useParams();
  const [params] = useSearchParams();
  const scope = scopeFromSearchParams(params);
  useDocumentTitle(`${repo} · ${imageId.startsWith('sha256:') ? shortDigest(imageId) : imageId}`);
  const query = useQuery({
    ...imageQueryOptions(scope ?? { projectId: '' }, repo, imageId),
    enabled: scope !== null,
  });

  if (!scope) return null;
  const crumbs = [
    { label: 'Repositories', to: repositoriesPath(scope) },
    { label: repo, to: repositoryPath(scope, repo) },
    { label: 'Images', to: imagesPath(scope, repo, false) },
    { label: imageId.startsWith('sha256:') ? shortDigest(imageId) : imageId },
  ];
  return (
    <section aria-labelledby="image-title" className="space-y-6">
      <Breadcrumbs items={crumbs} />
      {query.isPending ? (
        <ImageSkeleton />
      ) : query.isError ? (
        <ErrorPanel
          error={query.error}
          scope={scope}
          notFoundMessage={`Image ${imageId} was not found in repository ${repo}.`}
          backLink={{ to: repositoryPath(scope, repo), label: `Back to ${repo}` }}
          retrying={query.isFetching}
          onRetry={() => void query.refetch()}
        />
      ) : (
        <ImageView image={query.data.image} scope={scope} repo={repo} />
      )}
    </section>
  );
}

function ImageSkeleton() {
  return (
    <div role="status" aria-busy="true" className="space-y-3">
      <span className="sr-only">Loading image…</span>
      <Skeleton className="h-8 w-80" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-48 w-full" />
    </div>
  );
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 first:border-t-0">
      <dt className="text-sm text-muted-fg">{term}</dt>
      <dd className="min-w-0 text-sm">{children}</dd>
    </div>
  );
}

function ImageView({ image, scope, repo }: { image: ImageDetail; scope: Scope; repo: string }) {
  const base = baseImageOf(image.layers);
  return (
    <>
      <div className="space-y-2">
        <h1 id="image-title" className="break-all text-2xl font-semibold">
          Image <span className="font-mono">{shortDigest(image.manifestDigest)}</span>
        </h1>
        <StatusBadge
          status={image.status}
          kind={image.kind}
          platform={image.platform}
          arch={image.arch}
        />
      </div>
      <dl className="rounded-lg border border-border px-4 py-2">
        <Row term="Kind">
          <KindLabel kind={image.kind} />
        </Row>
        <Row term="Platform">
          {image.platform && image.arch ? (
            <span className="font-mono">
              {image.platform}/{image.arch}
            </span>
          ) : (
            'All platforms of the index'
          )}
        </Row>
        <Row term="Size">
          <span title={formatExactBytes(image.sizeInBytes)}>{formatBytes(image.sizeInBytes)}</span>{' '}
          <span className="text-muted-fg">
            ({formatExactBytes(image.sizeInBytes)}, stored compressed)
          </span>
        </Row>
        <Row term="Digest">
          <span className="flex flex-wrap items-center gap-2">
            <code className="break-all font-mono text-xs">{image.manifestDigest}</code>
            <CopyButton value={image.manifestDigest} label="Copy digest" />
          </span>
        </Row>
        <Row term="Sandbox drive">
          <SandboxDrive image={image} />
        </Row>
        <Row term="Image id">
          <code className="font-mono text-xs">{image.id}</code>
        </Row>
        {image.pushedBy ? <Row term="Pushed by">{image.pushedBy}</Row> : null}
        <Row term="Created">
          <RelativeTime value={image.createdAt} />
        </Row>
        <Row term="Base image">
          {base ? (
            <code className="font-mono text-xs">{base}</code>
          ) : (
            <span className="text-muted-fg">Not recorded</span>
          )}
        </Row>
      </dl>

      <section aria-labelledby="image-tags-title" className="space-y-2">
        <h2 id="image-tags-title" className="text-lg font-semibold">
          Tags pointing at this image
        </h2>
        {image.tags.length === 0 ? (
          <p className="text-sm text-muted-fg">
            None: this image is untagged. It can still be pulled by digest.
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {image.tags.map((t) => (
              <li key={t}>
                <Link
                  to={tagPath(scope, repo, t)}
                  className="inline-block rounded-md border border-border px-2 py-1 font-mono text-sm hover:bg-muted"
                >
                  {t}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="layers-title" className="space-y-2">
        <h2 id="layers-title" className="text-lg font-semibold">
          Layers
        </h2>
        {image.layers.length === 0 ? (
          <p className="text-sm text-muted-fg">
            The API records no build history for this image
            {image.kind === 'index'
              ? ' (an index has none of its own: open one of its platform images)'
              : ''}
            .
          </p>
        ) : (
          <LayersTable layers={image.layers} />
        )}
      </section>

      <LazyDeleteImageAction
        scope={scope}
        repo={repo}
        imageId={image.id}
        manifestDigest={image.manifestDigest}
        tags={image.tags}
      />
    </>
  );
}
