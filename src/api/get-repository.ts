// GET /v1/vcr/repository/{idOrName}
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { vcrKeys } from './query-keys';
import { isValidRepositoryName, repositoryResponseSchema } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export function invalidRepositoryNameError(repo: string): ApiError {
  return new ApiError({
    kind: 'invalid-input',
    code: 'invalid_repository_name',
    message: `"${repo}" cannot be a repository name: names use lowercase letters, digits and single separators (. _ __ -), at most 255 characters.`,
  });
}

/** A name that cannot exist is refused before any request. */
export function assertRepositoryName(repo: string): void {
  if (!isValidRepositoryName(repo) && !/^repo_[A-Za-z0-9]+$/.test(repo)) {
    throw invalidRepositoryNameError(repo);
  }
}

export function repositoryQueryOptions(scope: Scope, repo: string) {
  return queryOptions({
    queryKey: [...vcrKeys.repository(scope, repo), 'detail'] as const,
    queryFn: ({ signal }) => {
      assertRepositoryName(repo);
      return apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}`, {
        schema: repositoryResponseSchema,
        query: scopeToQuery(requireScope(scope)),
        signal,
      });
    },
    staleTime: 60_000,
  });
}
