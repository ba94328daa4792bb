// PATCH /v1/vcr/repository/{idOrName} with `{ public }`: make a repository public or private.
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { repositoryResponseSchema, type Repository } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';
import type { UpdateRepositoryBody } from './write-schemas';

export async function updateRepository(
  scope: Scope,
  repo: string,
  body: UpdateRepositoryBody,
): Promise<Repository> {
  assertRepositoryName(repo);
  const res = await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}`, {
    method: 'PATCH',
    body,
    schema: repositoryResponseSchema,
    query: scopeToQuery(requireScope(scope)),
  });
  return res.repository;
}
