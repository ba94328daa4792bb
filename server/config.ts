// Chooses what answers /api. VERCEL_TOKEN → the real Vercel API (or VERCEL_API_URL) with the
// server's token. VERCEL_API_URL alone → the same proxy with no server token: each browser
// tab forwards the token its user pasted in Settings. Neither → the embedded emulator.
// Nothing else in the server knows which one it is talking to.
import { signInNeedsRealApi } from './auth/auth-config';
import type { ApiBackend } from './backend';
import type { Env } from './env';

export type { Env } from './env';

export async function createBackendFromEnv(env: Env): Promise<ApiBackend> {
  const token = env.VERCEL_TOKEN?.trim();
  const apiUrl = env.VERCEL_API_URL?.trim();
  if (token || apiUrl || signInNeedsRealApi(env)) {
    const { createProxyBackend, DEFAULT_UPSTREAM } = await import('./proxy/proxy-backend');
    const backend = createProxyBackend({
      token: token || undefined,
      upstream: apiUrl || DEFAULT_UPSTREAM,
      timeoutMs: parseTimeout(env.VERCEL_API_TIMEOUT_MS),
      freshMs: parseCacheMs(env.VERCEL_API_CACHE_MS),
      allowWrites: parseAllowWrites(env),
      log: (line) => console.error(line),
    });
    const { registryUpstreamFromEnv } = await import('./registry/registry-config');
    backend.registry = registryUpstreamFromEnv(env, token || undefined);
    return backend;
  }
  const { createEmulatorBackend } = await import('./emulator-backend');
  return createEmulatorBackend({ seedPath: env.VCR_SEED, env });
}

/** ALLOW_WRITES: `1`/`true` turns writes on; unset, empty, `0` or `false` leaves them off. */
export function parseAllowWrites(env: Env): boolean {
  const value = env.ALLOW_WRITES?.trim().toLowerCase() ?? '';
  if (value === '1' || value === 'true') return true;
  if (value === '' || value === '0' || value === 'false') return false;
  throw new Error(
    `ALLOW_WRITES must be 1 (writes on) or 0 / unset (writes off), got "${env.ALLOW_WRITES}".`,
  );
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    throw new Error(
      `VERCEL_API_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000, got "${value}".`,
    );
  }
  return ms;
}

/** VERCEL_API_CACHE_MS: how long tabs share a VCR read (0 = only while in flight). */
export function parseCacheMs(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > 1000) {
    throw new Error(
      `VERCEL_API_CACHE_MS must be a whole number of milliseconds from 0 to 1000, got "${value.slice(0, 40)}".`,
    );
  }
  return ms;
}

/** The start-up banner's scope line. */
export function describeScope(
  scope: { projectId: string; teamId?: string; source: string } | null,
): string {
  if (!scope) {
    return 'Default scope: none (set VERCEL_PROJECT_ID and VERCEL_ORG_ID, or run inside a `vercel link`ed folder)';
  }
  const from =
    scope.source === 'env'
      ? 'VERCEL_PROJECT_ID'
      : scope.source === 'vercel-project-json'
        ? '.vercel/project.json'
        : 'the emulator seed';
  return `Default scope: ${scope.projectId}${scope.teamId ? ` / ${scope.teamId}` : ''} (from ${from})`;
}

/** The start-up banner's writes line. */
export function describeWrites(on: boolean): string {
  return on
    ? 'Writes: ON (ALLOW_WRITES=1): delete image/repository, visibility and sharing are allowed'
    : 'Writes: off (read-only; ALLOW_WRITES=1 enables them)';
}
