// The dashboard server: the built SPA and the API under one origin, so the browser needs
// no CORS and never holds a token.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { ApiBackend } from './backend';
import type { DashboardConfig } from './dashboard-config';
import { requestGuard } from './proxy/request-guard';
import { requestBodyLimit, securityHeaders } from './security-headers';
import { writeGate } from './writes/write-gate';

export interface AppOptions {
  backend: ApiBackend;
  /** Folder of the built app (vite build output). */
  distDir: string;
  config: DashboardConfig;
}

export function createApp({ backend, distDir, config }: AppOptions): Hono {
  const app = new Hono();
  // First, so every response (pages, assets, API, errors) carries them.
  app.use('*', securityHeaders());
  app.use('*', requestBodyLimit());
  // In proxy mode the raw request target is checked before URL parsing can hide a `..`.
  if (backend.mode === 'proxy') app.use('/api/*', requestGuard());
  // Every backend: without ALLOW_WRITES nothing but GET/HEAD reaches it.
  app.use('/api/*', writeGate(config.writes, backend));

  app.get('/_dashboard/config', (c) => {
    c.header('cache-control', 'no-store');
    return c.json(config);
  });

  app.all('/api/*', async (c) => {
    const url = new URL(c.req.url);
    // Strip the mount point; the backend sees the API's own paths.
    const apiPath = url.pathname.slice('/api'.length) || '/';
    const forwarded = new Request(new URL(apiPath + url.search, url.origin), c.req.raw);
    return backend.fetch(forwarded);
  });

  if (backend.control) app.route('/', backend.control);

  const indexFile = path.join(distDir, 'index.html');
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
