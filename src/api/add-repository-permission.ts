// POST /v1/vcr/repository/{idOrName}/permissions with `{ teamId }` or `{ teamSlug }`: share
// the repository (read-only) with another team.
import * as z from 'zod/mini';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { permissionSchema, type RepositoryPermission } from './list-repository-permissions';
import { requireScope, scopeToQuery, type Scope } from './scope';
import type { TeamReferenceBody } from './team-reference';

const addPermissionResponseSchema = z.object({ permission: permissionSchema });

export async function addRepositoryPermission(
  scope: Scope,
  repo: string,
  team: TeamReferenceBody,
): Promise<RepositoryPermission> {
  assertRepositoryName(repo);
  const res = await apiFetch(`/v1/vcr/repository/${encodeURIComponent(repo)}/permissions`, {
    method: 'POST',
    body: team,
    schema: addPermissionResponseSchema,
    query: scopeToQuery(requireScope(scope)),
  });
  return res.permission;
}
