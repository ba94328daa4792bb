// The signed-in user (GET /v2/user): how the settings page shows whose token is in use.
import { queryOptions } from '@tanstack/react-query';
import { apiFetch } from './api-fetch';
import { lookupKeys } from './query-keys';
import { userResponseSchema } from './schemas';

export function userQueryOptions() {
  return queryOptions({
    queryKey: lookupKeys.user(),
    queryFn: ({ signal }) => apiFetch('/v2/user', { schema: userResponseSchema, signal }),
    staleTime: 5 * 60_000,
    // A refused token is an answer, not a hiccup: show it at once.
    retry: false,
  });
}
