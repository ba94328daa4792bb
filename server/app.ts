// The dashboard server: the built SPA and the API under one origin, so the browser needs
// no CORS and never holds a token.
import { Hono, type Context } from 'hono';
import type { Auth } from './auth';
import type { ApiBackend } from './backend';
import type { DashboardConfig } from './dashboard-config';
import { createHostAllowList, hostGuard, type HostAllowList } from './host-guard';
import { apiRequestUrl, requestGuard } from './proxy/request-guard';
import { createRegistryRoute, REGISTRY_MOUNT } from './registry/registry-route';
import { requestBodyLimit, securityHeaders } from './security-headers';
import { writeGate } from './writes/write-gate';
import { compressJson } from './static/compress-json';
import { serveDist } from './static/dist-files';
import { shellFromDist, type ShellSource } from './ssr/shell';
import { tagPage } from './ssr/tag-page';

export interface AppOptions {
  backend: ApiBackend;
  /** Folder of the built app (vite build output). */
  distDir: string;
  config: DashboardConfig;
  /** Which Host names the server answers for; loopback names only when absent. */
  hosts?: HostAllowList;
  /** Sign in with Vercel (server/auth): gates pages and /api, picks the API token. */
  auth?: Auth;
  /**
   * Whether pushes to the emulator's `/v2/` are accepted (loopback bind or ALLOW_WRITES=1);
   * the refusal message when not. Absent: refused.
   */
  registryPush?: { allowed: true } | { allowed: false; refusal: string };
  /** The server-rendered tag deep link: the API wait before the shell goes instead, the frame. */
  ssr?: { budgetMs?: number; shell?: ShellSource };
}

/** Where a push goes when this origin does not serve the registry. */
const REGISTRY_CLOSED =
  'this dashboard serves the registry protocol (/v2/) only in emulator mode without sign-in (npm start with no VERCEL_TOKEN); push to vcr.vercel.com instead';

export function createApp({
  backend,
  distDir,
  config,
  hosts,
  auth,
  registryPush,
  ssr,
}: AppOptions): Hono {
  // The emulator's registry on this origin: emulator mode only, and never behind sign-in
  // (registry clients bring their own Basic credentials, not a browser session).
  const registryProtocol =
    backend.mode === 'emulator' && !auth ? backend.registryProtocol : undefined;
  const app = new Hono();
  // First, so every response (pages, assets, API, errors) carries them.
  app.use('*', securityHeaders());
  // Before anything else does work: a foreign Host (DNS rebinding) gets 421, a foreign
  // Origin on a write or a cross-site fetch of /api or /auth gets 403.
  app.use('*', hostGuard(hosts ?? createHostAllowList()));
  // Registry uploads stream to disk (layers are large) and the registry checks their sizes;
  // where /v2/ is closed its answer reads no body.
  app.use(
    '*',
    requestBodyLimit(undefined, (p) => p.startsWith('/v2/')),
  );
  // In proxy mode the raw request target is checked before URL parsing can hide a `..`.
  if (backend.mode === 'proxy') app.use('/api/*', requestGuard());
  // Every backend: without ALLOW_WRITES nothing but GET/HEAD reaches it.
  app.use('/api/*', writeGate(config.writes, backend));
  app.use('/api/*', compressJson());
  app.use('/_dashboard/*', compressJson());

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

  if (backend.registry) {
    // Registry reads go behind the same session as the REST calls, with the same token.
    const route = createRegistryRoute(backend.registry);
    const registry = auth ? auth.wrapBackend({ ...backend, fetch: route }).fetch : route;
    app.all(`${REGISTRY_MOUNT}/*`, (c) => registry(c.req.raw));
  }

  const v2 = (c: Context) => {
    if (!registryProtocol) {
      c.header('cache-control', 'no-store');
      return c.json(
        { errors: [{ code: 'UNSUPPORTED', message: REGISTRY_CLOSED, detail: null }] },
        404,
      );
    }
    const options = registryPush?.allowed
      ? {}
      : {
          writesRefused:
            registryPush?.refusal ?? 'pushes to this dashboard are off: set ALLOW_WRITES=1',
        };
    return registryProtocol(c.req.raw, options);
  };
  app.all('/v2', v2);
  app.all('/v2/*', v2);

  app.all('/api/*', async (c) => {
    // Strip the mount point; the backend sees the API's own paths.
    const target = apiRequestUrl(new URL(c.req.url));
    if (!(target instanceof URL)) {
      c.header('cache-control', 'no-store');
      return c.json({ error: { code: target.code, message: target.message } }, target.status);
    }
    const raw = c.req.raw;
    // A read has no body: naming only what it has keeps @hono/node-server's light request
    // from being turned into a full WHATWG Request on every poll.
    const forwarded =
      raw.method === 'GET' || raw.method === 'HEAD'
        ? new Request(target, { method: raw.method, headers: raw.headers, signal: raw.signal })
        : new Request(target, raw);
    return api.fetch(forwarded);
  });

  if (backend.control) app.route('/', backend.control);

  // Page navigations need a session (a shared link goes through sign-in and comes back).
  if (auth) app.use('*', auth.pageGuard);
  // A tag deep link arrives rendered, with the reader's own data (server/ssr).
  app.get(
    '/repositories/:repo/tags/:tag',
    tagPage({
      api,
      serverCredential: config.serverToken,
      shell: ssr?.shell ?? shellFromDist(distDir),
      budgetMs: ssr?.budgetMs,
    }),
  );
  // The built app: files of dist/ (precompressed, cached per policy), else index.html for
  // client-side routes.
  app.get('*', serveDist(distDir));

  return app;
}
