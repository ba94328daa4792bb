// Scopes the user chose on this device, most recent first, so switching between a few
// projects is one click. localStorage only; a broken or blocked store means "none".
import type { Scope } from '../api/scope';

const KEY = 'vcr-recent-scopes';
export const MAX_RECENT_SCOPES = 8;

export interface RecentScope extends Scope {
  /** Human label when known (project name, team slug). */
  label?: string;
  usedAt: number;
}

function sameScope(a: Scope, b: Scope): boolean {
  return (
    a.projectId === b.projectId &&
    (a.teamId ?? '') === (b.teamId ?? '') &&
    (a.slug ?? '') === (b.slug ?? '')
  );
}

function isRecentScope(v: unknown): v is RecentScope {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.projectId === 'string' &&
    o.projectId !== '' &&
    typeof o.usedAt === 'number' &&
    (o.teamId === undefined || typeof o.teamId === 'string') &&
    (o.slug === undefined || typeof o.slug === 'string') &&
    (o.label === undefined || typeof o.label === 'string')
  );
}

export function loadRecentScopes(): RecentScope[] {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(isRecentScope).slice(0, MAX_RECENT_SCOPES);
  } catch {
    return [];
  }
}

function save(list: RecentScope[]): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or blocked (private mode): remembering is a convenience, not a requirement.
  }
}

export function rememberScope(scope: Scope, label?: string, now = Date.now()): RecentScope[] {
  const entry: RecentScope = {
    projectId: scope.projectId,
    ...(scope.teamId ? { teamId: scope.teamId } : {}),
    ...(scope.slug ? { slug: scope.slug } : {}),
    ...(label ? { label } : {}),
    usedAt: now,
  };
  const list = [entry, ...loadRecentScopes().filter((s) => !sameScope(s, scope))].slice(
    0,
    MAX_RECENT_SCOPES,
  );
  save(list);
  return list;
}

export function forgetScope(scope: Scope): RecentScope[] {
  const list = loadRecentScopes().filter((s) => !sameScope(s, scope));
  save(list);
  return list;
}
