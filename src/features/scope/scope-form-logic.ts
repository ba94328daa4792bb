// Validation of the scope form: a clear message per field instead of a request that fails.
import { SLUG_RE } from '../../api/schemas';
import type { Scope } from '../../api/scope';

export type ScopeFormResult =
  { ok: true; scope: Scope } | { ok: false; errors: { project?: string; team?: string } };

const PROJECT_RE = /^[A-Za-z0-9._-]{1,100}$/;
const TEAM_ID_RE = /^team_[A-Za-z0-9]{1,64}$/;

/** The team field takes an id (`team_…`) or a slug; the API has a parameter for each. */
export function parseScopeForm(projectInput: string, teamInput: string): ScopeFormResult {
  const projectId = projectInput.trim();
  const team = teamInput.trim();
  const errors: { project?: string; team?: string } = {};
  if (!projectId) errors.project = 'Enter a project id (prj_…) or the project name.';
  else if (!PROJECT_RE.test(projectId))
    errors.project = `"${projectId}" cannot be a project id or name: letters, digits, ".", "_" and "-" only.`;
  let teamPart: Pick<Scope, 'teamId' | 'slug'> = {};
  if (team) {
    if (team.startsWith('team_')) {
      if (TEAM_ID_RE.test(team)) teamPart = { teamId: team };
      else errors.team = `"${team}" cannot be a team id: team_ followed by letters and digits.`;
    } else if (SLUG_RE.test(team)) {
      teamPart = { slug: team };
    } else {
      errors.team = `"${team}" is neither a team id (team_…) nor a team slug (lowercase letters, digits and dashes).`;
    }
  }
  if (errors.project || errors.team) return { ok: false, errors };
  return { ok: true, scope: { projectId, ...teamPart } };
}

export function describeScope(scope: Scope): string {
  const team = scope.teamId ?? scope.slug;
  return team ? `${scope.projectId} in ${team}` : scope.projectId;
}
