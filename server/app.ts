// The dashboard server: the built SPA and the API under one origin, so the browser needs
// no CORS and never holds a token.
import { Hono } from 'hono';
import type { ApiBackend } from './backend';
import type { DashboardConfig } from './dashboard-config';
import { requestGuard } from './proxy/request-guard';
import { requestBodyLimit, securityHeaders } from './security-headers';
import { compressJson } from './static/compress-json';
import { serveDist } from './static/dist-files';

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
  app.use('/api/*', compressJson());
  app.use('/_dashboard/*', compressJson());

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

  // The built app: files of dist/ (precompressed, cached per policy), else index.html for
  // client-side routes.
  app.get('*', serveDist(distDir));

  return app;
}
