// For each index row: its platform children from the registry (as the tag page reads them)
// and each child's status from the API by digest, polled while preparing. A registry that
// cannot be read marks that row only.
import { useQueries, useQuery } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { imageQueryOptions } from '../../api/get-image';
import {
  indexChildren,
  indexManifestQueryOptions,
  type IndexChild,
  type RegistryName,
} from '../../api/get-index-manifest';
import { projectQueryOptions } from '../../api/get-project';
import type { ImageDetail } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import { useScopeNames } from '../../lib/use-scope-names';
import type { IndexProgress, PushRow } from './recent-pushes-logic';
import { PUSHES_HIDDEN_POLL_MS, PUSHES_POLL_MS, untilNextBeat } from './use-recent-pushes';

export function useIndexProgress(
  scope: Scope,
  rows: readonly PushRow[],
  visible: boolean,
): Map<string, IndexProgress> {
  const indexes = rows.filter((r) => r.kind === 'index');
  const any = indexes.length > 0;
  const names = useScopeNames(any ? scope : null);
  const project = useQuery({ ...projectQueryOptions(scope), enabled: any && !scope.teamId });
  const teamId = scope.teamId ?? project.data?.accountId;
  const resolved = !names.pending && !names.fallback && !!teamId;
  const unresolved = any && !names.pending && !resolved && !project.isPending;
  const nameOf = (repo: string): RegistryName => ({
    teamId: teamId ?? '',
    team: names.team,
    project: names.project,
    repo,
  });

  const manifests = useQueries({
    queries: indexes.map((r) => ({
      ...indexManifestQueryOptions(nameOf(r.repository), r.digest),
      enabled: resolved,
    })),
  });
  const children: { row: PushRow; child: IndexChild }[] = [];
  indexes.forEach((r, i) => {
    const data = manifests[i]?.data;
    if (!data) return;
    for (const child of indexChildren(data)) {
      if (child.platform !== null && child.attestationOf === null) children.push({ row: r, child });
    }
  });
  const images = useQueries({
    queries: children.map(({ row, child }) => ({
      ...imageQueryOptions(scope, row.repository, child.digest),
      refetchInterval: (q: { state: { data?: { image: ImageDetail } } }) =>
        q.state.data?.image.status === 'preparing'
          ? untilNextBeat(visible ? PUSHES_POLL_MS : PUSHES_HIDDEN_POLL_MS)
          : false,
      refetchIntervalInBackground: true,
      retry: (failures: number, error: unknown) =>
        failures < 2 && !(isApiError(error) && error.status === 404),
    })),
  });

  const progress = new Map<string, IndexProgress>();
  indexes.forEach((r, i) => {
    const m = manifests[i];
    const error = unresolved
      ? 'The team slug or project name could not be looked up, so the registry cannot be asked for this index’s platforms.'
      : m?.error
        ? `The registry could not be read: ${m.error instanceof Error ? m.error.message : String(m.error)}`
        : null;
    const mine = children
      .map((c, j) => ({ ...c, image: images[j] }))
      .filter((c) => c.row.key === r.key);
    const statuses = mine.map((c) => c.image?.data?.image.status);
    progress.set(r.key, {
      platforms: mine.length,
      ready: statuses.filter((s) => s === 'ready' || s === 'unoptimized').length,
      // A child still being read counts as preparing; one the API cannot answer does not hold
      // the watch up forever.
      preparing: mine.filter(
        (c) => c.image?.data?.image.status === 'preparing' || (c.image?.isPending ?? true),
      ).length,
      unoptimized: mine
        .filter((c) => c.image?.data?.image.status === 'unoptimized')
        .map((c) => c.child.platform ?? c.child.digest),
      loading: !error && (!m?.data || mine.some((c) => c.image?.isPending)),
      error,
    });
  });
  return progress;
}
