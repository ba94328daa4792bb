// The children of a multi-platform index: one row per platform image and per attestation
// manifest, each with its short digest (copyable), size and own status, linking to its
// image page. Attestations say which image they describe.
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/api-error';
import type { IndexManifest } from '../../api/get-index-manifest';
import { scopeSearch, type Scope } from '../../api/scope';
import { CopyButton } from '../../components/copy-button';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';
import { StatusBadge } from '../../components/status-badge';
import { formatBytes, formatExactBytes, shortDigest } from '../../lib/format';
import type { ChildRow } from './use-index-children';

function platformOf(rows: ChildRow[], digest: string | null): string | null {
  return rows.find((r) => r.digest === digest)?.platform ?? null;
}

function ChildCells({ row, rows }: { row: ChildRow; rows: ChildRow[] }) {
  const { image } = row;
  const missing = isApiError(row.imageError) && row.imageError.status === 404;
  const size = image ? (
    <span title={formatExactBytes(image.sizeInBytes)}>{formatBytes(image.sizeInBytes)}</span>
  ) : row.imagePending ? (
    <Skeleton className="h-4 w-16" />
  ) : (
    <span className="text-muted-fg">Unknown</span>
  );
  const status = image ? (
    <StatusBadge
      status={image.status}
      kind={image.kind}
      platform={image.platform}
      arch={image.arch}
    />
  ) : row.imagePending ? (
    <Skeleton className="h-5 w-20 rounded-full" />
  ) : (
    <span className="text-muted-fg">
      {missing ? 'Not listed by the API' : 'Could not load its status'}
    </span>
  );
  return (
    <>
      <td className="py-2 pr-4 text-sm">
        {row.attestationOf !== null || row.platform === null ? (
          <span>
            Attestation
            <span className="text-muted-fg">
              {' '}
              for {platformOf(rows, row.attestationOf) ?? 'an image'}
              {row.attestationOf ? (
                <>
                  {' '}
                  <code className="font-mono text-xs">{shortDigest(row.attestationOf)}</code>
                </>
              ) : null}
            </span>
          </span>
        ) : (
          <span className="font-mono">{row.platform}</span>
        )}
      </td>
      <td className="py-2 pr-4">
        <span className="inline-flex items-center gap-2">
          <code className="font-mono text-xs" title={row.digest}>
            {shortDigest(row.digest)}
          </code>
          <CopyButton
            value={row.digest}
            label={`Copy digest of ${row.platform ?? 'attestation'} ${shortDigest(row.digest)}`}
          />
        </span>
      </td>
      <td className="py-2 pr-4 text-sm tabular-nums">{size}</td>
      <td className="py-2 pr-4">{status}</td>
    </>
  );
}

export function IndexPlatforms({
  index,
  rows,
  repo,
  scope,
  unresolved,
}: {
  index: UseQueryResult<IndexManifest>;
  rows: ChildRow[];
  repo: string;
  scope: Scope;
  /** Why the registry cannot be asked (team slug or project name unknown). */
  unresolved: string | null;
}) {
  const imageHref = (digest: string) =>
    `/repositories/${encodeURIComponent(repo)}/images/${encodeURIComponent(digest)}${scopeSearch(scope)}`;
  return (
    <section aria-labelledby="platforms-title" className="space-y-2" data-testid="index-platforms">
      <h2 id="platforms-title" className="text-base font-semibold">
        Platforms in this index
      </h2>
      {unresolved ? (
        <p className="text-sm text-muted-fg">{unresolved}</p>
      ) : index.isError ? (
        <ErrorPanel error={index.error} scope={scope} onRetry={() => void index.refetch()} />
      ) : !index.data ? (
        <div aria-busy="true" aria-label="Loading the index's platforms" className="space-y-2">
          <Skeleton className="h-6 w-full" />
          <Skeleton className="h-6 w-full" />
        </div>
      ) : rows.length === 0 ? (
        <p className="text-sm text-muted-fg">The registry lists no images in this index.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left">
            <caption className="sr-only">
              The images and attestation manifests this index points at
            </caption>
            <thead>
              <tr className="border-b border-border text-xs text-muted-fg">
                <th scope="col" className="py-2 pr-4 font-medium">
                  Platform
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Digest
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Size
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Status
                </th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Image page</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.digest} className="border-b border-border" data-testid="index-child">
                  <ChildCells row={row} rows={rows} />
                  <td className="py-2 text-sm">
                    <Link
                      to={imageHref(row.digest)}
                      className="underline underline-offset-2"
                      aria-label={`Open image ${row.platform ?? 'attestation'} ${shortDigest(row.digest)}`}
                    >
                      Open image
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
