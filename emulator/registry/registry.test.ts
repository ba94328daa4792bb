// The emulator's registry read protocol, request by request: the 401 challenge, Basic and
// Bearer credentials, manifests by tag and digest (GET, HEAD, Accept), digest correctness,
// tags/list paging, config blobs, errors in the registry's own shape, and how /v2/ is split
// between the registry and the REST API in standalone mode.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmulator, standaloneFetch } from '../emulator';
import { validateSeed } from '../state/seed-schema';
import { fixtureSeed } from '../test-support';
import { OCI_INDEX, OCI_MANIFEST } from '../state/manifests';

const ORIGIN = 'http://registry.test';
const NAME = 'acme/storefront/platforms';
const basic = (user = 'team_e2e', pass = 'vcr_e2e_token') =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const sha = (bytes: ArrayBuffer) =>
  `sha256:${createHash('sha256').update(Buffer.from(bytes)).digest('hex')}`;

function setup() {
  const emulator = createEmulator({ seed: validateSeed(fixtureSeed()) });
  const get = async (
    path: string,
    init: { auth?: string | null; accept?: string; method?: string } = {},
  ) => {
    const headers = new Headers();
    const auth = init.auth === undefined ? basic() : init.auth;
    if (auth !== null) headers.set('authorization', auth);
    if (init.accept) headers.set('accept', init.accept);
    const res = await emulator.registry(
      new Request(`${ORIGIN}${path}`, { method: init.method ?? 'GET', headers }),
    );
    const bytes = await res.arrayBuffer();
    const text = Buffer.from(bytes).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { res, bytes, text, json: json as any };
  };
  return { emulator, get };
}

