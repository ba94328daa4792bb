// The Vercel deployment, tested from what `npm run build:vercel` writes (.vercel/output,
// Build Output API v3) rather than from the sources: the built function is run the way its
// Node.js launcher runs it (scripts/run-vercel-function.mjs), against the standalone
// emulator as the upstream API, and config.json's routes are evaluated as the Build Output
// API documents them (scripts/vercel-routes.ts).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/support/spawn-server';
import { buildDemoSeed, DEMO_OAUTH_CLIENT_ID, DEMO_OAUTH_CLIENT_SECRET } from '../emulator';
import { SECURITY_HEADERS } from '../server/security-headers';
import { FUNCTION_PATH, IMMUTABLE_CACHE } from '../server/vercel-config';
import { formFields } from '../emulator/testing';
import { resolveRoute, type BuildOutputRoute } from './vercel-routes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const output = path.join(root, '.vercel', 'output');
const funcDir = path.join(output, 'functions', `${FUNCTION_PATH}.func`);

const DEPLOYMENT_HOST = 'vcr-dashboard-git-main-northwind.vercel.app';
const PRODUCTION_HOST = 'registry.northwind.example';

let routes: BuildOutputRoute[];

beforeAll(async () => {
  // Offline by construction: the CLI may not phone home, and the build needs no token.
  await promisify(execFile)('npm', ['run', 'build:vercel'], {
    cwd: root,
    env: { ...process.env, VERCEL_TOKEN: '', VERCEL_ORG_ID: '', VERCEL_PROJECT_ID: '' },
    maxBuffer: 16 * 1024 * 1024,
  });
  routes = (
    JSON.parse(readFileSync(path.join(output, 'config.json'), 'utf8')) as {
      routes: BuildOutputRoute[];
    }
  ).routes;
}, 240_000);

interface RunningFunction {
  port: number;
  stop(): Promise<void>;
  logs(): string;
}

