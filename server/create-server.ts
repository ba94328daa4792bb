// The one place that turns an environment into the dashboard's Hono app. Both hosts call it:
// `server/main.ts` (Node, `npm start`) and the Vercel Function, so a deployment serves exactly
// what `npm start` serves. Each host only adds what is its own: Node listens on a port and
// serves dist/ itself; on Vercel the CDN serves dist/ and the function answers the rest.
import type { Hono } from 'hono';
import { createApp } from './app';
import type { ApiBackend } from './backend';
import { createBackendFromEnv, describeScope, type Env } from './config';
import { createDashboardConfig, type DashboardConfig } from './dashboard-config';

export type ServerHost = 'node' | 'vercel';

export interface CreateServerOptions {
  host: ServerHost;
  /** Folder of the built app (vite build output). */
  distDir: string;
  /** Where `.vercel/project.json` is looked for as the default scope. */
  cwd: string;
}

export interface DashboardServer {
  app: Hono;
  backend: ApiBackend;
  config: DashboardConfig;
  /** Lines the Node host prints under "listening on". */
  banner: string[];
}

export async function createServerFromEnv(
  env: Env,
  options: CreateServerOptions,
): Promise<DashboardServer> {
  const backend = await createBackendFromEnv(env);
  const config = createDashboardConfig(env, options.cwd, backend);
  const app = createApp({ backend, distDir: options.distDir, config });
  const banner = [backend.describe(), describeScope(config.defaultScope)];
  return { app, backend, config, banner };
}
