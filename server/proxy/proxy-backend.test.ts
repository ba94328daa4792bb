import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProxyBackend } from './proxy-backend';
import {
  defaultHandler,
  unusedOrigin,
  rawGet,
  startDashboard,
  startRecordingUpstream,
  type RecordingUpstream,
  type RunningApp,
} from './test-support';

const TOKEN = 'vcr_secret_token_4f9a2c';
const DIGEST = `sha256:${'ab'.repeat(32)}`;

let upstream: RecordingUpstream;
let dash: RunningApp;
let closedPort = '';
// The proxy's clock for freshness and Retry-After holds: frozen within a test, moved past
// any hold between tests, so each test meets the upstream afresh.
let clock = 0;

beforeAll(async () => {
  closedPort = await unusedOrigin();
  upstream = await startRecordingUpstream();
  dash = await startDashboard(
    createProxyBackend({ token: TOKEN, upstream: upstream.url, timeoutMs: 300, now: () => clock }),
  );
});
afterAll(async () => {
  await dash.close();
  await upstream.close();
});
afterEach(() => {
  clock += 24 * 3600_000;
  upstream.requests.length = 0;
  upstream.setHandler(defaultHandler);
});

describe('allowed routes', () => {
  // [path the browser asks for, path the upstream must receive]
  const cases: Array<[string, string]> = [
    [
      '/v1/vcr/repository?projectId=prj_1&teamId=team_1&limit=20&cursor=abc%2F%3D',
      '/v1/vcr/repository?projectId=prj_1&teamId=team_1&limit=20&cursor=abc%2F%3D',
    ],
    [
      '/v1/vcr/repository/web-app?projectId=prj_1&slug=acme',
      '/v1/vcr/repository/web-app?projectId=prj_1&slug=acme',
    ],
    [
      '/v1/vcr/repository/repo_123/tags?projectId=prj_1&sortBy=tag&sortOrder=asc&limit=100',
      '/v1/vcr/repository/repo_123/tags?projectId=prj_1&sortBy=tag&sortOrder=asc&limit=100',
    ],
    [
      '/v1/vcr/repository/web-app/tags/v1.2.3_rc-1?projectId=prj_1',
      '/v1/vcr/repository/web-app/tags/v1.2.3_rc-1?projectId=prj_1',
    ],
    [
      '/v1/vcr/repository/web-app/images?projectId=prj_1&untagged=true',
      '/v1/vcr/repository/web-app/images?projectId=prj_1&untagged=true',
    ],
    [
      '/v1/vcr/repository/web-app/images/image_abc123?projectId=prj_1',
      '/v1/vcr/repository/web-app/images/image_abc123?projectId=prj_1',
    ],
    [
      `/v1/vcr/repository/web-app/images/${encodeURIComponent(DIGEST)}?projectId=prj_1`,
      `/v1/vcr/repository/web-app/images/${encodeURIComponent(DIGEST)}?projectId=prj_1`,
    ],
    ['/v9/projects/prj_1?teamId=team_1', '/v9/projects/prj_1?teamId=team_1'],
    ['/teams/team_1', '/teams/team_1'],
    ['/v2/teams/acme', '/v2/teams/acme'],
    ['/v2/user', '/v2/user'],
  ];

  it.each(cases)(
    'forwards %s with the server token and nothing of the browser',
    async (path, expected) => {
      const res = await fetch(`${dash.origin}/api${path}`, {
        headers: {
          cookie: 'sid=browser-session',
          authorization: 'Bearer browser_token_ignored',
          'x-forwarded-for': '10.0.0.1',
          'x-forwarded-host': 'evil.example',
          'proxy-authorization': 'Basic Zm9vOmJhcg==',
          te: 'trailers',
          'accept-language': 'fr',
        },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ path: expected });
      expect(upstream.requests).toHaveLength(1);
      const seen = upstream.requests[0]!;
      expect(seen.method).toBe('GET');
      expect(seen.url).toBe(expected);
      expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(seen.headers.host).toBe(new URL(upstream.url).host);
      for (const h of [
        'cookie',
        'x-forwarded-for',
        'x-forwarded-host',
        'proxy-authorization',
        'te',
      ]) {
        expect(seen.headers[h], h).toBeUndefined();
      }
      // Exactly the proxy's own header set, nothing of the browser's.
      expect(Object.keys(seen.headers).sort()).toEqual([
        'accept',
        'authorization',
        'connection',
        'host',
        'user-agent',
      ]);
    },
  );

  it('passes status, body, Retry-After, x-vercel-id and content-type through, and drops set-cookie', async () => {
    upstream.setHandler((_req, res) => {
      res.writeHead(429, {
        'content-type': 'application/json; charset=utf-8',
        'retry-after': '7',
        'x-vercel-id': 'iad1::rate-1',
        'set-cookie': 'a=b',
        'x-internal-debug': 'secret-ish',
      });
      res.end(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }));
    });
    const res = await fetch(`${dash.origin}/api/v2/user`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-vercel-id')).toBe('iad1::rate-1');
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-internal-debug')).toBeNull();
    expect(await res.json()).toEqual({ error: { code: 'rate_limited', message: 'Slow down' } });
  });

  it('passes 404 and 403 bodies through unchanged', async () => {
    upstream.setHandler((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'not_found', message: 'VCR Tag not found.' } }));
    });
    const res = await fetch(`${dash.origin}/api/v1/vcr/repository/web-app/tags/nope?projectId=p`);
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toBe('VCR Tag not found.');
  });
});

