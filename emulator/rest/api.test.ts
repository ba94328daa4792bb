// Every endpoint and every error of the emulated API, against the e2e fixture seed.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator';
import { VERCEL_ID_RE } from '../state/ids';
import { validateSeed } from '../state/seed-schema';
import { call, fixtureSeed } from '../test-support';

const Q = 'projectId=prj_e2e&teamId=team_e2e';
const T0 = Date.parse('2026-11-27T12:00:00.000Z');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

const seedJson = fixtureSeed() as AnyJson;
const seedTags = (repo: string): AnyJson[] =>
  seedJson.projects[0].repositories.find((r: AnyJson) => r.name === repo).tags;

let emu: Emulator;
let now = T0;
beforeEach(() => {
  now = T0;
  emu = createEmulator({ seed: validateSeed(fixtureSeed()), clock: () => now });
});

describe('every response', () => {
  it('carries an x-vercel-id, on success, error and unknown routes alike', async () => {
    for (const [path, token] of [
      [`/v1/vcr/repository?${Q}`, undefined],
      [`/v1/vcr/repository/nope?${Q}`, undefined],
      [`/v1/vcr/repository?${Q}`, null],
      ['/v3/whatever', undefined],
    ] as const) {
      const res = await call(emu, path, { token });
      expect(res.headers.get('x-vercel-id'), path).toMatch(VERCEL_ID_RE);
    }
    const a = await call(emu, `/v2/user`);
    const b = await call(emu, `/v2/user`);
    expect(a.headers.get('x-vercel-id')).not.toBe(b.headers.get('x-vercel-id'));
  });
});

describe('unknown routes', () => {
  it('answers 404 naming the method and the path', async () => {
    const res = await call(emu, '/v1/vcr/repositories?projectId=prj_e2e');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toContain('GET /v1/vcr/repositories');
  });
  it('answers 404 for a known path with an unsupported method, naming both', async () => {
    const res = await call(emu, `/v1/vcr/repository/web-app/tags/latest?${Q}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('DELETE /v1/vcr/repository/web-app/tags/latest');
  });
});

describe('authentication and scope', () => {
  const path = `/v1/vcr/repository/web-app/tags/latest`;
  it('401 without a token, with a malformed header, or with an unknown token', async () => {
    for (const token of [null, 'nope', '']) {
      const res = await call(emu, `${path}?${Q}`, { token });
      expect(res.status, String(token)).toBe(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
  });
  it('400 when projectId is missing or empty', async () => {
    for (const q of ['', '?projectId=', '?teamId=team_e2e']) {
      const res = await call(emu, `${path}${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'bad_request' });
      expect(res.body.error.message).toContain('projectId');
    }
  });
  it("403 when the token's teams do not include the project's or the named team", async () => {
    const other = await call(emu, `${path}?projectId=prj_e2e`, { token: 'vcr_other_token' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('forbidden');
    const team = await call(emu, `${path}?projectId=prj_e2e&teamId=team_other`);
    expect(team.status).toBe(403);
    const unknownTeam = await call(emu, `${path}?projectId=prj_e2e&slug=nobody`);
    expect(unknownTeam.status).toBe(403);
    const secret = await call(emu, `/v1/vcr/repository/internal/tags/v1?projectId=prj_other`);
    expect(secret.status).toBe(403);
  });
  it('404 for an unknown project, or a project outside the named team', async () => {
    const res = await call(emu, `${path}?projectId=prj_nope&teamId=team_e2e`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'Project not found.' });
  });
  it('accepts the team by slug and the project by name', async () => {
    const res = await call(emu, `${path}?projectId=storefront&slug=acme`);
    expect(res.status).toBe(200);
    expect(res.body.tag.tag).toBe('latest');
  });
  it('the other token sees its own project', async () => {
    const res = await call(emu, `/v1/vcr/repository/internal/tags/v1?projectId=prj_other`, {
      token: 'vcr_other_token',
    });
    expect(res.status).toBe(200);
  });
});

