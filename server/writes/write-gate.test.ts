// ALLOW_WRITES end to end over real sockets: without it no write reaches any backend; with
// it exactly the allow-listed writes do, with canonical bodies, and nothing malformed ever
// reaches the upstream.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowWrites } from '../config';
import { createDashboardConfig } from '../dashboard-config';
import { createEmulatorBackend } from '../emulator-backend';
import { FIXTURE_SEED_PATH } from '../../emulator/testing';
import { createProxyBackend } from '../proxy/proxy-backend';
import {
  defaultHandler,
  rawGet,
  startDashboard,
  startRecordingUpstream,
  type RecordingUpstream,
  type RunningApp,
} from '../proxy/test-support';

const TOKEN = 'vcr_writes_suite_token_31';
const Q = 'projectId=prj_e2e&teamId=team_e2e';
const R = '/api/v1/vcr/repository';

interface Write {
  name: string;
  method: string;
  target: string;
  body?: string;
  /** What the upstream must receive. */
  upstreamBody?: string;
}

const ADMITTED: Write[] = [
  { name: 'delete image', method: 'DELETE', target: `${R}/web-app/images/image_abc1?${Q}` },
  { name: 'delete repository', method: 'DELETE', target: `${R}/web-app?${Q}` },
  {
    name: 'make public',
    method: 'PATCH',
    target: `${R}/web-app?${Q}`,
    body: '{ "public": true }',
    upstreamBody: '{"public":true}',
  },
  {
    name: 'share by slug',
    method: 'POST',
    target: `${R}/web-app/permissions?${Q}`,
    body: '{"teamSlug":"partner-labs"}',
    upstreamBody: '{"teamSlug":"partner-labs"}',
  },
  {
    name: 'unshare by id',
    method: 'DELETE',
    target: `${R}/web-app/permissions?${Q}`,
    body: '{"teamId":"team_partner"}',
    upstreamBody: '{"teamId":"team_partner"}',
  },
  { name: 'unshare all', method: 'DELETE', target: `${R}/web-app/permissions/all?${Q}` },
];

const REFUSED_WITH_WRITES: Write[] = [
  { name: 'malformed body', method: 'PATCH', target: `${R}/web-app?${Q}`, body: '{"public":' },
  {
    name: 'extra field',
    method: 'PATCH',
    target: `${R}/web-app?${Q}`,
    body: '{"public":true,"name":"x"}',
  },
  {
    name: 'extra field on a share',
    method: 'POST',
    target: `${R}/web-app/permissions?${Q}`,
    body: '{"teamId":"team_a","role":"admin"}',
  },
  { name: 'body on a bodiless delete', method: 'DELETE', target: `${R}/web-app?${Q}`, body: '{}' },
  {
    name: 'create repository (not admitted)',
    method: 'POST',
    target: `${R}?${Q}`,
    body: '{"projectId":"prj_e2e","name":"evil"}',
  },
  { name: 'delete a tag (no such API)', method: 'DELETE', target: `${R}/web-app/tags/latest?${Q}` },
  { name: 'PATCH a project', method: 'PATCH', target: '/api/v9/projects/prj_e2e', body: '{}' },
  { name: 'PUT', method: 'PUT', target: `${R}/web-app?${Q}`, body: '{"public":true}' },
  { name: 'unknown query', method: 'DELETE', target: `${R}/web-app?${Q}&force=1` },
  {
    name: 'encoded slash in the repository',
    method: 'DELETE',
    target: `${R}/web-app%2fimages?${Q}`,
  },
  {
    name: 'dot-dot to another repository',
    method: 'DELETE',
    target: `${R}/web-app/images/../../other?${Q}`,
  },
];

function send(dash: RunningApp, w: Write, contentType = 'application/json') {
  const headers = [`Origin: ${dash.origin}`];
  if (w.body !== undefined) {
    headers.push(`Content-Type: ${contentType}`, `Content-Length: ${Buffer.byteLength(w.body)}`);
  } else headers.push('Content-Length: 0');
  return rawGet(dash.port, w.target, headers, w.method, w.body ?? '');
}