/** One function instance with the given project environment (and nothing else). */
async function startFunction(env: Record<string, string>): Promise<RunningFunction> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'run-vercel-function.mjs'), funcDir],
    {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${out}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /Vercel function listening on http:\/\/[^:]+:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the function exited (${code}):\n${out}`));
    });
  });
  return {
    port,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request with exactly this target and Host, as Vercel's proxy would hand it on. */
function send(
  fn: RunningFunction,
  target: string,
  host = DEPLOYMENT_HOST,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: fn.port, path: target, method, headers: { ...headers, host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const TAG = '/api/v1/vcr/repository/web/tags/latest?projectId=prj_storefront&teamId=team_northwind';
const DEEP_LINK = '/repositories/web/tags/latest?projectId=prj_storefront&teamId=team_northwind';

/** The deep link as the function renders it: the tag's facts in the first response, private. */
function expectRenderedDeepLink(res: Answer) {
  expect(res.status, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(res.headers['cache-control']).toBe('private, no-store');
  expect(res.headers['vary']).toMatch(/\bCookie\b/);
  expect(res.body).toContain('<h1 id="tag-title"');
  expect(res.body).toMatch(/docker pull vcr\.vercel\.com\/northwind\/storefront\/web:latest/);
  expect(res.body).toContain('<script type="application/json" id="vcr-ssr">');
  // Framed by this build's index.html: its hashed script is the one the CDN serves.
  const index = readFileSync(path.join(output, 'static', 'index.html'), 'utf8');
  const script = /\/assets\/index-[\w-]{8}\.js/.exec(index)?.[0];
  expect(script).toBeDefined();
  expect(res.body).toContain(script!);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(res.headers[name]).toBe(value);
  }
}

describe('the built function, shared-token mode, with the standalone emulator upstream', () => {
  let emulator: RunningServer;
  let fn: RunningFunction;

  beforeAll(async () => {
    emulator = await startServer({ entry: 'emulator/main.ts' });
    fn = await startFunction({
      VERCEL_TOKEN: 'vcr_demo_token',
      VERCEL_API_URL: emulator.url.replace(/\/$/, ''),
      ALLOW_SHARED_TOKEN: '1',
      // What Vercel sets in every deployment: the dashboard's own project and hosts.
      VERCEL: '1',
      VERCEL_ENV: 'production',
      VERCEL_URL: 'vcr-dashboard-k3j2h1.vercel.app',
      VERCEL_BRANCH_URL: DEPLOYMENT_HOST,
      VERCEL_PROJECT_PRODUCTION_URL: PRODUCTION_HOST,
      VERCEL_PROJECT_ID: 'prj_the_dashboard_itself',
      // The registry to show.
      VCR_PROJECT_ID: 'prj_storefront',
      VCR_TEAM_ID: 'team_northwind',
    });
  }, 60_000);
  afterAll(async () => {
    await fn?.stop();
    await emulator?.stop();
  });

  it('answers a tag GET through the proxy, with the security headers', async () => {
    const res = await send(fn, TAG);
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ tag: { tag: 'latest' } });
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers[name]).toBe(value);
    }
  });

  it('renders the tag deep link with the tag in the first response', async () => {
    expectRenderedDeepLink(await send(fn, DEEP_LINK));
  });

  it('answers on each of the deployment’s own hosts', async () => {
    for (const host of ['vcr-dashboard-k3j2h1.vercel.app', DEPLOYMENT_HOST, PRODUCTION_HOST]) {
      expect((await send(fn, TAG, host)).status).toBe(200);
    }
  });

  it('refuses a foreign Host with 421', async () => {
    const res = await send(fn, TAG, 'attacker.example');
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'misdirected_request' } });
  });

  it('refuses a cross-site read of /api and a write from a foreign origin with 403', async () => {
    const crossSite = await send(fn, TAG, DEPLOYMENT_HOST, 'GET', {
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const write = await send(fn, '/api/v1/vcr/repository', DEPLOYMENT_HOST, 'POST', {
      origin: 'https://attacker.example',
    });
    expect(write.status).toBe(403);
    expect(JSON.parse(write.body)).toMatchObject({ error: { code: 'cross_origin_request' } });
  });

  it('refuses hostile paths without forwarding them', async () => {
    const env = await send(fn, '/api/v9/projects/prj_storefront/env');
    expect(env.status).toBe(404);
    const traversal = await send(fn, '/api/v1/vcr/%2e%2e/%2e%2e/v9/projects/p/env');
    expect(traversal.status).toBe(400);
    expect(JSON.parse(traversal.body)).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('takes the default scope from VCR_PROJECT_ID, not Vercel’s own VERCEL_PROJECT_ID', async () => {
    const res = await send(fn, '/_dashboard/config');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({
      mode: 'proxy',
      serverToken: true,
      defaultScope: { projectId: 'prj_storefront', teamId: 'team_northwind', source: 'env' },
      deployment: 'shared-token',
    });
    expect(res.body).not.toContain('vcr_demo_token');
  });
});

describe('the built function, sign-in mode, with the standalone emulator as Vercel', () => {
  let emulator: RunningServer;
  let fn: RunningFunction;
  let issuer: string;

  beforeAll(async () => {
    // The demo seed, its Vercel App registered with the deployment's callback as well (a
    // Vercel App matches non-loopback redirect URIs exactly).
    const seed = buildDemoSeed();
    seed.oauthApps![0]!.redirectUris.push(`https://${PRODUCTION_HOST}/auth/callback`);
    emulator = await startServer({ entry: 'emulator/main.ts', seed });
    issuer = `${emulator.url}__emulator/oauth`;
    fn = await startFunction({
      VERCEL_APP_CLIENT_ID: DEMO_OAUTH_CLIENT_ID,
      VERCEL_APP_CLIENT_SECRET: DEMO_OAUTH_CLIENT_SECRET,
      SESSION_SECRET: 'artifact-test-session-secret-0123456789abcdef',
      PUBLIC_URL: `https://${PRODUCTION_HOST}`,
      VERCEL_OAUTH_ISSUER: issuer,
      VERCEL_API_URL: emulator.url.replace(/\/$/, ''),
      VERCEL: '1',
      VERCEL_URL: DEPLOYMENT_HOST,
      VERCEL_PROJECT_PRODUCTION_URL: PRODUCTION_HOST,
      VCR_PROJECT_ID: 'prj_storefront',
      VCR_TEAM_ID: 'team_northwind',
    });
  }, 60_000);
  afterAll(async () => {
    await fn?.stop();
    await emulator?.stop();
  });

  it('sends /auth/login to the issuer with PUBLIC_URL’s callback, PKCE and state', async () => {
    const res = await send(
      fn,
      `/auth/login?returnTo=${encodeURIComponent('/repositories/web/tags/latest')}`,
      PRODUCTION_HOST,
    );
    expect([302, 303], res.body).toContain(res.status);
    const location = new URL(String(res.headers.location));
    expect(location.href.startsWith(issuer)).toBe(true);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: DEMO_OAUTH_CLIENT_ID,
      redirect_uri: `https://${PRODUCTION_HOST}/auth/callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
      state: expect.any(String),
    });
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
  });

  it('answers /api with 401 until someone signs in, and says so in its config', async () => {
    expect((await send(fn, TAG, PRODUCTION_HOST)).status).toBe(401);
    const config = JSON.parse((await send(fn, '/_dashboard/config', PRODUCTION_HOST)).body);
    expect(config).toMatchObject({ deployment: 'sign-in', auth: { mode: 'per-user' } });
    expect(config.auth.user).toBeUndefined();
  });

  it('signs a teammate in (authorize page, Allow, callback) and then serves the API as them', async () => {
    const jar = new Map<string, string>();
    const keep = (res: Answer) => {
      const raw = res.headers['set-cookie'] ?? [];
      for (const c of Array.isArray(raw) ? raw : [raw]) {
        const [pair] = c.split(';');
        const at = pair!.indexOf('=');
        const name = pair!.slice(0, at);
        const value = pair!.slice(at + 1);
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
    };
    const cookies = () => ({
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
    });
    const shared = '/repositories/web/tags/latest?projectId=prj_storefront&teamId=team_northwind';

    const login = await send(
      fn,
      `/auth/login?returnTo=${encodeURIComponent(shared)}`,
      PRODUCTION_HOST,
    );
    keep(login);
    // The browser's part, at the issuer: the authorize page, then its form with Allow.
    const page = await fetch(String(login.headers.location));
    const html = await page.text();
    expect(page.status, html).toBe(200);
    const form = formFields(html);
    form.set('username', 'maya');
    form.set('decision', 'allow');
    const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!, page.url);
    const consent = await fetch(action, { method: 'POST', body: form, redirect: 'manual' });
    const body = await consent.text();
    const back = new URL(
      consent.headers.get('location') ??
        /http-equiv="refresh" content="0;url=([^"]+)"/.exec(body)![1]!.replace(/&amp;/g, '&'),
    );
    expect(back.origin).toBe(`https://${PRODUCTION_HOST}`);
    expect(back.pathname).toBe('/auth/callback');

    // Back at the deployment: the callback exchanges the code and lands on the shared link.
    const callback = await send(fn, back.pathname + back.search, PRODUCTION_HOST, 'GET', cookies());
    expect([302, 303], callback.body).toContain(callback.status);
    expect(callback.headers.location).toBe(shared);
    keep(callback);
    const session = [...jar.keys()].find((k) => k.includes('session'));
    expect(session).toBe('__Host-vcr_session');

    const tag = await send(fn, TAG, PRODUCTION_HOST, 'GET', cookies());
    expect(tag.status, tag.body).toBe(200);
    expect(JSON.parse(tag.body)).toMatchObject({ tag: { tag: 'latest' } });
    expect(tag.body).not.toMatch(/vca_|vcr_demo_token/);
    // The shared link itself arrives rendered with maya's own data; never a token in it.
    const rendered = await send(fn, shared, PRODUCTION_HOST, 'GET', {
      ...cookies(),
      accept: 'text/html',
    });
    expectRenderedDeepLink(rendered);
    expect(rendered.body).not.toMatch(/vca_|vcr_demo_token/);
    // Without the session the same link goes through sign-in, never a stored copy.
    const anonymous = await send(fn, shared, PRODUCTION_HOST, 'GET', { accept: 'text/html' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.body).not.toContain('vcr-ssr');
    const config = JSON.parse(
      (await send(fn, '/_dashboard/config', PRODUCTION_HOST, 'GET', cookies())).body,
    );
    expect(config).toMatchObject({
      auth: { mode: 'per-user', user: { username: 'maya' } },
      defaultScope: { projectId: 'prj_storefront' },
    });
    expect(JSON.stringify(config)).not.toMatch(/vca_/);
  });
});

