// Requests that try to use the dashboard as an open proxy, sent byte for byte over a real
// socket so nothing normalises them first. Each must be refused, and the upstream must
// never hear of any of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyBackend } from './proxy-backend';
import {
  rawGet,
  startDashboard,
  startRecordingUpstream,
  type RecordingUpstream,
  type RunningApp,
} from './test-support';

const TOKEN = 'vcr_hostile_suite_token_77';

interface Hostile {
  name: string;
  target: string;
  headers?: string[];
  method?: string;
  body?: string;
  /** Refused before the app runs, by the Node adapter, which answers 500. */
  adapterRefuses?: boolean;
  /** The exact status expected (these must not fall back to the app's page). */
  status?: number;
}

const big = 'a'.repeat(3000);

const HOSTILE: Hostile[] = [
  { name: 'project env vars (prefix of an allowed route)', target: '/api/v9/projects/prj_1/env' },
  { name: 'one project env var', target: '/api/v9/projects/prj_1/env/env_123' },
  { name: 'team members', target: '/api/v2/teams/team_1/members' },
  { name: 'team members, v1 path', target: '/api/teams/team_1/members' },
  { name: 'user tokens', target: '/api/v5/user/tokens' },
  { name: 'deployments', target: '/api/v6/deployments' },
  { name: 'extra segment after a tag', target: '/api/v1/vcr/repository/web-app/tags/latest/x' },
  { name: 'trailing slash', target: '/api/v2/user/' },
  { name: 'empty segment', target: '/api//v2/user' },
  { name: 'dot-dot traversal', target: '/api/v1/vcr/repository/../../../v9/projects/p/env' },
  { name: 'dot-dot into an allowed route', target: '/api/v9/projects/p/../../v2/user' },
  { name: 'encoded dot-dot', target: '/api/v1/vcr/%2e%2e/%2e%2e/v9/projects/p/env' },
  { name: 'mixed-case encoded dot-dot', target: '/api/%2E%2e/v2/user' },
  { name: 'single dot segment', target: '/api/v1/vcr/repository/./web-app' },
  { name: 'dot-dot as a tag name', target: '/api/v1/vcr/repository/web-app/tags/..' },
  { name: 'encoded slash', target: '/api/v1/vcr/repository/web-app%2ftags' },
  { name: 'encoded slash to reach env', target: '/api/v9/projects/p%2Fenv' },
  { name: 'encoded backslash', target: '/api/v1/vcr/repository/web-app%5ctags' },
  { name: 'double encoding', target: '/api/v1/vcr/repository/web-app%252ftags' },
  { name: 'double-encoded dot-dot', target: '/api/v1/vcr/%252e%252e/v2/user' },
  { name: 'backslash', target: '/api/v1/vcr/repository\\..\\..\\v9/projects/p/env' },
  { name: 'absolute-form target', target: 'http://evil.example/api/v2/user' },
  { name: 'scheme-relative target', target: '//evil.example/api/v2/user' },
  { name: 'encoded NUL', target: '/api/v2/user%00' },
  { name: 'encoded CRLF header injection', target: '/api/v2/user%0d%0aX-Injected:%201' },
  { name: 'CRLF in a query value', target: '/api/v1/vcr/repository?projectId=p%0D%0AHost:evil' },
  { name: 'matrix parameter', target: '/api/v2/user;jsessionid=1' },
  { name: 'tag with an encoded query', target: '/api/v1/vcr/repository/web-app/tags/a%3Fb' },
  {
    name: 'image id that is neither id nor digest',
    target: '/api/v1/vcr/repository/r/images/sha256:zz',
  },
  { name: 'unknown query parameter', target: '/api/v1/vcr/repository?projectId=p&redirect=x' },
  { name: 'repeated query parameter', target: '/api/v1/vcr/repository?projectId=p&projectId=q' },
  { name: 'query on a route that takes none', target: '/api/v2/user?teamId=t' },
  { name: 'oversized URL', target: `/api/v1/vcr/repository?projectId=${big}` },
  { name: 'oversized headers', target: '/api/v2/user', headers: [`X-Pad: ${'b'.repeat(9000)}`] },
  {
    name: 'body on a GET',
    target: '/api/v2/user',
    headers: ['Content-Length: 5'],
    body: 'hello',
  },
  {
    name: 'chunked body on a GET',
    target: '/api/v2/user',
    headers: ['Transfer-Encoding: chunked'],
    body: '5\r\nhello\r\n0\r\n\r\n',
  },
  {
    name: 'POST create repository',
    target: '/api/v1/vcr/repository',
    method: 'POST',
    headers: ['Content-Type: application/json', 'Content-Length: 31'],
    body: '{"projectId":"p","name":"evil"}',
  },
  { name: 'PUT', target: '/api/v2/user', method: 'PUT', headers: ['Content-Length: 0'] },
  { name: 'DELETE', target: '/api/v1/vcr/repository/web-app', method: 'DELETE' },
  { name: 'PATCH', target: '/api/v9/projects/p', method: 'PATCH', headers: ['Content-Length: 0'] },
  { name: 'OPTIONS', target: '/api/v2/user', method: 'OPTIONS' },
  { name: 'HEAD', target: '/api/v2/user', method: 'HEAD' },
  // fetch's Request cannot even represent TRACE, so @hono/node-server answers 500 itself.
  { name: 'TRACE', target: '/api/v2/user', method: 'TRACE', adapterRefuses: true },
  { name: 'emulator control route', target: '/__emulator/faults' },
  { name: 'emulator control route under /api', target: '/api/__emulator/faults' },
  // DNS rebinding: a page on attacker.example whose name now points at 127.0.0.1.
  ...['/', '/repositories/web-app/tags/latest', '/assets/app.js', '/_dashboard/config'].map(
    (target) => ({
      name: `foreign Host on ${target}`,
      target,
      headers: ['Host: attacker.example:5173'],
      status: 421,
    }),
  ),
  {
    name: 'foreign Host on an allowed API route',
    target: '/api/v1/vcr/repository?projectId=p',
    headers: ['Host: attacker.example'],
    status: 421,
  },
  {
    name: 'loopback Host with the wrong port',
    target: '/api/v2/user',
    headers: ['Host: 127.0.0.1:1'],
    status: 421,
  },
  {
    name: 'localhost Host without a port',
    target: '/api/v2/user',
    headers: ['Host: localhost'],
    status: 421,
  },
  {
    name: 'loopback name with a trailing dot',
    target: '/api/v2/user',
    headers: ['Host: localhost.:5173'],
    status: 421,
  },
  {
    name: 'absolute-form target naming a foreign host on an allowed route',
    target: 'http://attacker.example/api/v2/user',
    status: 421,
  },
  {
    name: 'path that starts with // after /api',
    target: '/api//evil.example/v1/vcr/repository',
    status: 400,
  },
  {
    name: '// after /api to an allowed route',
    target: '/api//evil.example/v2/user',
    status: 400,
  },
  { name: 'empty segment inside an API path', target: '/api/v1//vcr/repository', status: 400 },
  { name: 'trailing empty segment', target: '/api/v1/vcr/repository//', status: 400 },
  {
    name: 'cross-site fetch of an allowed route',
    target: '/api/v2/user',
    headers: ['Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors', 'Sec-Fetch-Dest: empty'],
    status: 403,
  },
  {
    name: 'cross-site navigation to an allowed route',
    target: '/api/v2/user',
    headers: ['Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: navigate', 'Sec-Fetch-Dest: document'],
    status: 403,
  },
  {
    name: 'cross-site fetch under /auth',
    target: '/auth/session',
    headers: ['Sec-Fetch-Site: cross-site', 'Sec-Fetch-Mode: cors'],
    status: 403,
  },
  {
    name: 'foreign Origin on a POST',
    target: '/api/v1/vcr/repository',
    method: 'POST',
    headers: ['Origin: https://attacker.example', 'Content-Length: 0'],
    status: 403,
  },
  {
    name: 'Origin: null on a POST',
    target: '/__emulator/push',
    method: 'POST',
    headers: ['Origin: null', 'Content-Length: 0'],
    status: 403,
  },
];