describe('parseAllowWrites', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
    [' TRUE ', true],
  ])('%j → %s', (value, expected) => {
    expect(parseAllowWrites({ ALLOW_WRITES: value })).toBe(expected);
  });
  it('refuses anything else with the variable named', () => {
    expect(() => parseAllowWrites({ ALLOW_WRITES: 'yes please' })).toThrow(/ALLOW_WRITES must be/);
  });
  it('/_dashboard/config says writes: true only with ALLOW_WRITES=1', () => {
    const backend = createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH });
    expect(createDashboardConfig({}, '/nowhere', backend).writes).toBe(false);
    expect(createDashboardConfig({ ALLOW_WRITES: '1' }, '/nowhere', backend).writes).toBe(true);
  });
});

describe('proxy', () => {
  let upstream: RecordingUpstream;
  let off: RunningApp;
  let on: RunningApp;
  let appOnly: RunningApp;
  const bodies: string[] = [];

  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    off = await startDashboard(createProxyBackend({ token: TOKEN, upstream: upstream.url }));
    on = await startDashboard(
      createProxyBackend({ token: TOKEN, upstream: upstream.url, allowWrites: true }),
      { writes: true },
    );
    // The app would admit writes, the proxy backend was not told to: it still refuses.
    appOnly = await startDashboard(createProxyBackend({ token: TOKEN, upstream: upstream.url }), {
      writes: true,
    });
  });
  afterAll(async () => {
    await Promise.all([off.close(), on.close(), appOnly.close()]);
    await upstream.close();
  });
  afterEach(() => {
    upstream.requests.length = 0;
    bodies.length = 0;
    upstream.setHandler(defaultHandler);
  });

  it.each(ADMITTED.map((w) => [w.name, w] as const))(
    'without ALLOW_WRITES, %s is refused before upstream',
    async (_name, w) => {
      const res = await send(off, w);
      expect(res.status).toBe(405);
      expect(res.body).toContain('writes_disabled');
      expect(res.body).toContain('ALLOW_WRITES=1');
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it.each(ADMITTED.map((w) => [w.name, w] as const))(
    'a proxy backend without allowWrites refuses %s even when the app admits it',
    async (_name, w) => {
      const res = await send(appOnly, w);
      expect(res.status).toBe(405);
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it.each(ADMITTED.map((w) => [w.name, w] as const))(
    'with ALLOW_WRITES, %s goes upstream once, canonical, with the server token',
    async (_name, w) => {
      upstream.setHandler((req, res) => {
        let data = '';
        req.on('data', (c: Buffer) => (data += c.toString('utf8')));
        req.on('end', () => {
          bodies.push(data);
          res.writeHead(req.method === 'DELETE' ? 202 : 200, {
            'x-vercel-id': 'iad1::w',
            'set-cookie': 'a=b',
            ...(req.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
          });
          res.end(req.method === 'DELETE' ? '' : '{"ok":true}');
        });
      });
      const res = await send(on, w);
      expect(res.status, res.body).toBe(w.method === 'DELETE' ? 202 : 200);
      expect(res.head.toLowerCase()).not.toContain('set-cookie');
      expect(res.head + res.body).not.toContain(TOKEN);
      expect(upstream.requests).toHaveLength(1);
      const [seen] = upstream.requests;
      expect(seen!.method).toBe(w.method);
      expect(seen!.url).toBe(w.target.slice('/api'.length));
      expect(seen!.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(seen!.headers.origin).toBeUndefined();
      expect(bodies[0]).toBe(w.upstreamBody ?? '');
      if (w.upstreamBody) expect(seen!.headers['content-type']).toBe('application/json');
    },
  );

  it.each(REFUSED_WITH_WRITES.map((w) => [w.name, w] as const))(
    'with ALLOW_WRITES, %s is refused before upstream',
    async (_name, w) => {
      const res = await send(on, w);
      expect(res.status, res.body).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it('with ALLOW_WRITES, a body not sent as JSON is refused (415) before upstream', async () => {
    const res = await send(on, ADMITTED[2]!, 'text/plain');
    expect(res.status).toBe(415);
    expect(upstream.requests).toHaveLength(0);
  });

  it('reads of the permissions list go through without ALLOW_WRITES, paged', async () => {
    const res = await rawGet(off.port, `${R}/web-app/permissions?${Q}&limit=5&cursor=abc`);
    expect(res.status).toBe(200);
    expect(upstream.requests[0]!.url).toBe(
      `/v1/vcr/repository/web-app/permissions?${Q}&limit=5&cursor=abc`,
    );
  });
});

describe('embedded emulator', () => {
  let off: RunningApp;
  let on: RunningApp;
  beforeAll(async () => {
    off = await startDashboard(createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH }));
    on = await startDashboard(createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH }), {
      writes: true,
    });
  });
  afterAll(async () => {
    await Promise.all([off.close(), on.close()]);
  });

  it('honours ALLOW_WRITES too: off refuses, the repository stays', async () => {
    const res = await send(off, ADMITTED[1]!);
    expect(res.status).toBe(405);
    expect((await rawGet(off.port, `${R}/web-app?${Q}`)).status).toBe(200);
  });

  it('on: PATCH, share and delete answer as the API does', async () => {
    const patched = await send(on, ADMITTED[2]!);
    expect(patched.status).toBe(200);
    expect(JSON.parse(patched.body).repository.public).toBe(true);
    const shared = await send(on, {
      ...ADMITTED[3]!,
      body: '{"teamSlug":"contractor-studio"}',
    });
    expect(shared.status, shared.body).toBe(200);
    expect(JSON.parse(shared.body).permission.teamId).toBe('team_contractor');
    const deleted = await send(on, ADMITTED[1]!);
    expect(deleted.status).toBe(202);
    // An empty body: no content type, and at most the empty chunk that ends a chunked one.
    expect(deleted.head.toLowerCase()).not.toMatch(/^content-type:/m);
    expect(deleted.body.replace('0\r\n\r\n', '')).toBe('');
    expect((await rawGet(on.port, `${R}/web-app?${Q}`)).status).toBe(404);
  });

  it('on: malformed writes never reach the emulator', async () => {
    const res = await send(on, REFUSED_WITH_WRITES[1]!);
    expect(res.status).toBe(400);
    expect(JSON.parse((await rawGet(on.port, `${R}/long-list?${Q}`)).body).repository.public).toBe(
      true,
    );
  });
});

describe('proxy writes without a server token', () => {
  let upstream: RecordingUpstream;
  let dash: RunningApp;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    dash = await startDashboard(
      createProxyBackend({ upstream: upstream.url, allowWrites: true, timeoutMs: 300 }),
      { writes: true, serverToken: false },
    );
  });
  afterAll(async () => {
    await dash.close();
    await upstream.close();
  });
  afterEach(() => {
    upstream.requests.length = 0;
    upstream.setHandler(defaultHandler);
  });

  it('refuses a write without a tab token (401), before upstream', async () => {
    const res = await send(dash, ADMITTED[0]!);
    expect(res.status).toBe(401);
    expect(upstream.requests).toHaveLength(0);
  });

  it("forwards the tab's bearer token with the write", async () => {
    upstream.setHandler((_req, res) => {
      res.writeHead(202);
      res.end();
    });
    const w = ADMITTED[0]!;
    const res = await rawGet(
      dash.port,
      w.target,
      [`Origin: ${dash.origin}`, 'Authorization: Bearer vcr_tab_token_9876', 'Content-Length: 0'],
      w.method,
    );
    expect(res.status).toBe(202);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer vcr_tab_token_9876');
  });

  it('sends a write once: an upstream that does not answer is a 504, never retried', async () => {
    upstream.setHandler(() => {
      // Never answers.
    });
    const w = ADMITTED[3]!;
    const res = await rawGet(
      dash.port,
      w.target,
      [
        `Origin: ${dash.origin}`,
        'Authorization: Bearer vcr_tab_token_9876',
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(w.body!)}`,
      ],
      w.method,
      w.body,
    );
    expect(res.status).toBe(504);
    expect(res.body).toContain('may or may not have been made');
    expect(upstream.requests).toHaveLength(1);
  });
});
