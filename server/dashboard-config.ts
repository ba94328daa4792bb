// What the page needs to know about the server before it asks the API anything: which
// backend answers, whether the server holds a token, and the default scope. Served outside
// /api so it can never be mistaken for (or forwarded to) the Vercel API. Never holds secrets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiBackend } from './backend';
import { parseAllowWrites, type Env } from './config';

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
  /** ALLOW_WRITES=1: the page may show write controls, and /api admits the allow-listed writes. */
  writes: boolean;
}

/**
 * The Vercel CLI's own conventions, in its order: VERCEL_ORG_ID + VERCEL_PROJECT_ID, then
 * .vercel/project.json in the working directory, then (emulator only) the demo project.
 */
export function resolveDefaultScope(
  env: Env,
  cwd: string,
  backend: ApiBackend,
): DefaultScope | null {
  if (env.VERCEL_PROJECT_ID) {
    return {
      projectId: env.VERCEL_PROJECT_ID,
      ...(env.VERCEL_ORG_ID ? { teamId: env.VERCEL_ORG_ID } : {}),
      source: 'env',
    };
  }
  const linked = path.join(cwd, '.vercel', 'project.json');
  if (existsSync(linked)) {
    try {
      const json = JSON.parse(readFileSync(linked, 'utf8')) as {
        projectId?: unknown;
        orgId?: unknown;
      };
      if (typeof json.projectId === 'string' && json.projectId) {
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

export function createDashboardConfig(env: Env, cwd: string, backend: ApiBackend): DashboardConfig {
  return {
    mode: backend.mode,
    serverToken: backend.mode === 'emulator' || Boolean(env.VERCEL_TOKEN),
    defaultScope: resolveDefaultScope(env, cwd, backend),
    writes: parseAllowWrites(env),
  };
}
