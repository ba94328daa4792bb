// Team look-up, as the official CLI does before it prints an image reference: the team's
// slug is part of `vcr.vercel.com/<team-slug>/<project-name>/<repo>`.
// By id: GET /teams/{teamId}; by slug: GET /v2/teams/{slug}. Both answer the team object.
import { queryOptions } from '@tanstack/react-query';
import { isApiError } from './api-error';
import { apiFetch } from './api-fetch';
import { lookupKeys } from './query-keys';
import { teamSchema } from './schemas';

export type TeamRef = { teamId: string } | { slug: string };

export function teamQueryOptions(ref: TeamRef) {
  const key = 'teamId' in ref ? ref.teamId : ref.slug;
  return queryOptions({
    queryKey: lookupKeys.team(key),
    queryFn: ({ signal }) =>
      'teamId' in ref
        ? apiFetch(`/teams/${encodeURIComponent(ref.teamId)}`, { schema: teamSchema, signal })
        : apiFetch(`/v2/teams/${encodeURIComponent(ref.slug)}`, { schema: teamSchema, signal }),
    // Slugs change rarely; one look-up per session is plenty.
    staleTime: 30 * 60_000,
    // The page falls back to the id when this fails, so one quick retry of a transient failure is enough.
    retry: (failures, error) => failures < 1 && isApiError(error) && error.isTransient,
  });
}
