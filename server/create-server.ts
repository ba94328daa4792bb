// The one place that turns an environment into the dashboard's Hono app. Both hosts call it:
// `server/main.ts` (Node, `npm start`) and the Vercel Function (server/vercel-handler.ts), so
// a deployment serves exactly what `npm start` serves. Each host only adds what is its own:
// Node listens on a port and serves dist/ itself; on Vercel the CDN serves dist/ and the
// function answers /api, /auth and /_dashboard.
import type { Hono } from 'hono';
import { createApp } from './app';
import type { ApiBackend } from './backend';
import { createBackendFromEnv, describeScope, type Env } from './config';
import { createDashboardConfig, type DashboardConfig } from './dashboard-config';
import { resolveDeployment, type Deployment } from './deployment';
import { sharedTokenRefusal, sharedTokenWarning } from './exposure';
import { hostAllowListFromEnv, type HostAllowList } from './host-guard';

export type ServerHost = 'node' | 'vercel';

export interface CreateServerOptions {
  host: ServerHost;
  /** Folder of the built app (vite build output). */
  distDir: string;
  /** Where `.vercel/project.json` is looked for as the default scope (Node only). */
  cwd: string;
  /** Node only: the address the server binds (HOST, default 127.0.0.1). */
  bindHost?: string;
}

export interface DashboardServer {
  app: Hono;
  backend: ApiBackend;
  config: DashboardConfig;
  /** The Host/Origin allow-list; Node records its port once listening (PORT=0). */
  hosts: HostAllowList;
  /** Vercel only: the mode and the hosts the deployment answers for. */
  deployment: Deployment | null;
  /** Lines the Node host prints under "listening on" (the function logs them once). */
  banner: string[];
  /** A warning to print after the banner (a token shared on purpose), or null. */
  warning: string | null;
}

export async function createServerFromEnv(
  env: Env,
  options: CreateServerOptions,
): Promise<DashboardServer> {
  if (options.host === 'vercel') return createDeploymentServer(env, options);
  const bindHost = options.bindHost ?? '127.0.0.1';
  // Before anything starts: exposing a shared token must be a choice, and a bad
  // PUBLIC_URL/ALLOWED_HOSTS is named now rather than met as a 421 later.
  const refusal = sharedTokenRefusal(env, bindHost);
  if (refusal) throw new Error(refusal);
  const hosts = hostAllowListFromEnv(env, { bindHost });
  const backend = await createBackendFromEnv(env);
  const config = createDashboardConfig(env, options.cwd, backend);
  const app = createApp({ backend, distDir: options.distDir, config, hosts });
  const banner = [backend.describe(), describeScope(config.defaultScope)];
  const warning = sharedTokenWarning(env, bindHost);
  return { app, backend, config, hosts, deployment: null, banner, warning };
}

async function createDeploymentServer(
  env: Env,
  options: CreateServerOptions,
): Promise<DashboardServer> {
  const deployment = resolveDeployment(env);
  if (deployment.mode === 'sign-in') {
    // Integration point for Sign in with Vercel (server/auth/): until it is part of this
    // build, a deployment configured for it refuses to start rather than serve without it.
    throw new Error(
      'VERCEL_APP_CLIENT_ID is set, but this build has no Sign in with Vercel. Unset it to serve the demo.',
    );
  }
  const backend = await createBackendFromEnv(deployment.env);
  // The emulator's control routes (push, faults, reset) would let any visitor of a public
  // demo change what every other visitor of that function instance sees: not deployed.
  const served: ApiBackend = { ...backend, control: undefined };
  const config = createDashboardConfig(deployment.env, null, served, deployment.mode);
  const { hosts } = deployment;
  const app = createApp({ backend: served, distDir: options.distDir, config, hosts });
  const banner = [
    deployment.describe(),
    backend.describe(),
    describeScope(config.defaultScope),
    hosts.describe(),
  ];
  return { app, backend, config, hosts, deployment, banner, warning: null };
}