describe('GET tag', () => {
  it('returns the tag exactly as seeded', async () => {
    for (const seeded of seedTags('web-app')) {
      const res = await call(emu, `/v1/vcr/repository/web-app/tags/${seeded.tag}?${Q}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(res.body).toEqual({ tag: seeded });
    }
  });
  it('finds the repository by id too, and decodes path segments', async () => {
    const res = await call(emu, `/v1/vcr/repository/repo_webapp01/tags/v1.0.0?${Q}`);
    expect(res.body.tag.tag).toBe('v1.0.0');
    const enc = await call(emu, `/v1/vcr/repository/web%2Dapp/tags/v1%2E0%2E0?${Q}`);
    expect(enc.body.tag.tag).toBe('v1.0.0');
  });
  it('404 with the documented body for an unknown tag or repository', async () => {
    const tag = await call(emu, `/v1/vcr/repository/web-app/tags/nope?${Q}`);
    expect(tag.status).toBe(404);
    expect(tag.body).toEqual({ error: { code: 'not_found', message: 'VCR Tag not found.' } });
    const repo = await call(emu, `/v1/vcr/repository/nope/tags/latest?${Q}`);
    expect(repo.status).toBe(404);
    expect(repo.body.error).toEqual({ code: 'not_found', message: 'VCR Repository not found.' });
    const other = await call(emu, `/v1/vcr/repository/internal/tags/v1?${Q}`);
    expect(other.status).toBe(404);
  });
  it('400 for a name longer than 255 characters', async () => {
    const res = await call(emu, `/v1/vcr/repository/${'a'.repeat(256)}/tags/latest?${Q}`);
    expect(res.status).toBe(400);
  });
});

describe('repositories', () => {
  it('lists them, sorted by name, and pages with an opaque cursor', async () => {
    const all = await call(emu, `/v1/vcr/repository?${Q}`);
    expect(all.status).toBe(200);
    expect(all.body.repositories.map((r: AnyJson) => r.name)).toEqual([
      'empty-repo',
      'long-list',
      'platforms',
      'web-app',
    ]);
    expect(all.body).not.toHaveProperty('nextCursor');
    expect(all.body.repositories[3]).toEqual({
      id: 'repo_webapp01',
      projectId: 'prj_e2e',
      name: 'web-app',
      public: false,
      createdAt: '2026-03-01T09:00:00.000Z',
      updatedAt: '2026-11-26T23:58:00.000Z',
    });
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call(
        emu,
        `/v1/vcr/repository?${Q}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.repositories).toHaveLength(1);
      names.push(page.body.repositories[0].name);
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(names).toEqual(['empty-repo', 'long-list', 'platforms', 'web-app']);
  });
  it('an empty project lists nothing', async () => {
    const res = await call(emu, `/v1/vcr/repository?projectId=prj_empty`);
    expect(res.body).toEqual({ repositories: [] });
  });
  it('400 for a limit out of 1–1000', async () => {
    for (const limit of ['0', '1001', 'ten', '-1', '2.5']) {
      const res = await call(emu, `/v1/vcr/repository?${Q}&limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.error.message).toContain('limit');
    }
    expect((await call(emu, `/v1/vcr/repository?${Q}&limit=1000`)).status).toBe(200);
  });
  it('gets one by name or id; 404 otherwise', async () => {
    const byName = await call(emu, `/v1/vcr/repository/long-list?${Q}`);
    const byId = await call(emu, `/v1/vcr/repository/repo_longlist01?${Q}`);
    expect(byName.body).toEqual(byId.body);
    expect(byName.body.repository).toMatchObject({ name: 'long-list', public: true });
    const missing = await call(emu, `/v1/vcr/repository/nope?${Q}`);
    expect(missing.status).toBe(404);
  });
  it('creates one (POST, projectId in the body), then refuses a duplicate or a bad name', async () => {
    now = T0 + 5_000;
    const created = await call(emu, '/v1/vcr/repository?teamId=team_e2e', {
      method: 'POST',
      body: { projectId: 'prj_e2e', name: 'new-repo' },
    });
    expect(created.status).toBe(200);
    expect(created.body.repository).toMatchObject({
      projectId: 'prj_e2e',
      name: 'new-repo',
      public: false,
      createdAt: new Date(T0 + 5_000).toISOString(),
    });
    expect(created.body.repository.id).toMatch(/^repo_/);
    const got = await call(emu, `/v1/vcr/repository/${created.body.repository.id}?${Q}`);
    expect(got.body.repository.name).toBe('new-repo');
    const dup = await call(emu, '/v1/vcr/repository', {
      method: 'POST',
      body: { projectId: 'prj_e2e', name: 'new-repo' },
    });
    expect(dup.status).toBe(409);
    const bad = await call(emu, '/v1/vcr/repository', {
      method: 'POST',
      body: { projectId: 'prj_e2e', name: 'Bad Name' },
    });
    expect(bad.status).toBe(400);
    const notJson = await call(emu, '/v1/vcr/repository', { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    const noProject = await call(emu, '/v1/vcr/repository', {
      method: 'POST',
      body: { name: 'x' },
    });
    expect(noProject.status).toBe(400);
    const forbidden = await call(emu, '/v1/vcr/repository', {
      method: 'POST',
      body: { projectId: 'prj_other', name: 'x' },
    });
    expect(forbidden.status).toBe(403);
  });
});

describe('list tags', () => {
  const list = (repo: string, q = '') => call(emu, `/v1/vcr/repository/${repo}/tags?${Q}${q}`);

  it('defaults to updatedAt desc, with the pinned latest first and outside the limit', async () => {
    const res = await list('long-list', '&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.tags.map((t: AnyJson) => t.tag)).toEqual([
      'latest',
      'build-0650',
      'build-0649',
      'build-0648',
      'build-0647',
      'build-0646',
    ]);
    expect(typeof res.body.nextCursor).toBe('string');
  });
  it('pages through all 650 builds, each once, latest on the first page only', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(
        'long-list',
        `&limit=100&sortBy=tag&sortOrder=asc${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const names = res.body.tags.map((t: AnyJson) => t.tag);
      if (pages > 0) expect(names).not.toContain('latest');
      seen.push(...names);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen[0]).toBe('latest');
    expect(seen.slice(1)).toEqual(
      Array.from({ length: 650 }, (_, i) => `build-${String(i + 1).padStart(4, '0')}`),
    );
  });
  it('sorts by tag or updatedAt, ascending or descending', async () => {
    const names = async (q: string) =>
      (await list('web-app', q)).body.tags.map((t: AnyJson) => t.tag);
    const byTagAsc = await names('&sortBy=tag&sortOrder=asc');
    const byTagDesc = await names('&sortBy=tag&sortOrder=desc');
    expect(byTagAsc[0]).toBe('latest');
    expect(byTagAsc.slice(1)).toEqual(
      seedTags('web-app')
        .map((t) => t.tag)
        .filter((t) => t !== 'latest')
        .sort(),
    );
    expect(byTagDesc.slice(1)).toEqual([...byTagAsc.slice(1)].reverse());
    const byTime = (await list('web-app', '&sortOrder=asc')).body.tags.slice(1);
    const times = byTime.map((t: AnyJson) => Date.parse(t.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
  it('an empty repository has no tags and no cursor', async () => {
    expect((await list('empty-repo')).body).toEqual({ tags: [] });
  });
  it('400 for a bad limit, sortBy, sortOrder, or a forged or foreign cursor', async () => {
    for (const q of [
      '&limit=0',
      '&limit=101',
      '&sortBy=name',
      '&sortOrder=up',
      '&cursor=abc',
      '&cursor=',
    ]) {
      const res = await list('long-list', q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    const first = await list('long-list', '&limit=2');
    const cursor: string = first.body.nextCursor;
    expect((await list('long-list', `&limit=2&cursor=${cursor}`)).status).toBe(200);
    // The same cursor for another sort, or another repository: stale, refused.
    expect((await list('long-list', `&sortBy=tag&cursor=${cursor}`)).status).toBe(400);
    expect((await list('web-app', `&cursor=${cursor}`)).status).toBe(400);
    // Tampering with the payload (moving the position) breaks the signature.
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    decoded.k[0] = 0;
    const forged = Buffer.from(JSON.stringify(decoded)).toString('base64url');
    expect((await list('long-list', `&cursor=${forged}`)).status).toBe(400);
  });
});

describe('images', () => {
  it('derives one image per distinct imageId, with its tags', async () => {
    const res = await call(emu, `/v1/vcr/repository/long-list/images?${Q}&limit=100`);
    expect(res.status).toBe(200);
    expect(res.body.images).toHaveLength(100);
    const newest = res.body.images[0];
    expect(newest.tags.sort()).toEqual(['build-0650', 'latest']);
    const seeded = seedTags('long-list').find((t) => t.tag === 'build-0650');
    expect(newest).toEqual({
      id: seeded.imageId,
      repositoryId: 'repo_longlist01',
      manifestDigest: seeded.manifestDigest,
      kind: 'manifest',
      platform: 'linux',
      arch: 'amd64',
      pushedBy: 'ci@acme.dev',
      status: 'ready',
      sizeInBytes: seeded.sizeInBytes,
      createdAt: seeded.createdAt,
      tags: expect.any(Array),
      vhs: { digest: expect.stringMatching(/^sha256:/), path: expect.any(String) },
    });
    let cursor: string | undefined = res.body.nextCursor;
    const ids = new Set(res.body.images.map((i: AnyJson) => i.id));
    while (cursor) {
      const page = await call(
        emu,
        `/v1/vcr/repository/long-list/images?${Q}&limit=100&cursor=${cursor}`,
      );
      for (const i of page.body.images) ids.add(i.id);
      cursor = page.body.nextCursor;
    }
    expect(ids.size).toBe(650);
  });
  it('untagged=true lists only images no tag points at', async () => {
    const before = await call(emu, `/v1/vcr/repository/web-app/images?${Q}&untagged=true`);
    expect(before.body).toEqual({ images: [] });
    const old = seedTags('web-app').find((t) => t.tag === 'v1.0.0');
    emu.state().push({ projectId: 'prj_e2e', repository: 'web-app', tag: 'v1.0.0' });
    const after = await call(emu, `/v1/vcr/repository/web-app/images?${Q}&untagged=true`);
    expect(after.body.images.map((i: AnyJson) => [i.id, i.tags])).toEqual([[old.imageId, []]]);
    const all = await call(emu, `/v1/vcr/repository/web-app/images?${Q}&untagged=false`);
    expect(all.body.images).toHaveLength(9);
    expect((await call(emu, `/v1/vcr/repository/web-app/images?${Q}&untagged=yes`)).status).toBe(
      400,
    );
    expect((await call(emu, `/v1/vcr/repository/web-app/images?${Q}&limit=101`)).status).toBe(400);
  });
  it('gets one image by image_ id or sha256 digest, with layers', async () => {
    const latest = seedTags('web-app').find((t) => t.tag === 'latest');
    const byId = await call(emu, `/v1/vcr/repository/web-app/images/${latest.imageId}?${Q}`);
    const byDigest = await call(
      emu,
      `/v1/vcr/repository/web-app/images/${latest.manifestDigest}?${Q}`,
    );
    expect(byId.status).toBe(200);
    expect(byDigest.body).toEqual(byId.body);
    const image = byId.body.image;
    expect(image).toMatchObject({ id: latest.imageId, tags: ['latest'], status: 'ready' });
    expect(image.layers[0]).toMatchObject({ type: 'FROM', operation: 'FROM' });
    expect(image.layers[0].baseImage).toEqual(expect.any(String));
    const sized = image.layers.reduce((n: number, l: AnyJson) => n + (l.sizeBytes ?? 0), 0);
    expect(sized).toBeLessThanOrEqual(latest.sizeInBytes);
    expect(sized).toBeGreaterThan(latest.sizeInBytes * 0.99);
  });
  it('an index has no layers; an attestation has one opaque layer', async () => {
    const index = seedTags('web-app').find((t) => t.tag === 'multi-arch');
    const sbom = seedTags('web-app').find((t) => t.tag === 'sbom');
    const i = await call(emu, `/v1/vcr/repository/web-app/images/${index.imageId}?${Q}`);
    expect(i.body.image.layers).toEqual([]);
    expect(i.body.image).not.toHaveProperty('platform');
    const a = await call(emu, `/v1/vcr/repository/web-app/images/${sbom.imageId}?${Q}`);
    expect(a.body.image.layers).toHaveLength(1);
    expect(a.body.image.layers[0].type).toBe('UNKNOWN');
  });
  it('404 for an unknown image, digest, or a reference of another repository', async () => {
    const other = seedTags('long-list')[1];
    for (const ref of ['image_nope', `sha256:${'0'.repeat(64)}`, other.imageId, 'garbage']) {
      const res = await call(emu, `/v1/vcr/repository/web-app/images/${ref}?${Q}`);
      expect(res.status, ref).toBe(404);
      expect(res.body.error).toEqual({ code: 'not_found', message: 'VCR Image not found.' });
    }
  });
});

describe('scope look-ups', () => {
  it('/v2/user describes the token holder', async () => {
    const res = await call(emu, '/v2/user');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ defaultTeamId: 'team_e2e' });
    expect(res.body.user.username).toEqual(expect.any(String));
    expect((await call(emu, '/v2/user', { token: null })).status).toBe(401);
  });
  it('/teams/{id} and /v2/teams/{idOrSlug} answer the team object', async () => {
    const a = await call(emu, '/teams/team_e2e');
    const b = await call(emu, '/v2/teams/acme');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ id: 'team_e2e', slug: 'acme', name: 'Acme Inc' });
    expect(b.body).toEqual(a.body);
    expect((await call(emu, '/v2/teams/other-co')).status).toBe(403);
    expect((await call(emu, '/v2/teams/team_nope')).status).toBe(404);
  });
  it('/v9/projects/{idOrName} answers the project object', async () => {
    const res = await call(emu, '/v9/projects/prj_e2e?teamId=team_e2e');
    expect(res.body).toMatchObject({ id: 'prj_e2e', name: 'storefront', accountId: 'team_e2e' });
    const byName = await call(emu, '/v9/projects/empty-project?slug=acme');
    expect(byName.body.id).toBe('prj_empty');
    expect((await call(emu, '/v9/projects/prj_other')).status).toBe(403);
    expect((await call(emu, '/v9/projects/nope')).status).toBe(404);
  });
});
