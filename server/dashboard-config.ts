// What the page needs to know about the server before it asks the API anything: which
// backend answers, whether the server holds a token, and the default scope. Served outside
// /api so it can never be mistaken for (or forwarded to) the Vercel API. Never holds secrets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiBackend } from './backend';
import { parseAllowWrites, type Env } from './config';
import type { DeploymentMode } from './deployment';
import { isPlaceholderLink } from './vercel-link';

export interface DefaultScope {
  projectId: string;
  teamId?: string;
  source: 'env' | 'vercel-project-json' | 'emulator';
}

export interface DashboardConfig {
  mode: ApiBackend['mode'];
  /** True when the server adds the Authorization header itself. */
  serverToken: boolean;
  defaultScope: DefaultScope | null;
  /** Set only in a Vercel deployment, so the page can say when it is a public demo. */
  deployment?: DeploymentMode;
  /** Sign in with Vercel: filled in per request by app.ts (never a token). */
  auth?: { mode: 'none' | 'per-user' | 'allow-list'; user?: unknown; allowed?: boolean };
  /** ALLOW_WRITES=1: the page may show write controls, and /api admits the allow-listed writes. */
  writes: boolean;
}

/**
 * The Vercel CLI's own conventions, in its order: VERCEL_ORG_ID + VERCEL_PROJECT_ID, then
 * .vercel/project.json in the working directory, then (emulator only) the demo project.
 */
export function resolveDefaultScope(
  env: Env,
  cwd: string | null,
  backend: ApiBackend,
): DefaultScope | null {
  if (env.VERCEL_PROJECT_ID) {
    return {
      projectId: env.VERCEL_PROJECT_ID,
      ...(env.VERCEL_ORG_ID ? { teamId: env.VERCEL_ORG_ID } : {}),
      source: 'env',
    };
  }
  // A deployment (cwd null) is never "linked": its function bundle has no .vercel folder.
  const linked = cwd === null ? null : path.join(cwd, '.vercel', 'project.json');
  if (linked && existsSync(linked)) {
    try {
      const json = JSON.parse(readFileSync(linked, 'utf8')) as {
        projectId?: unknown;
        orgId?: unknown;
      };
      // `npm run build:vercel` writes placeholder ids when the folder is not linked; they
      // name no real project, so they are no default scope.
      if (typeof json.projectId === 'string' && json.projectId && !isPlaceholderLink(json)) {
        return {
          projectId: json.projectId,
          ...(typeof json.orgId === 'string' && json.orgId ? { teamId: json.orgId } : {}),
          source: 'vercel-project-json',
        };
      }
    } catch {
      // An unreadable link file is ignored, as if the directory were not linked.
    }
  }
  const fromBackend = backend.mode === 'emulator' ? backend.defaultScope?.() : undefined;
  return fromBackend ? { ...fromBackend, source: 'emulator' } : null;
}

export function createDashboardConfig(
  env: Env,
  cwd: string | null,
  backend: ApiBackend,
  deployment?: DeploymentMode,
): DashboardConfig {
  return {
    mode: backend.mode,
    // With sign-in the server adds each user's own token: nothing to paste in a tab.
    serverToken:
      backend.mode === 'emulator' || Boolean(env.VERCEL_TOKEN) || Boolean(env.VERCEL_APP_CLIENT_ID),
    defaultScope: resolveDefaultScope(env, cwd, backend),
    ...(deployment ? { deployment } : {}),
    writes: parseAllowWrites(env),
  };
}
