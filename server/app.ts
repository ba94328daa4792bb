// The dashboard server: the built SPA and the API under one origin, so the browser needs
// no CORS and never holds a token.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Auth } from './auth';
import type { ApiBackend } from './backend';
import type { DashboardConfig } from './dashboard-config';
import { createHostAllowList, hostGuard, type HostAllowList } from './host-guard';
import { apiRequestUrl, requestGuard } from './proxy/request-guard';
import { requestBodyLimit, securityHeaders } from './security-headers';

export interface AppOptions {
  backend: ApiBackend;
  /** Folder of the built app (vite build output). */
  distDir: string;
  config: DashboardConfig;
  /** Which Host names the server answers for; loopback names only when absent. */
  hosts?: HostAllowList;
  /** Sign in with Vercel (server/auth): gates pages and /api, picks the API token. */
  auth?: Auth;
}

export function createApp({ backend, distDir, config, hosts, auth }: AppOptions): Hono {
  const app = new Hono();
  // First, so every response (pages, assets, API, errors) carries them.
  app.use('*', securityHeaders());
  // Before anything else does work: a foreign Host (DNS rebinding) gets 421, a foreign
  // Origin on a write or a cross-site fetch of /api or /auth gets 403.
  app.use('*', hostGuard(hosts ?? createHostAllowList()));
  app.use('*', requestBodyLimit());
  // In proxy mode the raw request target is checked before URL parsing can hide a `..`.
  if (backend.mode === 'proxy') app.use('/api/*', requestGuard());

  app.get('/_dashboard/config', (c) => {
    c.header('cache-control', 'no-store');
    if (!auth) return c.json({ ...config, auth: { mode: 'none' } });
    // With sign-in, only a signed-in, allowed user learns the default team and project.
    const who = auth.describe(c.req.raw);
    const known = who.user !== undefined && who.allowed !== false;
    return c.json({ ...config, defaultScope: known ? config.defaultScope : null, auth: who });
  });

  const api = auth ? auth.wrapBackend(backend) : backend;
  if (auth) app.route('/', auth.routes);

  app.all('/api/*', async (c) => {
    // Strip the mount point; the backend sees the API's own paths.
    const target = apiRequestUrl(new URL(c.req.url));
    if (!(target instanceof URL)) {
      c.header('cache-control', 'no-store');
      return c.json({ error: { code: target.code, message: target.message } }, target.status);
    }
    const forwarded = new Request(target, c.req.raw);
    return api.fetch(forwarded);
  });

  if (backend.control) app.route('/', backend.control);

  const indexFile = path.join(distDir, 'index.html');
  // Page navigations need a session (a shared link goes through sign-in and comes back).
  if (auth) app.use('*', auth.pageGuard);
  app.use('/assets/*', async (c, next) => {
    await next();
    // Vite fingerprints asset names, so they can be cached forever.
    if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }));

  // SPA fallback: every other GET is a client-side route.
  app.get('*', (c) => {
    if (!existsSync(indexFile)) {
      return c.text('The app is not built. Run `npm run build` (npm start does it for you).', 503);
    }
    c.header('cache-control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });

  return app;
}
