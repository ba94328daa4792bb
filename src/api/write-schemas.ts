// Request bodies of the VCR write endpoints (vcr-api.md, "Added since 2026-08"), strict: the
// dashboard server refuses anything else before it reaches the API. Used by the server's
// allow-list (server/writes); the page builds these bodies from typed values and imports
// only the types, so these schemas never reach its bundle.
import * as z from 'zod/mini';
import { SLUG_RE } from './schemas';
import { TEAM_ID_RE, type TeamReferenceBody } from './team-reference';

/** PATCH /v1/vcr/repository/{idOrName} */
export const updateRepositoryBodySchema = z.strictObject({ public: z.boolean() });
export type UpdateRepositoryBody = z.infer<typeof updateRepositoryBodySchema>;

/** POST or DELETE /v1/vcr/repository/{idOrName}/permissions: one team, by id or by slug. */
export const teamReferenceBodySchema: z.ZodMiniType<TeamReferenceBody> = z.union([
  z.strictObject({ teamId: z.string().check(z.regex(TEAM_ID_RE)) }),
  z.strictObject({ teamSlug: z.string().check(z.regex(SLUG_RE)) }),
]);
