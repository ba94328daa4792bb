// What the tag page adds for a tag Sandbox can never use (an index, an attestation, an
// image for another platform): why, what to do, and an index's platforms. A lazy chunk:
// the deep link of an ordinary tag never loads it, and its first-load JS does not grow.
import { useQuery } from '@tanstack/react-query';
import type { RegistryName } from '../../api/get-index-manifest';
import { projectQueryOptions } from '../../api/get-project';
import type { Tag } from '../../api/schemas';
import type { Scope } from '../../api/scope';
import type { ScopeNames } from '../../lib/use-scope-names';
import { IndexPlatforms } from './index-platforms';
import { IndexWatch } from './index-watch';
import { useIndexChildren } from './use-index-children';
import { WhyNotReady } from './why-not-ready';

export function TagExtras({
  tag,
  repo,
  scope,
  names,
}: {
  tag: Tag;
  repo: string;
  scope: Scope;
  names: ScopeNames;
}) {
  const isIndex = tag.kind === 'index';
  // The registry's Basic username is the team ID: the scope's, else the project's owner.
  const project = useQuery({ ...projectQueryOptions(scope), enabled: isIndex && !scope.teamId });
  const teamId = scope.teamId ?? project.data?.accountId;
  const ready = !names.pending && !names.fallback;
  const name: RegistryName | null =
    isIndex && ready && teamId ? { teamId, team: names.team, project: names.project, repo } : null;
  const unresolved =
    !names.pending && (names.fallback || (!teamId && !project.isPending))
      ? 'The team slug or project name could not be looked up, so the registry cannot be asked for this index’s platforms.'
      : null;
  const { index, rows } = useIndexChildren(scope, repo, name, tag.manifestDigest);
  // With a look-up failed the ids stand in, as in the pull commands.
  const parts = names.pending ? null : { team: names.team, project: names.project, repo };

  return (
    <div className="space-y-6">
      <WhyNotReady
        tag={tag}
        parts={parts}
        rows={rows}
        rowsLoading={isIndex && !unresolved && !index.data && !index.isError}
      />
      {isIndex ? <IndexWatch repo={repo} tag={tag.tag} rows={rows} /> : null}
      {isIndex ? (
        <IndexPlatforms
          index={index}
          rows={rows}
          repo={repo}
          scope={scope}
          unresolved={unresolved}
        />
      ) : null}
    </div>
  );
}