describe('token safety', () => {
  it('never hands the token back, even from an upstream that echoes it', async () => {
    upstream.setHandler((req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-vercel-id': `echo ${req.headers.authorization ?? ''}`,
      });
      res.end(JSON.stringify({ echoed: req.headers.authorization }));
    });
    const res = await fetch(`${dash.origin}/api/v2/user`);
    const text = await res.text();
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('[redacted]');
    res.headers.forEach((value) => expect(value).not.toContain(TOKEN));
  });

  it('keeps the token out of error answers and the banner', async () => {
    const backend = createProxyBackend({ token: TOKEN, upstream: closedPort });
    const res = await backend.fetch(new Request('http://x/v2/user'));
    expect(res.status).toBe(502);
    expect(await res.text()).not.toContain(TOKEN);
    expect(backend.describe()).toBe(`API: proxy to ${closedPort} (token from VERCEL_TOKEN)`);
    expect(() => createProxyBackend({ token: 'bad\ntoken-value', upstream: upstream.url })).toThrow(
      /VERCEL_TOKEN contains characters/,
    );
    try {
      createProxyBackend({ token: 'bad\ntoken-value', upstream: upstream.url });
    } catch (e) {
      expect(String(e)).not.toContain('token-value');
    }
  });
});

describe('upstream failures', () => {
  it('turns an upstream that hangs into a 504 in the API error shape', async () => {
    upstream.setHandler(() => {
      /* never answers */
    });
    const started = Date.now();
    const res = await fetch(`${dash.origin}/api/v2/user`);
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({
      error: { code: 'gateway_timeout', message: expect.stringContaining('0.3 s') },
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('turns an upstream that sends headers then stalls the body into a 504', async () => {
    upstream.setHandler((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"tags":[');
    });
    const res = await fetch(`${dash.origin}/api/v2/user`);
    expect(res.status).toBe(504);
  });

  it('turns an unreachable upstream into a 502 naming the cause', async () => {
    const backend = createProxyBackend({ token: TOKEN, upstream: closedPort });
    const res = await backend.fetch(new Request('http://x/v2/user'));
    expect(res.status).toBe(502);
    expect(await res.json()).toEqual({
      error: { code: 'bad_gateway', message: expect.stringContaining('ECONNREFUSED') },
    });
  });

  it('retries once when the upstream drops a kept-alive connection as it is reused', async () => {
    const served = new WeakSet<object>();
    upstream.setHandler((req, res) => {
      if (served.has(req.socket)) {
        // The race a keep-alive pool meets in production: the server closes the idle
        // connection just as the next request is written on it.
        req.socket.destroy();
        return;
      }
      served.add(req.socket);
      defaultHandler(req, res);
    });
    const backend = createProxyBackend({ token: TOKEN, upstream: upstream.url });
    const first = await backend.fetch(new Request('http://x/v2/user'));
    expect(first.status).toBe(200);
    const second = await backend.fetch(new Request('http://x/v2/user'));
    expect(second.status).toBe(200);
    // The dropped attempt and its retry on a new connection.
    expect(upstream.requests).toHaveLength(3);
    await backend.close?.();
  });

  it('does not follow an upstream redirect', async () => {
    upstream.setHandler((_req, res) => {
      res.writeHead(302, { location: 'http://evil.example/steal' });
      res.end();
    });
    const res = await fetch(`${dash.origin}/api/v2/user`, { redirect: 'manual' });
    expect(res.status).toBe(502);
    expect(res.headers.get('location')).toBeNull();
    expect(upstream.requests).toHaveLength(1);
  });
});

describe('without a server token', () => {
  let open: RunningApp;
  beforeAll(async () => {
    open = await startDashboard(createProxyBackend({ upstream: upstream.url }));
  });
  afterAll(() => open.close());

  it('forwards the token pasted in the tab', async () => {
    const res = await fetch(`${open.origin}/api/v2/user`, {
      headers: { authorization: 'Bearer pasted_token_123' },
    });
    expect(res.status).toBe(200);
    expect(upstream.requests[0]?.headers.authorization).toBe('Bearer pasted_token_123');
  });

  it('answers 401 without calling upstream when the tab has no token or a malformed one', async () => {
    const none = await fetch(`${open.origin}/api/v2/user`);
    expect(none.status).toBe(401);
    expect((await none.json()).error.code).toBe('missing_token');
    const basic = await fetch(`${open.origin}/api/v2/user`, {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(basic.status).toBe(401);
    const spaced = await rawGet(open.port, '/api/v2/user', [
      'Authorization: Bearer a b c d e f g h',
    ]);
    expect(spaced.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  it('says in the banner that tabs bring their own token', () => {
    expect(createProxyBackend({ upstream: upstream.url }).describe()).toContain('no server token');
  });
});

describe('configuration', () => {
  it('refuses an upstream that is not a plain http(s) origin', () => {
    expect(() => createProxyBackend({ upstream: 'file:///etc/passwd' })).toThrow(/http\(s\)/);
    expect(() => createProxyBackend({ upstream: 'not a url' })).toThrow(/not a URL/);
    expect(() => createProxyBackend({ upstream: 'https://u:p@api.example' })).toThrow(
      /credentials/,
    );
  });

  it('keeps a path prefix of the upstream', async () => {
    const backend = createProxyBackend({ token: TOKEN, upstream: `${upstream.url}/prefix/` });
    const res = await backend.fetch(new Request('http://x/v2/user'));
    expect(res.status).toBe(200);
    expect(upstream.requests[0]?.url).toBe('/prefix/v2/user');
  });
});
