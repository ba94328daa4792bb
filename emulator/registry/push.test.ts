// The registry's write side, request by request: blob uploads (monolithic, POST+PUT,
// chunked with Content-Range, status, cancel, mount), blob reads with Range, manifest PUT
// (OCI and Docker, images and indexes) and what it becomes in the REST API, DELETE by
// digest, push tokens, and every bad input of issue 17 with its code, status and message,
// leaving no file behind.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator';
import { validateSeed } from '../state/seed-schema';
import { call, fixtureSeed } from '../test-support';
import { sha256, testImage, testIndex, type Blob, type TestImage } from './test-images';

const ORIGIN = 'http://registry.test';
const NAME = 'acme/storefront/pushed';
const basic = (user = 'team_e2e', pass = 'vcr_e2e_token') =>
  `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup(seedEdit?: (seed: ReturnType<typeof fixtureSeed>) => void) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vcr-push-test-'));
  dirs.push(dataDir);
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  const seed = fixtureSeed();
  seedEdit?.(seed);
  const emulator = createEmulator({
    seed: validateSeed(seed),
    clock: () => now,
    dataDir,
    prepareMs: (size) => 1000 + size,
  });
  const send = async (
    method: string,
    p: string,
    init: { auth?: string | null; body?: Buffer | string; headers?: Record<string, string> } = {},
  ) => {
    const headers = new Headers(init.headers);
    const auth = init.auth === undefined ? basic() : init.auth;
    if (auth !== null) headers.set('authorization', auth);
    const res = await emulator.registry(
      new Request(`${ORIGIN}${p}`, {
        method,
        headers,
        ...(init.body !== undefined
          ? { body: typeof init.body === 'string' ? init.body : new Uint8Array(init.body) }
          : {}),
      }),
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      json = undefined;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { res, bytes, json: json as any };
  };
  const files = () => ({
    uploads: readdirSync(path.join(dataDir, 'uploads')),
    blobs: readdirSync(path.join(dataDir, 'blobs', 'sha256')),
  });
  const pushBlob = async (b: Blob, name = NAME) => {
    const r = await send('POST', `/v2/${name}/blobs/uploads/?digest=${b.digest}`, {
      body: b.bytes,
    });
    expect(r.res.status).toBe(201);
  };
  const pushImage = async (image: TestImage, ref: string, name = NAME) => {
    await pushBlob(image.layer, name);
    await pushBlob(image.config, name);
    return send('PUT', `/v2/${name}/manifests/${ref}`, {
      body: image.manifest.bytes,
      headers: { 'content-type': image.manifest.mediaType },
    });
  };
  const advance = (ms: number) => {
    now += ms;
  };
  return { emulator, send, files, pushBlob, pushImage, advance, dataDir };
}

describe('the data directory', () => {
  it('a VCR_DATA_DIR that is not a writable directory is named at start', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vcr-push-test-')), 'a-file');
    dirs.push(path.dirname(file));
    writeFileSync(file, 'x');
    expect(() => createEmulator({ seed: validateSeed(fixtureSeed()), dataDir: file })).toThrow(
      /VCR_DATA_DIR=.*a-file is not a writable directory/,
    );
  });
});

describe('blob uploads', () => {
  it('monolithic POST ?digest= stores the blob; HEAD and GET return it, Range too', async () => {
    const { send, files } = setup();
    const bytes = Buffer.from('0123456789abcdef');
    const digest = sha256(bytes);
    const post = await send('POST', `/v2/${NAME}/blobs/uploads/?digest=${digest}`, { body: bytes });
    expect(post.res.status).toBe(201);
    expect(post.res.headers.get('location')).toBe(`/v2/${NAME}/blobs/${digest}`);
    expect(post.res.headers.get('docker-content-digest')).toBe(digest);
    const head = await send('HEAD', `/v2/${NAME}/blobs/${digest}`);
    expect(head.res.status).toBe(200);
    expect(head.res.headers.get('content-length')).toBe('16');
    expect(head.bytes.length).toBe(0);
    const get = await send('GET', `/v2/${NAME}/blobs/${digest}`);
    expect(get.bytes.equals(bytes)).toBe(true);
    const range = await send('GET', `/v2/${NAME}/blobs/${digest}`, {
      headers: { range: 'bytes=2-5' },
    });
    expect(range.res.status).toBe(206);
    expect(range.res.headers.get('content-range')).toBe('bytes 2-5/16');
    expect(range.bytes.toString()).toBe('2345');
    const bad = await send('GET', `/v2/${NAME}/blobs/${digest}`, {
      headers: { range: 'bytes=99-' },
    });
    expect(bad.res.status).toBe(416);
    expect(files()).toEqual({ uploads: [], blobs: [digest.slice(7)] });
    // Another repository does not have it (clients mount instead).
    const elsewhere = await send('HEAD', `/v2/acme/storefront/web-app/blobs/${digest}`);
    expect(elsewhere.res.status).toBe(404);
  });

  it('POST then PUT with the whole body', async () => {
    const { send } = setup();
    const bytes = Buffer.from('one shot');
    const post = await send('POST', `/v2/${NAME}/blobs/uploads/`);
    expect(post.res.status).toBe(202);
    const location = post.res.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/v2/${NAME}/blobs/uploads/[0-9a-f-]{36}$`));
    expect(post.res.headers.get('range')).toBe('0-0');
    const put = await send('PUT', `${location}?digest=${sha256(bytes)}`, { body: bytes });
    expect(put.res.status).toBe(201);
    expect((await send('GET', `/v2/${NAME}/blobs/${sha256(bytes)}`)).bytes.toString()).toBe(
      'one shot',
    );
  });

  it('chunked PATCH with Content-Range in order; out of order is 416 and the upload goes on', async () => {
    const { send } = setup();
    const bytes = Buffer.from('a'.repeat(22) + 'b'.repeat(20));
    const loc = (await send('POST', `/v2/${NAME}/blobs/uploads/`)).res.headers.get('location')!;
    const second = await send('PATCH', loc, {
      body: bytes.subarray(22),
      headers: { 'content-range': '22-41', 'content-type': 'application/octet-stream' },
    });
    expect(second.res.status).toBe(416);
    expect(second.json.errors[0].code).toBe('RANGE_INVALID');
    expect(second.json.errors[0].message).toContain('holds 0 bytes');
    const first = await send('PATCH', loc, {
      body: bytes.subarray(0, 22),
      headers: { 'content-range': '0-21' },
    });
    expect(first.res.status).toBe(202);
    expect(first.res.headers.get('range')).toBe('0-21');
    const status = await send('GET', loc);
    expect(status.res.status).toBe(204);
    expect(status.res.headers.get('range')).toBe('0-21');
    expect(
      (
        await send('PATCH', loc, {
          body: bytes.subarray(0, 22),
          headers: { 'content-range': '0-21' },
        })
      ).res.status,
    ).toBe(416);
    const rest = await send('PATCH', loc, {
      body: bytes.subarray(22),
      headers: { 'content-range': '22-41' },
    });
    expect(rest.res.headers.get('range')).toBe('0-41');
    const put = await send('PUT', `${loc}?digest=${sha256(bytes)}`);
    expect(put.res.status).toBe(201);
  });

  it('a digest mismatch is DIGEST_INVALID and leaves no file; the upload is gone', async () => {
    const { send, files } = setup();
    const loc = (await send('POST', `/v2/${NAME}/blobs/uploads/`)).res.headers.get('location')!;
    await send('PATCH', loc, { body: 'some bytes' });
    const put = await send('PUT', `${loc}?digest=${sha256('other bytes')}`);
    expect(put.res.status).toBe(400);
    expect(put.json.errors[0].code).toBe('DIGEST_INVALID');
    expect(put.json.errors[0].message).toContain('do not hash to');
    expect(files()).toEqual({ uploads: [], blobs: [] });
    expect((await send('GET', loc)).json.errors[0].code).toBe('BLOB_UPLOAD_UNKNOWN');
    const mono = await send('POST', `/v2/${NAME}/blobs/uploads/?digest=${sha256('x')}`, {
      body: 'y',
    });
    expect(mono.res.status).toBe(400);
    expect(files()).toEqual({ uploads: [], blobs: [] });
    const bad = await send('POST', `/v2/${NAME}/blobs/uploads/?digest=md5:abc`, { body: 'y' });
    expect(bad.json.errors[0].code).toBe('DIGEST_INVALID');
    expect(files()).toEqual({ uploads: [], blobs: [] });
  });

  it('a body cut off mid-stream is refused and leaves no file', async () => {
    const { send, emulator, files } = setup();
    const loc = (await send('POST', `/v2/${NAME}/blobs/uploads/`)).res.headers.get('location')!;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(1000));
        controller.error(new Error('connection reset'));
      },
    });
    const res = await emulator.registry(
      new Request(`${ORIGIN}${loc}`, {
        method: 'PATCH',
        headers: { authorization: basic() },
        body,
        duplex: 'half',
      } as RequestInit),
    );
    expect(res.status).toBe(400);
    const json = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(json.errors[0]!.code).toBe('BLOB_UPLOAD_INVALID');
    expect(json.errors[0]!.message).toContain('cut off');
    expect(files().uploads).toEqual([]);
    // A Content-Length the body does not reach is a cut-off too.
    const loc2 = (await send('POST', `/v2/${NAME}/blobs/uploads/`)).res.headers.get('location')!;
    const short = await emulator.registry(
      new Request(`${ORIGIN}${loc2}`, {
        method: 'PATCH',
        headers: { authorization: basic(), 'content-length': '500' },
        body: new Uint8Array(100),
      }),
    );
    expect(short.status).toBe(400);
    expect(files().uploads).toEqual([]);
  });

  it('DELETE cancels an upload; an upload id of another repository is unknown there', async () => {
    const { send, files } = setup();
    const loc = (await send('POST', `/v2/${NAME}/blobs/uploads/`)).res.headers.get('location')!;
    const id = loc.split('/').pop()!;
    const foreign = await send('PATCH', `/v2/acme/storefront/web-app/blobs/uploads/${id}`, {
      body: 'x',
    });
    expect(foreign.res.status).toBe(404);
    expect(foreign.json.errors[0].code).toBe('BLOB_UPLOAD_UNKNOWN');
    expect(foreign.json.errors[0].message).toContain('belongs to another repository');
    expect(files().uploads).toHaveLength(1);
    expect((await send('DELETE', loc)).res.status).toBe(204);
    expect(files().uploads).toEqual([]);
    expect((await send('DELETE', loc)).res.status).toBe(404);
  });

  it('mounts a blob from a repository of the same project; anything else falls back to 202', async () => {
    const { send, pushBlob } = setup();
    const b = testImage().layer;
    await pushBlob(b, 'acme/storefront/source');
    const mounted = await send(
      'POST',
      `/v2/${NAME}/blobs/uploads/?mount=${b.digest}&from=acme/storefront/source`,
    );
    expect(mounted.res.status).toBe(201);
    expect(mounted.res.headers.get('location')).toBe(`/v2/${NAME}/blobs/${b.digest}`);
    expect((await send('HEAD', `/v2/${NAME}/blobs/${b.digest}`)).res.status).toBe(200);
    const absent = await send(
      'POST',
      `/v2/${NAME}/blobs/uploads/?mount=${sha256('absent')}&from=acme/storefront/source`,
    );
    expect(absent.res.status).toBe(202);
    // A bearer for the target alone is asked to come back with pull on the source too.
    const tok = await send('GET', `/v2/token?scope=repository:${NAME}:pull,push`);
    const challenged = await send(
      'POST',
      `/v2/${NAME}/blobs/uploads/?mount=${b.digest}&from=acme/storefront/source`,
      { auth: `Bearer ${tok.json.token}` },
    );
    expect(challenged.res.status).toBe(401);
    expect(challenged.res.headers.get('www-authenticate')).toContain(
      `scope="repository:${NAME}:pull,push repository:acme/storefront/source:pull"`,
    );
    const both = await send(
      'GET',
      `/v2/token?scope=${encodeURIComponent(`repository:${NAME}:pull,push repository:acme/storefront/source:pull`)}`,
    );
    const retried = await send(
      'POST',
      `/v2/${NAME}/blobs/uploads/?mount=${b.digest}&from=acme/storefront/source`,
      { auth: `Bearer ${both.json.token}` },
    );
    expect(retried.res.status).toBe(201);
    // Another project of the team is not a mount source.
    const otherProject = await send(
      'POST',
      `/v2/acme/empty-project/x/blobs/uploads/?mount=${b.digest}&from=acme/storefront/source`,
    );
    expect(otherProject.res.status).toBe(202);
  });
});

