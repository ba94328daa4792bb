// DELETE /v1/vcr/repository/{idOrName}/images/{imageId}: 202, and the registry removes the
// manifest, its blobs, its tags and the record in the background. There is no endpoint that
// deletes a single tag.
import * as z from 'zod/mini';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { requireScope, scopeToQuery, type Scope } from './scope';

/**
 * The answer is empty (202/204); a JSON object body, if an API version ever sends one, is
 * accepted and not used. Built from schema parts the app already ships, to keep the
 * first-load bundle as it is.
 */
export const acceptedSchema = z.optional(z.object({}));

export async function deleteImage(scope: Scope, repo: string, imageId: string): Promise<void> {
  assertRepositoryName(repo);
  await apiFetch(
    `/v1/vcr/repository/${encodeURIComponent(repo)}/images/${encodeURIComponent(imageId)}`,
    { method: 'DELETE', schema: acceptedSchema, query: scopeToQuery(requireScope(scope)) },
  );
}
