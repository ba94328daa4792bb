// An image reference names the team by slug and the project by name; the dashboard's links
// carry the project id. One project look-up (`/v9/projects/{name}?slug=…`) bridges the two.
import type { QueryClient } from '@tanstack/react-query';
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