describe('the built function with no configuration', () => {
  let fn: RunningFunction;
  beforeAll(async () => {
    fn = await startFunction({ VERCEL: '1', VERCEL_URL: DEPLOYMENT_HOST });
  }, 60_000);
  afterAll(async () => fn?.stop());

  it('serves the demo (embedded emulator) and says so in its config', async () => {
    const config = await send(fn, '/_dashboard/config');
    expect(JSON.parse(config.body)).toMatchObject({ mode: 'emulator', deployment: 'demo' });
    const tag = await send(fn, TAG);
    expect(tag.status).toBe(200);
    expect(JSON.parse(tag.body)).toMatchObject({ tag: { tag: 'latest' } });
    expect(fn.logs()).toContain('Vercel deployment: demo');
  });

  it('renders the demo’s tag deep link on the server', async () => {
    expectRenderedDeepLink(await send(fn, DEEP_LINK));
  });

  it('does not deploy the emulator’s control routes', async () => {
    const reset = await send(fn, '/__emulator/reset', DEPLOYMENT_HOST, 'POST');
    expect(reset.status).toBe(404);
  });
});

describe('the built function with a server token and nobody signing in', () => {
  it('refuses every request with the reason, never the token', async () => {
    const fn = await startFunction({
      VERCEL_TOKEN: 'tok_secret_never_shown',
      VERCEL_URL: DEPLOYMENT_HOST,
    });
    try {
      const res = await send(fn, TAG);
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({
        error: {
          code: 'deployment_misconfigured',
          message: expect.stringMatching(/ALLOW_SHARED_TOKEN=1/),
        },
      });
      expect(res.body + fn.logs()).not.toContain('tok_secret_never_shown');
    } finally {
      await fn.stop();
    }
  });
});