describe('manifest PUT and what it becomes', () => {
  it('an OCI image: 201, exact bytes back, and a preparing REST tag that turns ready', async () => {
    const { send, pushImage, emulator, advance } = setup();
    const image = testImage();
    const put = await pushImage(image, 'v1');
    expect(put.res.status).toBe(201);
    expect(put.res.headers.get('docker-content-digest')).toBe(image.manifest.digest);
    expect(put.res.headers.get('location')).toBe(`/v2/${NAME}/manifests/${image.manifest.digest}`);
    const get = await send('GET', `/v2/${NAME}/manifests/v1`);
    expect(get.bytes.equals(image.manifest.bytes)).toBe(true);
    expect(get.res.headers.get('content-type')).toBe(image.manifest.mediaType);
    const byDigest = await send('GET', `/v2/${NAME}/manifests/${image.manifest.digest}`);
    expect(byDigest.bytes.equals(image.manifest.bytes)).toBe(true);

    const tag = await call(emulator, '/v1/vcr/repository/pushed/tags/v1?projectId=prj_e2e');
    expect(tag.status).toBe(200);
    expect(tag.body.tag).toMatchObject({
      tag: 'v1',
      manifestDigest: image.manifest.digest,
      kind: 'manifest',
      platform: 'linux',
      arch: 'amd64',
      status: 'preparing',
      sizeInBytes: image.size,
      pushedBy: 'acme-developer',
    });
    const repo = await call(emulator, '/v1/vcr/repository/pushed?projectId=prj_e2e');
    expect(repo.body.repository.updatedAt).toBe('2026-06-01T12:00:00.000Z');
    advance(1000 + image.size);
    const ready = await call(emulator, '/v1/vcr/repository/pushed/tags/v1?projectId=prj_e2e');
    expect(ready.body.tag.status).toBe('ready');
  });

  it('an arm64 Docker v2 image turns unoptimized; a moved tag leaves the old image untagged', async () => {
    const { pushImage, emulator, advance } = setup();
    const first = testImage({ arch: 'arm64', docker: true });
    expect((await pushImage(first, 'edge')).res.status).toBe(201);
    advance(60_000);
    const tag = await call(emulator, '/v1/vcr/repository/pushed/tags/edge?projectId=prj_e2e');
    expect(tag.body.tag).toMatchObject({ arch: 'arm64', status: 'unoptimized' });
    const second = testImage({ arch: 'arm64', docker: true, text: 'v2' });
    await pushImage(second, 'edge');
    const moved = await call(emulator, '/v1/vcr/repository/pushed/tags/edge?projectId=prj_e2e');
    expect(moved.body.tag.manifestDigest).toBe(second.manifest.digest);
    const untagged = await call(
      emulator,
      '/v1/vcr/repository/pushed/images?projectId=prj_e2e&untagged=true',
    );
    expect(untagged.body.images.map((i: { manifestDigest: string }) => i.manifestDigest)).toEqual([
      first.manifest.digest,
    ]);
  });

  it('an index: children by digest first, then the index by tag (status null)', async () => {
    const { send, pushImage, emulator } = setup();
    const amd = testImage({ arch: 'amd64' });
    const arm = testImage({ arch: 'arm64' });
    await pushImage(amd, amd.manifest.digest);
    await pushImage(arm, arm.manifest.digest);
    const index = testIndex([
      { image: amd, arch: 'amd64' },
      { image: arm, arch: 'arm64' },
    ]);
    const put = await send('PUT', `/v2/${NAME}/manifests/multi`, {
      body: index.bytes,
      headers: { 'content-type': index.mediaType },
    });
    expect(put.res.status).toBe(201);
    expect((await send('GET', `/v2/${NAME}/manifests/multi`)).bytes.equals(index.bytes)).toBe(true);
    const tag = await call(emulator, '/v1/vcr/repository/pushed/tags/multi?projectId=prj_e2e');
    expect(tag.body.tag).toMatchObject({ kind: 'index', status: null });
    expect(tag.body.tag.sizeInBytes).toBe(index.bytes.length + amd.size + arm.size);
    const images = await call(emulator, '/v1/vcr/repository/pushed/images?projectId=prj_e2e');
    expect(images.body.images).toHaveLength(3);
  });

  it('refuses a manifest naming a missing blob or child, and stores nothing', async () => {
    const { send, pushBlob, emulator } = setup();
    const image = testImage();
    await pushBlob(image.config);
    const put = await send('PUT', `/v2/${NAME}/manifests/v1`, {
      body: image.manifest.bytes,
      headers: { 'content-type': image.manifest.mediaType },
    });
    expect(put.res.status).toBe(400);
    expect(put.json.errors[0].code).toBe('MANIFEST_BLOB_UNKNOWN');
    expect(put.json.errors[0].message).toContain(image.layer.digest);
    const index = testIndex([{ image, arch: 'amd64' }]);
    const idx = await send('PUT', `/v2/${NAME}/manifests/multi`, {
      body: index.bytes,
      headers: { 'content-type': index.mediaType },
    });
    expect(idx.json.errors[0].code).toBe('MANIFEST_BLOB_UNKNOWN');
    expect((await call(emulator, '/v1/vcr/repository/pushed?projectId=prj_e2e')).status).toBe(404);
  });

  it('refuses what VCR does not take, naming the limit', async () => {
    const { send, pushImage, pushBlob } = setup();
    const expectInvalid = async (
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      p: Promise<{ res: Response; json: any }>,
      status: number,
      text: string,
    ) => {
      const r = await p;
      expect(r.res.status).toBe(status);
      expect(r.json.errors[0].code).toBe('MANIFEST_INVALID');
      expect(r.json.errors[0].message).toContain(text);
    };
    await expectInvalid(
      pushImage(testImage({ layerMediaType: 'application/vnd.oci.image.layer.v1.tar' }), 'raw'),
      400,
      'gzip or zstd',
    );
    await expectInvalid(
      pushImage(testImage({ config: { os: 'linux' } }), 'noarch'),
      400,
      'os and architecture',
    );
    const bigConfig = testImage({
      config: { os: 'linux', architecture: 'amd64', padding: 'x'.repeat(1024 * 1024) },
    });
    await expectInvalid(pushImage(bigConfig, 'bigconfig'), 400, 'up to 1 MB');
    const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
    await expectInvalid(
      send('PUT', `/v2/${NAME}/manifests/huge`, {
        body: huge,
        headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
      }),
      413,
      'up to 4 MB',
    );
    // A digest reference must be the digest of the bytes.
    const image = testImage();
    await pushBlob(image.layer);
    await pushBlob(image.config);
    const wrong = await send('PUT', `/v2/${NAME}/manifests/${sha256('nope')}`, {
      body: image.manifest.bytes,
      headers: { 'content-type': image.manifest.mediaType },
    });
    expect(wrong.json.errors[0].code).toBe('DIGEST_INVALID');
  });

  it('DELETE by digest is 202 and gone from the registry; by tag is unsupported', async () => {
    const { send, pushImage } = setup();
    const image = testImage();
    await pushImage(image, 'v1');
    const byTag = await send('DELETE', `/v2/${NAME}/manifests/v1`);
    expect(byTag.res.status).toBe(405);
    expect(byTag.json.errors[0].message).toContain('by digest only');
    expect(
      (await send('DELETE', `/v2/${NAME}/manifests/${image.manifest.digest}`)).res.status,
    ).toBe(202);
    expect((await send('HEAD', `/v2/${NAME}/manifests/${image.manifest.digest}`)).res.status).toBe(
      404,
    );
  });
});

