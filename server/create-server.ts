// The one place that turns an environment into the dashboard's Hono app. Both hosts call it:
// `server/main.ts` (Node, `npm start`) and the Vercel Function (server/vercel-handler.ts), so
// a deployment serves exactly what `npm start` serves. Each host only adds what is its own:
// Node listens on a port and serves dist/ itself; on Vercel the CDN serves dist/ and the
// function answers /api, /auth and /_dashboard.
import type { Hono } from 'hono';
import { createApp } from './app';
import { createAuthFromEnv, describeAuth, type Auth } from './auth';
import { isLoopbackHostname } from './auth/auth-config';
import type { ApiBackend } from './backend';
import { createBackendFromEnv, describeScope, describeWrites, type Env } from './config';
import { createDashboardConfig, type DashboardConfig } from './dashboard-config';
import { resolveDeployment, type Deployment } from './deployment';
import { isLoopbackHost, sharedTokenRefusal, sharedTokenWarning } from './exposure';
import { hostAllowListFromEnv, type HostAllowList } from './host-guard';
import { parseSsrBudget } from './ssr/tag-page';
import type { ShellSource } from './ssr/shell';

export type ServerHost = 'node' | 'vercel';

export interface CreateServerOptions {
  host: ServerHost;
  /** Folder of the built app (vite build output). */
  distDir: string;
  /** Where `.vercel/project.json` is looked for as the default scope (Node only). */
  cwd: string;
  /** Node only: the address the server binds (HOST, default 127.0.0.1). */
  bindHost?: string;
  /** The frame of server-rendered pages; dist/index.html when absent. */
  shell?: ShellSource;
}

export interface DashboardServer {
  app: Hono;
  backend: ApiBackend;
  config: DashboardConfig;
  /** The Host/Origin allow-list. */
  hosts: HostAllowList;
  /** Sign in with Vercel, when configured. */
  auth: Auth | undefined;
  /** Vercel only: the mode and the hosts the deployment answers for. */
  deployment: Deployment | null;
  /** Node: call once listening (PORT=0 picks the port then). */
  listening(port: number): void;
  /** Lines to print under "listening on" (the function logs them once). */
  banner(): string[];
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
  // Sign-in settings are checked before anything starts; the local origin (for the default
  // redirect URI and the embedded issuer) is known once the server listens (PORT=0).
  let localOrigin = '';
  const auth = createAuthFromEnv({ ...env, HOST: bindHost }, () => localOrigin);
  const backend = await createBackendFromEnv(env);
  const config = createDashboardConfig(env, options.cwd, backend);
  const ssr = { budgetMs: parseSsrBudget(env.SSR_BUDGET_MS) };
  // Pushes into the embedded emulator are writes: on by themselves only when no other
  // machine can reach the server.
  const registryPush =
    isLoopbackHost(bindHost) || config.writes
      ? ({ allowed: true } as const)
      : ({
          allowed: false,
          refusal: `requested access to the resource is denied: pushes to this dashboard are off because it listens on HOST=${bindHost.slice(0, 100)}, beyond loopback; set ALLOW_WRITES=1 to accept pushes from everyone who can reach it`,
        } as const);
  const app = createApp({
    backend,
    distDir: options.distDir,
    config,
    hosts,
    auth,
    registryPush,
    ssr,
  });
  return {
    app,
    backend,
    config,
    hosts,
    auth,
    deployment: null,
    listening(port) {
      const loopback = isLoopbackHostname(bindHost) ? bindHost : '127.0.0.1';
      localOrigin = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${port}`;
      hosts.setPort(port);
    },
    banner: () => [
      backend.describe(),
      describeScope(config.defaultScope),
      describeAuth(auth),
      hosts.describe(),
      describeWrites(config.writes),
      ...(backend.registryProtocol && !auth
        ? [
            registryPush.allowed
              ? `Registry: ${localOrigin}/v2/ takes pushes (${isLoopbackHost(bindHost) ? 'loopback only' : 'ALLOW_WRITES=1'}), e.g. skopeo copy --dest-tls-verify=false --dest-creds <team id>:<token> oci:DIR:TAG docker://${localOrigin.replace(/^http:\/\//, '')}/<team-slug>/<project>/<repo>:TAG`
              : `Registry: ${localOrigin}/v2/ serves pulls; pushes are off beyond loopback (ALLOW_WRITES=1 enables them)`,
          ]
        : []),
    ],
    warning: sharedTokenWarning(env, bindHost),
  };
}

async function createDeploymentServer(
  env: Env,
  options: CreateServerOptions,
): Promise<DashboardServer> {
  const deployment = resolveDeployment(env);
  // A deployment has no local origin: sign-in needs PUBLIC_URL (resolveDeployment checks).
  const publicOrigin = env.PUBLIC_URL?.trim().replace(/\/$/, '') ?? '';
  const auth =
    deployment.mode === 'sign-in'
      ? createAuthFromEnv(deployment.env, () => publicOrigin)
      : undefined;
  const backend = await createBackendFromEnv(deployment.env);
  // The emulator's control routes (push, faults, reset, its OAuth server) would let any
  // visitor of a public demo change what every other visitor of that instance sees.
  // Nor does a deployment take pushes into its emulator (`/v2/` stays closed).
  const served: ApiBackend = { ...backend, control: undefined, registryProtocol: undefined };
  const config = createDashboardConfig(deployment.env, null, served, deployment.mode);
  const { hosts } = deployment;
  const ssr = { budgetMs: parseSsrBudget(deployment.env.SSR_BUDGET_MS), shell: options.shell };
  const app = createApp({ backend: served, distDir: options.distDir, config, hosts, auth, ssr });
  return {
    app,
    backend,
    config,
    hosts,
    auth,
    deployment,
    listening() {},
    banner: () => [
      deployment.describe(),
      backend.describe(),
      describeScope(config.defaultScope),
      describeAuth(auth),
      hosts.describe(),
      describeWrites(config.writes),
    ],
    warning: null,
  };
}
