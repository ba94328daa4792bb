// DELETE /v1/vcr/repository/{idOrName}/permissions/all: stop sharing with every team (204).
import { apiFetch } from './api-fetch';
import { acceptedSchema } from './delete-image';
import { assertRepositoryName } from './get-repository';
import { requireScope, scopeToQuery, type Scope } from './scope';

export async function clearRepositoryPermissions(scope: Scope, repo: string): Promise<void> {
  assertRepositoryName(repo);
  await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/permissions/all`, {
    method: 'DELETE',
    schema: acceptedSchema,
    query: scopeToQuery(requireScope(scope)),
  });
}