let upstream: RecordingUpstream;
let dash: RunningApp;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  dash = await startDashboard(createProxyBackend({ token: TOKEN, upstream: upstream.url }));
});
afterAll(async () => {
  await dash.close();
  await upstream.close();
});

describe('hostile requests', () => {
  it('has at least 30 cases', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE.map((h) => [h.name, h] as const))('refuses %s', async (_name, h) => {
    const res = await rawGet(dash.port, h.target, h.headers, h.method, h.body);
    // Refused: a client error, or (for paths that never reach /api) the app's HTML page.
    const isAppPage = res.status === 200 && res.body.includes('<div id="root">');
    const refused = h.adapterRefuses
      ? res.status === 500
      : (res.status >= 400 && res.status < 500) || isAppPage;
    expect(refused, `${res.status} ${res.body.slice(0, 200)}`).toBe(true);
    if (h.status !== undefined) {
      expect(res.status, res.body.slice(0, 200)).toBe(h.status);
      expect(res.body).not.toContain('<div id="root">');
      expect(JSON.parse(res.body)).toMatchObject({ error: { code: expect.any(String) } });
    }
    expect(res.head + res.body).not.toContain(TOKEN);
    expect(upstream.requests, JSON.stringify(upstream.requests)).toHaveLength(0);
  });

  it('still forwards a normal request afterwards (the suite is not vacuous)', async () => {
    const res = await rawGet(dash.port, '/api/v2/user');
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
  });
});
