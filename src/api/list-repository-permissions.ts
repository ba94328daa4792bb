// GET /v1/vcr/repository/{idOrName}/permissions: the other teams a repository is shared
// with (read-only for them; at most 100), cursor paged.
import { infiniteQueryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { vcrKeys } from './query-keys';
import { isoTimestamp } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

export const permissionSchema = z.object({
  repositoryId: z.string(),
  teamId: z.string(),
  teamSlug: z.string(),
  createdAt: isoTimestamp,
});
export type RepositoryPermission = z.infer<typeof permissionSchema>;

export const permissionListResponseSchema = z.object({
  permissions: z.array(permissionSchema),
  nextCursor: z.optional(z.string()),
});
export type PermissionListPage = z.infer<typeof permissionListResponseSchema>;

export const PERMISSIONS_PAGE_SIZE = 25;

export function permissionsQueryKey(scope: Scope, repo: string) {
  return [...vcrKeys.repository(scope, repo), 'permissions'] as const;
}

export function permissionsInfiniteQueryOptions(scope: Scope, repo: string) {
  return infiniteQueryOptions({
    queryKey: permissionsQueryKey(scope, repo),
    queryFn: ({ pageParam, signal }) => {
      assertRepositoryName(repo);
      return apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/permissions`, {
        schema: permissionListResponseSchema,
        query: {
          ...scopeToQuery(requireScope(scope)),
          limit: PERMISSIONS_PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
