// `/api/registry`: in embedded mode it reads the emulator's registry with the REST
// credential; in proxy mode it forwards exactly GET/HEAD of manifests and /v2/ to
// VCR_REGISTRY_URL, and refuses every other registry request before the registry hears of it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_SEED_PATH, fixtureSeed } from '../../emulator/testing';
import { createEmulatorBackend } from '../emulator-backend';
import { createProxyBackend } from '../proxy/proxy-backend';
import {
  rawGet,
  startDashboard,
  startRecordingUpstream,
  type RecordingUpstream,
  type RunningApp,
} from '../proxy/test-support';
import { registryUpstreamFromEnv } from './registry-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;
const seed = fixtureSeed() as AnyJson;
const platforms = seed.projects[0].repositories[3];
const MULTI = platforms.tags[0].manifestDigest as string;
const PATH = '/api/registry/v2/acme/storefront/platforms/manifests';

describe('/api/registry in embedded mode', () => {
  let dash: RunningApp;
  beforeAll(async () => {
    dash = await startDashboard(createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH }));
  });
  afterAll(() => dash.close());
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${dash.origin}${path}`, { method, headers });

  it('answers the index by digest with its media type and exact bytes', async () => {
    const res = await get(`${PATH}/${MULTI}?teamId=team_e2e`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.oci.image.index.v1+json');
    expect(res.headers.get('docker-content-digest')).toBe(MULTI);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(MULTI);
    expect(JSON.parse(bytes.toString()).manifests).toHaveLength(4);
  });

  it('HEAD and the /v2/ ping work; a tab token of another team is refused', async () => {
    expect((await get(`${PATH}/multi?teamId=team_e2e`, {}, 'HEAD')).status).toBe(200);
    expect((await get('/api/registry/v2/?teamId=team_e2e')).status).toBe(200);
    const other = await get(`${PATH}/multi?teamId=team_e2e`, {
      authorization: 'Bearer vcr_other_token',
    });
    expect(other.status).toBe(401);
    expect((await other.json()).error.code).toBe('registry_unauthorized');
  });

  it('an unknown manifest is a 404 in the dashboard error shape', async () => {
    const res = await get(`${PATH}/nope?teamId=team_e2e`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'not_found' });
  });

  it('a missing teamId is a 400 that says why', async () => {
    const res = await get(`${PATH}/multi`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/teamId/);
  });
});

const TOKEN = 'vcr_registry_suite_token_42';
const HOSTILE: [string, string, string?][] = [
  [
    'a blob',
    '/api/registry/v2/acme/storefront/platforms/blobs/sha256:' +
      'a'.repeat(64) +
      '?teamId=team_e2e',
  ],
  [
    'an upload',
    '/api/registry/v2/acme/storefront/platforms/blobs/uploads/?teamId=team_e2e',
    'POST',
  ],
  ['tags/list', '/api/registry/v2/acme/storefront/platforms/tags/list?teamId=team_e2e'],
  ['the catalog', '/api/registry/v2/_catalog?teamId=team_e2e'],
  ['the token endpoint', '/api/registry/v2/token?teamId=team_e2e&scope=repository:a/b/c:push'],
  ['DELETE a manifest', `${PATH}/${MULTI}?teamId=team_e2e`, 'DELETE'],
  ['PUT a manifest', `${PATH}/latest?teamId=team_e2e`, 'PUT'],
  ['a two-segment name', '/api/registry/v2/acme/platforms/manifests/latest?teamId=team_e2e'],
  ['a four-segment name', '/api/registry/v2/acme/storefront/a/b/manifests/latest?teamId=team_e2e'],
  [
    'an encoded slash in the name',
    '/api/registry/v2/acme/storefront%2fx/platforms/manifests/latest?teamId=team_e2e',
  ],
  [
    'dot-dot out of the mount',
    '/api/registry/v2/acme/storefront/platforms/manifests/../../../../../v2/user',
  ],
  ['a bad digest', `${PATH}/sha256:zz?teamId=team_e2e`],
  ['an extra query parameter', `${PATH}/latest?teamId=team_e2e&n=5`],
  ['a repeated teamId', `${PATH}/latest?teamId=team_e2e&teamId=team_x`],
  ['no teamId', `${PATH}/latest`],
  ['the registry root without a slash', '/api/registry/v2?teamId=team_e2e'],
  ['a path outside /v2', '/api/registry/debug/vars?teamId=team_e2e'],
];

describe('/api/registry in proxy mode', () => {
  let upstream: RecordingUpstream;
  let dash: RunningApp;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
    const backend = createProxyBackend({ token: TOKEN, upstream: 'http://127.0.0.1:9' });
    backend.registry = registryUpstreamFromEnv({ VCR_REGISTRY_URL: upstream.url }, TOKEN);
    dash = await startDashboard(backend);
  });
  afterAll(async () => {
    await dash.close();
    await upstream.close();
  });

  it.each(HOSTILE)('refuses %s with no registry call', async (_name, target, method = 'GET') => {
    const res = await rawGet(dash.port, target, ['Content-Length: 0'], method);
    expect(res.status, res.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.head + res.body).not.toContain(TOKEN);
    expect(upstream.requests).toHaveLength(0);
  });

  it('forwards a manifest read with Basic team ID + server token, and passes the bytes', async () => {
    const body = '{"schemaVersion":2,"manifests":[]}';
    upstream.setHandler((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.index.v1+json',
        'set-cookie': 'registry=1',
      });
      res.end(body);
    });
    const res = await rawGet(dash.port, `${PATH}/latest?teamId=team_e2e`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(body);
    expect(res.head.toLowerCase()).toContain(
      'content-type: application/vnd.oci.image.index.v1+json',
    );
    expect(res.head.toLowerCase()).not.toContain('set-cookie');
    expect(upstream.requests).toHaveLength(1);
    const sent = upstream.requests[0]!;
    expect(sent.method).toBe('GET');
    expect(sent.url).toBe('/v2/acme/storefront/platforms/manifests/latest');
    expect(sent.headers.authorization).toBe(
      `Basic ${Buffer.from(`team_e2e:${TOKEN}`).toString('base64')}`,
    );
  });
});

describe('VCR_REGISTRY_URL', () => {
  it('defaults to vcr.vercel.com and refuses anything but an origin', () => {
    expect(registryUpstreamFromEnv({}, undefined).url).toBe('https://vcr.vercel.com');
    expect(() => registryUpstreamFromEnv({ VCR_REGISTRY_URL: 'ftp://x' }, undefined)).toThrow(
      /http/,
    );
    expect(() => registryUpstreamFromEnv({ VCR_REGISTRY_URL: 'https://u:p@x' }, undefined)).toThrow(
      /origin/,
    );
    expect(() => registryUpstreamFromEnv({ VCR_REGISTRY_URL: 'nope' }, undefined)).toThrow(
      /not a URL/,
    );
  });
});