describe('push credentials and names', () => {
  it('mints push,pull bearers for the owning team; challenges name the push scope', async () => {
    const { send } = setup();
    const none = await send('POST', `/v2/${NAME}/blobs/uploads/`, { auth: null });
    expect(none.res.status).toBe(401);
    expect(none.res.headers.get('www-authenticate')).toContain(
      `scope="repository:${NAME}:pull,push"`,
    );
    const pullOnly = await send('GET', `/v2/token?scope=repository:${NAME}:pull`);
    const refused = await send('POST', `/v2/${NAME}/blobs/uploads/`, {
      auth: `Bearer ${pullOnly.json.token}`,
    });
    expect(refused.res.status).toBe(401);
    const tok = await send('GET', `/v2/token?scope=repository:${NAME}:pull,push`);
    const ok = await send('POST', `/v2/${NAME}/blobs/uploads/`, {
      auth: `Bearer ${tok.json.token}`,
    });
    expect(ok.res.status).toBe(202);
  });

  it('another team is DENIED, a read-only token is DENIED, an unknown project is NAME_UNKNOWN', async () => {
    const { send } = setup((seed) => {
      (seed.tokens as unknown[]).push({
        token: 'vcr_readonly',
        teamIds: ['team_e2e'],
        readOnly: true,
      });
    });
    const foreign = await send('POST', `/v2/${NAME}/blobs/uploads/`, {
      auth: basic('team_other', 'vcr_other_token'),
    });
    expect(foreign.res.status).toBe(403);
    expect(foreign.json.errors[0].code).toBe('DENIED');
    const readOnly = await send('POST', `/v2/${NAME}/blobs/uploads/`, {
      auth: basic('team_e2e', 'vcr_readonly'),
    });
    expect(readOnly.res.status).toBe(403);
    expect(readOnly.json.errors[0].message).toContain('read-only');
    // It still pulls.
    expect(
      (
        await send('GET', '/v2/acme/storefront/web-app/tags/list', {
          auth: basic('team_e2e', 'vcr_readonly'),
        })
      ).res.status,
    ).toBe(200);
    const outside = await send('POST', '/v2/acme/no-such-project/repo/blobs/uploads/');
    expect(outside.res.status).toBe(404);
    expect(outside.json.errors[0].code).toBe('NAME_UNKNOWN');
    expect(outside.json.errors[0].message).toContain('no project no-such-project');
    const badName = await send('POST', '/v2/acme/storefront/Bad_Name/blobs/uploads/');
    expect(badName.json.errors[0].code).toBe('NAME_INVALID');
  });

  it('refuses writes with the message the dashboard passes when writes are off', async () => {
    const { emulator } = setup();
    const res = await emulator.registry(
      new Request(`${ORIGIN}/v2/${NAME}/blobs/uploads/`, {
        method: 'POST',
        headers: { authorization: basic() },
      }),
      { writesRefused: 'pushes are off: set ALLOW_WRITES=1' },
    );
    expect(res.status).toBe(403);
    const json = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(json.errors[0]).toMatchObject({
      code: 'DENIED',
      message: 'pushes are off: set ALLOW_WRITES=1',
    });
  });
});
