// Request bodies of the VCR write endpoints (vcr-api.md, "Added since 2026-08"), strict: the
// dashboard server refuses anything else before it reaches the API, and the page sends only
// these. Shared by src/api (the mutations) and server/writes (the allow-list).
import * as z from 'zod/mini';
import { SLUG_RE } from './schemas';

export const TEAM_ID_RE = /^team_[A-Za-z0-9]{1,64}$/;

/** PATCH /v1/vcr/repository/{idOrName} */
export const updateRepositoryBodySchema = z.strictObject({ public: z.boolean() });
export type UpdateRepositoryBody = z.infer<typeof updateRepositoryBodySchema>;

/** POST or DELETE /v1/vcr/repository/{idOrName}/permissions: one team, by id or by slug. */
export const teamReferenceBodySchema = z.union([
  z.strictObject({ teamId: z.string().check(z.regex(TEAM_ID_RE)) }),
  z.strictObject({ teamSlug: z.string().check(z.regex(SLUG_RE)) }),
]);
export type TeamReferenceBody = z.infer<typeof teamReferenceBodySchema>;

/**
 * What a user typed in a "share with" box: `team_…` is an id, anything else a slug.
 * Returns null when it can be neither.
 */
export function parseTeamReference(input: string): TeamReferenceBody | null {
  const value = input.trim();
  if (TEAM_ID_RE.test(value)) return { teamId: value };
  if (SLUG_RE.test(value)) return { teamSlug: value };
  return null;
}