describe('config.json routes', () => {
  const where = (p: string) => resolveRoute(output, routes, p);

  it('sends client-side routes to index.html with the security headers', () => {
    for (const p of ['/', '/repositories/web', '/settings', '/__emulator/reset']) {
      const r = where(p);
      expect(r, p).toMatchObject({
        kind: 'static',
        path: expect.stringMatching(/^\/(index\.html)?$/),
      });
      expect(r.headers).toEqual(expect.objectContaining(SECURITY_HEADERS));
    }
  });

  it('sends /api, /auth and /_dashboard to the one function with their paths', () => {
    for (const p of [
      '/api/v1/vcr/repository/web/tags/latest',
      '/api/v9/projects/prj_storefront',
      '/auth/login',
      '/auth/callback',
      '/_dashboard/config',
    ]) {
      expect(where(p), p).toMatchObject({ kind: 'function', path: FUNCTION_PATH });
    }
  });

  it('sends the tag deep link to the function, which renders it', () => {
    for (const p of ['/repositories/web/tags/latest', '/repositories/api/tags/v1.2.3']) {
      expect(where(p), p).toMatchObject({ kind: 'function', path: FUNCTION_PATH });
    }
    expect(where('/repositories/web/images/img_1')).toMatchObject({ kind: 'static' });
  });

  it('serves hashed assets as immutable, and a missing asset as a 404, not the page', () => {
    const assets = readdirSync(path.join(output, 'static', 'assets'));
    const js = assets.find((f) => /^index-[\w-]{8}\.js$/.test(f));
    expect(js).toBeDefined();
    const hit = where(`/assets/${js}`);
    expect(hit).toMatchObject({ kind: 'static', headers: { 'cache-control': IMMUTABLE_CACHE } });
    expect(hit.headers).toEqual(expect.objectContaining(SECURITY_HEADERS));
    expect(where('/assets/index-00000000.js').kind).toBe('not-found');
  });

  it('carries exactly the Node server’s security headers (generated, not copied)', () => {
    const all = routes.find((r) => r.src === '^(?:/(.*))$' && r.headers);
    expect(all?.headers).toEqual(SECURITY_HEADERS);
  });
});

describe('static files', () => {
  it('hold the built app with its hashed assets, all referenced by index.html', () => {
    const html = readFileSync(path.join(output, 'static', 'index.html'), 'utf8');
    const referenced = [...html.matchAll(/\/assets\/([\w.-]+)/g)].map((m) => m[1]!);
    expect(referenced.length).toBeGreaterThanOrEqual(2);
    for (const name of referenced) {
      expect(name).toMatch(/-[\w-]{8}\.(js|css)$/);
      expect(existsSync(path.join(output, 'static', 'assets', name)), name).toBe(true);
    }
  });

  it('leave the built app out of the function bundle', () => {
    expect(existsSync(path.join(funcDir, 'dist'))).toBe(false);
    const vc = JSON.parse(readFileSync(path.join(funcDir, '.vc-config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(vc).toMatchObject({ launcherType: 'Nodejs', handler: 'api/dashboard.js' });
    expect(String(vc.runtime)).toMatch(/^nodejs\d+\.x$/);
  });
});
