// DELETE /v1/vcr/repository/{idOrName}: 202; gone from list and get at once, its images
// removed in the background.
import { apiFetch } from './api-fetch';
import { acceptedSchema } from './delete-image';
import { assertRepositoryName } from './get-repository';
import { requireScope, scopeToQuery, type Scope } from './scope';

export async function deleteRepository(scope: Scope, repo: string): Promise<void> {
  assertRepositoryName(repo);
  await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}`, {
    method: 'DELETE',
    schema: acceptedSchema,
    query: scopeToQuery(requireScope(scope)),
  });
}
