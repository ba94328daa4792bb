// DELETE /v1/vcr/repository/{idOrName}/permissions with `{ teamId }` or `{ teamSlug }`: stop
// sharing with one team (204; a share that does not exist is fine).
import { apiFetch } from './api-fetch';
import { acceptedSchema } from './delete-image';
import { assertRepositoryName } from './get-repository';
import { requireScope, scopeToQuery, type Scope } from './scope';
import type { TeamReferenceBody } from './team-reference';

export async function removeRepositoryPermission(
  scope: Scope,
  repo: string,
  team: TeamReferenceBody,
): Promise<void> {
  assertRepositoryName(repo);
  await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/permissions`, {
    method: 'DELETE',
    body: team,
    schema: acceptedSchema,
    query: scopeToQuery(requireScope(scope)),
  });
}
