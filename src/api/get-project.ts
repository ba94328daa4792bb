// Project look-up (GET /v9/projects/{idOrName}?teamId=…), for the project name in image
// references, as the official CLI does.
import { queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { lookupKeys } from './query-keys';
import { projectSchema } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export function projectQueryOptions(scope: Scope | null) {
  return queryOptions({
    queryKey: lookupKeys.project(scope ?? { projectId: '' }),
    queryFn: ({ signal }) => {
      const s = requireScope(scope);
      const { projectId: _id, ...team } = scopeToQuery(s);
      return apiFetch(`/v9/projects/${encodeURIComponent(s.projectId)}`, {
        schema: projectSchema,
        query: team,
        signal,
      });
    },
    staleTime: 30 * 60_000,
    retry: (failures, error) => failures < 1 && isApiError(error) && error.isTransient,
  });
}
