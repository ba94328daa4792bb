// An index's children (from the registry) joined with each child's own image record (from
// the REST API, matched by digest), polled while any child is still preparing.
import { useQueries, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { imageQueryOptions } from '../../api/get-image';
import {
  indexChildren,
  indexManifestQueryOptions,
  type IndexChild,
  type RegistryName,
} from '../../api/get-index-manifest';
import type { ImageDetail } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { VISIBLE_POLL_MS } from './watch-policy';

export interface ChildRow extends IndexChild {
  image: ImageDetail | undefined;
  /** The REST API has no image with this digest (404), or could not be asked. */
  imageError: unknown;
  imagePending: boolean;
}

export function useIndexChildren(
  scope: Scope,
  repo: string,
  name: RegistryName | null,
  digest: string,
) {
  const index = useQuery({
    ...indexManifestQueryOptions(name ?? { teamId: '', team: '', project: '', repo }, digest),
    enabled: name !== null,
  });
  const children = index.data ? indexChildren(index.data) : [];
  const images = useQueries({
    queries: children.map((c) => ({
      ...imageQueryOptions(scope, repo, c.digest),
      // Like the tag page: watch a child until it leaves `preparing`.
      refetchInterval: (q: { state: { data?: { image: ImageDetail } } }) =>
        q.state.data?.image.status === 'preparing' ? VISIBLE_POLL_MS : false,
      // A child the API does not know will not appear by asking again.
      retry: (failures: number, error: unknown) =>
        failures < 2 && !(isApiError(error) && error.status === 404),
    })),
  });
  const rows: ChildRow[] = children.map((c, i) => ({
    ...c,
    image: images[i]?.data?.image,
    imageError: images[i]?.error ?? null,
    imagePending: images[i]?.isPending ?? true,
  }));
  return { index, rows };
}
