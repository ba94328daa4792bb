// An image reference names the team by slug and the project by name; the dashboard's links
// carry the project id. One project look-up (`/v9/projects/{name}?slug=…`) bridges the two.
import type { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/api-error';
import { projectQueryOptions } from '../../api/get-project';
import type { Scope } from '../../api/scope';
import type { ImageReference } from '../../lib/image-reference';
import { imagePath, tagPath } from './paths';

export async function resolveReferencePath(
  queryClient: QueryClient,
  ref: ImageReference,
): Promise<{ path: string; scope: Scope }> {
  const lookup: Scope = { projectId: ref.project, slug: ref.team };
  const project = await queryClient.fetchQuery(projectQueryOptions(lookup));
  const scope: Scope = { projectId: project.id, slug: ref.team };
  const path =
    ref.digest !== undefined
      ? imagePath(scope, ref.repo, ref.digest)
      : tagPath(scope, ref.repo, ref.tag);
  return { path, scope };
}

/** Why a reference's team/project could not be looked up, in the user's terms. */
export function referenceLookupMessage(e: unknown, ref: ImageReference): string {
  const { team, project } = ref;
  if (isApiError(e) && e.status === 404)
    return `Project "${project}" was not found in team "${team}".`;
  if (isApiError(e) && e.status === 403) return `The token in use has no access to team "${team}".`;
  return `Could not look up project "${project}" in team "${team}": ${e instanceof Error ? e.message : String(e)}`;
}
