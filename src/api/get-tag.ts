// GET /v1/vcr/repository/{idOrName}/tags/{tag}: the one request the tag detail page is built
// around. The query data is the Tag itself, so a list that already holds the row can seed
// the detail page (queryClient.setQueryData(tagQueryKey(...), row)) and it renders at once.
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { vcrKeys } from './query-keys';
import { isValidTagName, tagResponseSchema, type Tag } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

/** A tag name that cannot exist (OCI rule) is refused before any request. */
export function assertTagName(tag: string): void {
  if (!isValidTagName(tag)) {
    throw new ApiError({
      kind: 'invalid-input',
      code: 'invalid_tag_name',
      message: `"${tag}" cannot be a tag name: tags start with a letter, digit or underscore and use only letters, digits, ".", "_" and "-", at most 128 characters.`,
    });
  }
}

/** The key, tagged with its data type (Tag), for getQueryData/setQueryData. */
export function tagQueryKey(scope: Scope | null, repo: string, tag: string) {
  return tagQueryOptions(scope, repo, tag).queryKey;
}

export async function fetchTag(
  scope: Scope | null,
  repo: string,
  tag: string,
  signal?: AbortSignal,
): Promise<Tag> {
  // Checked in this order so the message names the first thing wrong with the link.
  const s = requireScope(scope);
  assertRepositoryName(repo);
  assertTagName(tag);
  const body = await apiFetch(
    `/v1/vcr/repository/${encodeURIComponent(repo)}/tags/${encodeURIComponent(tag)}`,
    { schema: tagResponseSchema, query: scopeToQuery(s), signal },
  );
  return body.tag;
}

export function tagQueryOptions(scope: Scope | null, repo: string, tag: string) {
  return queryOptions({
    queryKey: vcrKeys.tag(scope ?? { projectId: '' }, repo, tag),
    queryFn: ({ signal }) => fetchTag(scope, repo, tag, signal),
  });
}