describe('registry: /v2/ and credentials', () => {
  it('challenges a request without credentials with the Bearer realm and service', async () => {
    const { get } = setup();
    const { res, json } = await get('/v2/', { auth: null });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(
      `Bearer realm="${ORIGIN}/v2/token",service="registry.test"`,
    );
    expect(res.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    expect(json.errors[0].code).toBe('UNAUTHORIZED');
  });

  it('accepts Basic with the team ID and a token; refuses another team or token', async () => {
    const { get } = setup();
    expect((await get('/v2/')).res.status).toBe(200);
    expect((await get('/v2/', { auth: basic('team_other') })).res.status).toBe(401);
    expect((await get('/v2/', { auth: basic('team_e2e', 'wrong') })).res.status).toBe(401);
    expect((await get('/v2/', { auth: 'Basic !!!' })).res.status).toBe(401);
  });

  it('mints a pull-only Bearer for the requested repository scope', async () => {
    const { get } = setup();
    const tok = await get(`/v2/token?service=registry.test&scope=repository:${NAME}:pull,push`);
    expect(tok.res.status).toBe(200);
    expect(tok.json.expires_in).toBe(300);
    expect(tok.json.token).toBe(tok.json.access_token);
    const bearer = `Bearer ${tok.json.token}`;
    expect((await get(`/v2/${NAME}/manifests/multi`, { auth: bearer })).res.status).toBe(200);
    // The token names one repository: another one asks for a new token with its scope.
    const other = await get('/v2/acme/storefront/web-app/manifests/latest', { auth: bearer });
    expect(other.res.status).toBe(401);
    expect(other.res.headers.get('www-authenticate')).toContain(
      'scope="repository:acme/storefront/web-app:pull"',
    );
    expect((await get('/v2/', { auth: 'Bearer forged' })).res.status).toBe(401);
  });

  it('will not mint a token without Basic credentials', async () => {
    const { get } = setup();
    expect((await get(`/v2/token?scope=repository:${NAME}:pull`, { auth: null })).res.status).toBe(
      401,
    );
  });

  it('denies a repository of another team, and names an unknown one', async () => {
    const { get } = setup();
    const denied = await get('/v2/other-co/secret-project/internal/manifests/v1');
    expect(denied.res.status).toBe(403);
    expect(denied.json.errors[0].code).toBe('DENIED');
    const unknown = await get('/v2/acme/storefront/nope/manifests/latest');
    expect(unknown.res.status).toBe(404);
    expect(unknown.json.errors[0].code).toBe('NAME_UNKNOWN');
    const invalid = await get('/v2/acme/nope/manifests/latest');
    expect(invalid.json.errors[0].code).toBe('NAME_INVALID');
  });
});

describe('registry: manifests', () => {
  it('serves the index by tag with its media type, digest and length; bytes hash to it', async () => {
    const { get, emulator } = setup();
    const { res, bytes, json } = await get(`/v2/${NAME}/manifests/multi`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(OCI_INDEX);
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(res.headers.get('docker-content-digest')).toBe(sha(bytes));
    // The REST API and the registry agree on the digest (the fixture is sealed).
    const repo = emulator.state().repositoriesById.get('repo_platforms01')!;
    const image = repo.images.get(repo.tags.get('multi')!.imageId)!;
    expect(image.manifestDigest).toBe(sha(bytes));
    expect(
      json.manifests.map((m: { platform: { architecture: string } }) => m.platform.architecture),
    ).toEqual(['amd64', 'arm64', 'unknown', 'unknown']);
    expect(json.manifests[1].platform.variant).toBe('v8');
    expect(json.manifests[3].annotations).toEqual({
      'vnd.docker.reference.digest': json.manifests[1].digest,
      'vnd.docker.reference.type': 'attestation-manifest',
    });
  });

  it('serves each child by digest; its descriptor size is its byte length', async () => {
    const { get } = setup();
    const index = (await get(`/v2/${NAME}/manifests/multi`)).json;
    for (const d of index.manifests) {
      const child = await get(`/v2/${NAME}/manifests/${d.digest}`);
      expect(child.res.status).toBe(200);
      expect(child.res.headers.get('content-type')).toBe(OCI_MANIFEST);
      expect(sha(child.bytes)).toBe(d.digest);
      expect(child.bytes.byteLength).toBe(d.size);
    }
    const att = (await get(`/v2/${NAME}/manifests/${index.manifests[2].digest}`)).json;
    expect(att.layers[0].mediaType).toBe('application/vnd.in-toto+json');
  });

  it('HEAD answers the same headers and no body', async () => {
    const { get } = setup();
    const full = await get(`/v2/${NAME}/manifests/wrapped`);
    const head = await get(`/v2/${NAME}/manifests/wrapped`, { method: 'HEAD' });
    expect(head.res.status).toBe(200);
    expect(head.bytes.byteLength).toBe(0);
    for (const h of ['content-type', 'content-length', 'docker-content-digest']) {
      expect(head.res.headers.get(h)).toBe(full.res.headers.get(h));
    }
  });

  it('honours Accept: an index is refused to a client that cannot take it', async () => {
    const { get } = setup();
    const both = `${OCI_INDEX}, application/vnd.docker.distribution.manifest.list.v2+json`;
    expect((await get(`/v2/${NAME}/manifests/multi`, { accept: both })).res.status).toBe(200);
    expect((await get(`/v2/${NAME}/manifests/multi`, { accept: '*/*' })).res.status).toBe(200);
    const refused = await get(`/v2/${NAME}/manifests/multi`, {
      accept: 'application/vnd.docker.distribution.manifest.v2+json',
    });
    expect(refused.res.status).toBe(404);
    expect(refused.json.errors[0].code).toBe('MANIFEST_UNKNOWN');
  });

  it('answers MANIFEST_UNKNOWN for an unknown tag or digest, TAG_INVALID for a bad tag', async () => {
    const { get } = setup();
    const tag = await get(`/v2/${NAME}/manifests/nope`);
    expect([tag.res.status, tag.json.errors[0].code]).toEqual([404, 'MANIFEST_UNKNOWN']);
    const digest = await get(`/v2/${NAME}/manifests/sha256:${'0'.repeat(64)}`);
    expect(digest.json.errors[0].code).toBe('MANIFEST_UNKNOWN');
    expect((await get(`/v2/${NAME}/manifests/.bad`)).json.errors[0].code).toBe('TAG_INVALID');
  });

  it('serves an unsealed seed image by its REST digest but states the digest of its bytes', async () => {
    const { get } = setup();
    const rest = fixtureSeed() as {
      projects: { repositories: { tags: { manifestDigest: string }[] }[] }[];
    };
    const legacy = rest.projects[0]!.repositories[0]!.tags[0]!.manifestDigest;
    const res = await get(`/v2/acme/storefront/web-app/manifests/${legacy}`);
    expect(res.res.status).toBe(200);
    expect(res.res.headers.get('docker-content-digest')).toBe(sha(res.bytes));
    expect(res.res.headers.get('docker-content-digest')).not.toBe(legacy);
  });

  it('serves a control-route push at once, by tag and by its (sealed) REST digest', async () => {
    const { get, emulator } = setup();
    const pushed = emulator.state().push({ repository: 'platforms', tag: 'fresh', arch: 'arm64' });
    const byTag = await get(`/v2/${NAME}/manifests/fresh`);
    expect(byTag.res.headers.get('docker-content-digest')).toBe(pushed.tag.manifestDigest);
    const byDigest = await get(`/v2/${NAME}/manifests/${pushed.tag.manifestDigest}`);
    expect(sha(byDigest.bytes)).toBe(pushed.tag.manifestDigest);
  });

  it('refuses writes', async () => {
    const { get } = setup();
    const del = await get(`/v2/${NAME}/manifests/multi`, { method: 'DELETE' });
    expect(del.res.status).toBe(405);
    expect(del.json.errors[0].code).toBe('UNSUPPORTED');
  });
});

describe('registry: blobs and tags/list', () => {
  it('serves a config blob with os/architecture; layers are BLOB_UNKNOWN', async () => {
    const { get } = setup();
    const index = (await get(`/v2/${NAME}/manifests/multi`)).json;
    const manifest = (await get(`/v2/${NAME}/manifests/${index.manifests[1].digest}`)).json;
    const config = await get(`/v2/${NAME}/blobs/${manifest.config.digest}`);
    expect(config.res.status).toBe(200);
    expect(sha(config.bytes)).toBe(manifest.config.digest);
    expect(config.res.headers.get('docker-content-digest')).toBe(manifest.config.digest);
    expect(config.json).toMatchObject({ os: 'linux', architecture: 'arm64' });
    const head = await get(`/v2/${NAME}/blobs/${manifest.config.digest}`, { method: 'HEAD' });
    expect(head.res.headers.get('content-length')).toBe(String(config.bytes.byteLength));
    const layer = await get(`/v2/${NAME}/blobs/${manifest.layers[0].digest}`);
    expect([layer.res.status, layer.json.errors[0].code]).toEqual([404, 'BLOB_UNKNOWN']);
  });

  it('pages tags/list with n and last, announcing the next page in Link', async () => {
    const { get } = setup();
    const name = 'acme/storefront/long-list';
    const first = await get(`/v2/${name}/tags/list?n=2`);
    expect(first.json).toEqual({ name, tags: ['build-0001', 'build-0002'] });
    expect(first.res.headers.get('link')).toBe(
      `</v2/${name}/tags/list?n=2&last=build-0002>; rel="next"`,
    );
    const next = await get(`/v2/${name}/tags/list?n=2&last=build-0002`);
    expect(next.json.tags).toEqual(['build-0003', 'build-0004']);
    const last = await get(`/v2/${name}/tags/list?n=5&last=build-0650`);
    expect(last.json.tags).toEqual(['latest']);
    expect(last.res.headers.get('link')).toBeNull();
    const all = await get(`/v2/${name}/tags/list`);
    expect(all.json.tags).toHaveLength(651);
    const bad = await get(`/v2/${name}/tags/list?n=-1`);
    expect([bad.res.status, bad.json.errors[0].code]).toEqual([400, 'PAGINATION_NUMBER_INVALID']);
  });
});

describe('standalone routing of /v2/', () => {
  it('sends registry paths to the registry and /v2/user, /v2/teams/… to the REST API', async () => {
    const fetch = standaloneFetch(setup().emulator);
    const rest = { authorization: 'Bearer vcr_e2e_token' };
    const user = await fetch(new Request(`${ORIGIN}/v2/user`, { headers: rest }));
    expect((await user.json()).user).toBeDefined();
    const team = await fetch(new Request(`${ORIGIN}/v2/teams/acme`, { headers: rest }));
    expect((await team.json()).slug).toBe('acme');
    const ping = await fetch(new Request(`${ORIGIN}/v2/`));
    expect(ping.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    const manifest = await fetch(
      new Request(`${ORIGIN}/v2/${NAME}/manifests/multi`, { headers: { authorization: basic() } }),
    );
    expect(manifest.headers.get('content-type')).toBe(OCI_INDEX);
  });
});
