// A team named by what a user typed: `team_…` is an id, anything else a slug. Plain
// regexes, no schema library: the share form's chunk stays small (the server validates the
// request body strictly, src/api/write-schemas.ts).
import { SLUG_RE } from './schemas';

export const TEAM_ID_RE = /^team_[A-Za-z0-9]{1,64}$/;

/** The body of POST/DELETE …/permissions: one team, by id or by slug. */
export type TeamReferenceBody = { teamId: string } | { teamSlug: string };

/** Null when the input can be neither an id nor a slug. */
export function parseTeamReference(input: string): TeamReferenceBody | null {
  const value = input.trim();
  if (TEAM_ID_RE.test(value)) return { teamId: value };
  if (SLUG_RE.test(value)) return { teamSlug: value };
  return null;
}
