// GET /v1/vcr/repository/{idOrName}/images/{imageIdOrDigest}: one image with its layers.
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { assertRepositoryName } from './get-repository';
import { vcrKeys } from './query-keys';
import { DIGEST_RE, imageResponseSchema } from './schemas';
import { requireScope, scopeToQuery, type Scope } from './scope';

const IMAGE_ID_RE = /^image_[A-Za-z0-9_-]+$/;

export function isValidImageRef(ref: string): boolean {
  return IMAGE_ID_RE.test(ref) || DIGEST_RE.test(ref);
}

export function imageQueryOptions(scope: Scope, repo: string, imageIdOrDigest: string) {
  return queryOptions({
    queryKey: vcrKeys.image(scope, repo, imageIdOrDigest),
    queryFn: ({ signal }) => {
      assertRepositoryName(repo);
      if (!isValidImageRef(imageIdOrDigest)) {
        throw new ApiError({
          kind: 'invalid-input',
          code: 'invalid_image_reference',
          message: `"${imageIdOrDigest}" is neither an image id (image_…) nor a digest (sha256: and 64 hex characters).`,
        });
      }
      return apiFetch(
        `/v1/vcr/repository/${encodeURIComponent(repo)}/images/${encodeURIComponent(imageIdOrDigest)}`,
        { schema: imageResponseSchema, query: scopeToQuery(requireScope(scope)), signal },
      );
    },
  });
}
