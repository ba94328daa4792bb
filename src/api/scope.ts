// The scope every VCR call carries, in the API's own query parameter names, so a URL of
// the dashboard and a request to the API say the same thing.
import { ApiError } from './api-error';

export interface Scope {
  projectId: string;
  teamId?: string;
  slug?: string;
}

export function scopeFromSearchParams(params: URLSearchParams): Scope | null {
  const projectId = params.get('projectId')?.trim();
  if (!projectId) return null;
  const teamId = params.get('teamId')?.trim() || undefined;
  const slug = params.get('slug')?.trim() || undefined;
  return { projectId, ...(teamId ? { teamId } : {}), ...(slug ? { slug } : {}) };
}

export function scopeToQuery(scope: Scope): Record<string, string> {
  const q: Record<string, string> = { projectId: scope.projectId };
  if (scope.teamId) q.teamId = scope.teamId;
  if (scope.slug) q.slug = scope.slug;
  return q;
}

export function scopeSearch(scope: Scope, extra?: Record<string, string | undefined>): string {
  const params = new URLSearchParams(scopeToQuery(scope));
  for (const [k, v] of Object.entries(extra ?? {})) if (v) params.set(k, v);
  return `?${params.toString()}`;
}

/** Stable key part: equal scopes give equal keys whatever the parameter order. */
export function scopeKey(scope: Scope): readonly [string, string, string] {
  return [scope.projectId, scope.teamId ?? '', scope.slug ?? ''] as const;
}

export function missingProjectIdError(): ApiError {
  return new ApiError({
    kind: 'invalid-input',
    code: 'missing_project_id',
    message: 'This link has no projectId, so it cannot say which project to look in.',
  });
}

export function requireScope(scope: Scope | null | undefined): Scope {
  if (!scope?.projectId) throw missingProjectIdError();
  return scope;
}
