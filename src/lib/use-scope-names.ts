// The team slug and project name of a scope, for image references. Resolved through the same
// look-ups the official CLI makes; when one fails the id stands in, so the page still shows a
// command (marked as unresolved) instead of an error.
import { useQuery } from '@tanstack/react-query';
import { projectQueryOptions } from '../api/get-project';
import { teamQueryOptions, type TeamRef } from '../api/get-team';
import type { Scope } from '../api/scope';

export interface ScopeNames {
  team: string;
  project: string;
  /** Still looking up. */
  pending: boolean;
  /** A look-up failed and an id stands in for a name. */
  fallback: boolean;
}

/** `enabled` false keeps the look-ups waiting (reported as pending), e.g. until first paint. */
export function useScopeNames(scope: Scope | null, enabled = true): ScopeNames {
  const project = useQuery({ ...projectQueryOptions(scope), enabled: enabled && scope !== null });
  // With neither teamId nor slug in the scope, the project's owner is the team to look up.
  const teamRef: TeamRef | null = scope?.slug
    ? null
    : scope?.teamId
      ? { teamId: scope.teamId }
      : project.data?.accountId
        ? { teamId: project.data.accountId }
        : null;
  const team = useQuery({
    ...teamQueryOptions(teamRef ?? { teamId: '' }),
    enabled: enabled && teamRef !== null,
  });

  const projectName = project.data?.name ?? scope?.projectId ?? '';
  const teamName =
    scope?.slug ??
    team.data?.slug ??
    (teamRef && 'teamId' in teamRef ? teamRef.teamId : undefined) ??
    project.data?.accountId ??
    '';
  const teamPending = teamRef !== null && team.isPending;
  const projectPending = scope !== null && project.isPending;
  // Without a team in the scope, the team is only known once the project answers.
  const waitingForOwner = !scope?.slug && !scope?.teamId && projectPending;
  // Names already in the cache (a server-rendered page brings them) are not waiting on `enabled`.
  const known = project.data !== undefined && (teamRef === null || team.data !== undefined);
  return {
    team: teamName,
    project: projectName,
    pending: (!enabled && !known) || projectPending || teamPending || waitingForOwner,
    fallback: project.isError || team.isError || (!project.isPending && !teamName),
  };
}
