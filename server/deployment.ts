// What a Vercel deployment of the dashboard does, decided from the project's environment
// variables. Vercel sets its own system variables in every deployment (VERCEL_URL,
// VERCEL_BRANCH_URL, VERCEL_PROJECT_PRODUCTION_URL, VERCEL_ENV, and VERCEL_PROJECT_ID — the
// id of the *dashboard's own* project, which is not the project whose registry it shows).
// So in a deployment the default scope comes from VCR_PROJECT_ID/VCR_TEAM_ID instead, and
// the hosts the deployment answers for come from those system variables.
import type { Env } from './config';
import { parseAllowSharedToken } from './exposure';
import { createHostAllowList, type HostAllowList } from './host-guard';

export type DeploymentMode = 'demo' | 'sign-in' | 'shared-token' | 'token-per-tab';

export interface Deployment {
  mode: DeploymentMode;
  /** The environment the host-independent code reads (scope variables remapped). */
  env: Env;
  /** The deployment's system hosts and ALLOWED_HOSTS (PUBLIC_URL is added by `hosts`). */
  allowedHosts: string[];
  /** What server/host-guard.ts checks every request's Host and Origin against. */
  hosts: HostAllowList;
  describe(): string;
}

/** Variables Vercel sets in a deployment whose value is one of the deployment's host names. */
export const DEPLOYMENT_HOST_VARIABLES = [
  'VERCEL_URL',
  'VERCEL_BRANCH_URL',
  'VERCEL_PROJECT_PRODUCTION_URL',
] as const;

export class DeploymentConfigError extends Error {
  override name = 'DeploymentConfigError';
}

export function resolveDeployment(env: Env): Deployment {
  const set = (name: string) => Boolean(env[name]?.trim());
  let mode: DeploymentMode;
  if (set('VERCEL_APP_CLIENT_ID')) {
    // No local origin to fall back on: the redirect URI is PUBLIC_URL/auth/callback.
    if (!set('PUBLIC_URL')) {
      throw new DeploymentConfigError(
        'Sign in with Vercel needs PUBLIC_URL in a deployment: the origin people open (e.g. ' +
          `https://${env.VERCEL_PROJECT_PRODUCTION_URL?.trim() || 'vcr-dashboard.vercel.app'}), ` +
          'whose /auth/callback is the Vercel App’s redirect URI.',
      );
    }
    // The embedded issuer lives in the emulator's control routes, which are not deployed.
    if (env.VERCEL_OAUTH_ISSUER?.trim() === 'embedded') {
      throw new DeploymentConfigError(
        'VERCEL_OAUTH_ISSUER=embedded is for local use only; unset it (Vercel is the issuer).',
      );
    }
    mode = 'sign-in';
  } else if (set('VERCEL_TOKEN')) {
    // A deployment is reachable by anyone who has its URL: a server token with nobody
    // signing in is everybody's token, so it takes an explicit opt-in.
    if (!parseAllowSharedToken(env.ALLOW_SHARED_TOKEN)) {
      throw new DeploymentConfigError(
        'VERCEL_TOKEN is set but nobody has to sign in, so anyone who reaches this deployment ' +
          'would use that token. Configure Sign in with Vercel (VERCEL_APP_CLIENT_ID, ' +
          'VERCEL_APP_CLIENT_SECRET, SESSION_SECRET), or set ALLOW_SHARED_TOKEN=1 to share the ' +
          'token on purpose (with Deployment Protection on).',
      );
    }
    mode = 'shared-token';
  } else if (set('VERCEL_API_URL')) mode = 'token-per-tab';
  else mode = 'demo';

  const scoped: Env = {
    ...env,
    VERCEL_PROJECT_ID: env.VCR_PROJECT_ID,
    VERCEL_ORG_ID: env.VCR_TEAM_ID,
  };
  // Vercel never sets these, but a project that copied a local `.env` might have: the demo
  // must not turn into a proxy by accident of a stray empty value, so blanks count as unset.
  for (const name of ['VERCEL_TOKEN', 'VERCEL_API_URL'] as const) {
    if (!set(name)) delete scoped[name];
  }

  const allowedHosts = deploymentHosts(env);
  const publicUrl = env.PUBLIC_URL?.trim();
  const hosts = createHostAllowList({ allowedHosts, ...(publicUrl ? { publicUrl } : {}) });
  return {
    mode,
    env: scoped,
    allowedHosts,
    hosts,
    describe: () => `Vercel deployment: ${MODE_LABEL[mode]}`,
  };
}

const MODE_LABEL: Record<DeploymentMode, string> = {
  demo: 'demo (embedded emulator, state per function instance)',
  'sign-in': 'Sign in with Vercel',
  'shared-token': 'shared server token (ALLOW_SHARED_TOKEN=1)',
  'token-per-tab': 'no server token (each tab pastes its own)',
};

/** The deployment's own hosts (Vercel's system variables) and ALLOWED_HOSTS, lower-case. */
export function deploymentHosts(env: Env): string[] {
  const hosts: string[] = [];
  for (const name of DEPLOYMENT_HOST_VARIABLES) {
    const value = env[name]?.trim();
    if (value) hosts.push(value);
  }
  for (const value of (env.ALLOWED_HOSTS ?? '').split(',')) {
    if (value.trim()) hosts.push(value.trim());
  }
  return [...new Set(hosts.map((h) => h.toLowerCase()))];
}
