// The write endpoints of the emulated API (issue 10): image and repository deletion with
// background removal, visibility, and sharing permissions, against the e2e fixture seed.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator';
import { SeedError, validateSeed } from '../state/seed-schema';
import { call, fixtureSeed } from '../test-support';

const Q = 'projectId=prj_e2e&teamId=team_e2e';
const T0 = Date.parse('2026-11-27T12:00:00.000Z');
const DELAY = 1500;
const REPO = '/v1/vcr/repository';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

let emu: Emulator;
let now = T0;
beforeEach(() => {
  now = T0;
  emu = createEmulator({
    seed: validateSeed(fixtureSeed()),
    clock: () => now,
    deleteDelayMs: DELAY,
  });
});

async function allTags(repo: string): Promise<AnyJson[]> {
  const out: AnyJson[] = [];
  let cursor = '';
  for (;;) {
    const res = await call(emu, `${REPO}/${repo}/tags?${Q}&limit=100${cursor}`);
    expect(res.status).toBe(200);
    out.push(...res.body.tags);
    if (!res.body.nextCursor) return out;
    cursor = `&cursor=${encodeURIComponent(res.body.nextCursor)}`;
  }
}

describe('DELETE an image', () => {
  it('answers 202 with an empty body, then removes the image and all its tags in the background', async () => {
    const latest = (await call(emu, `${REPO}/long-list/tags/latest?${Q}`)).body.tag;
    const before = await allTags('long-list');
    const sharing = before.filter((t) => t.imageId === latest.imageId).map((t) => t.tag);
    expect(sharing.length).toBeGreaterThan(1); // latest and build-0650 share one image

    const res = await call(emu, `${REPO}/long-list/images/${latest.imageId}?${Q}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    expect(res.headers.get('content-type')).toBeNull();

    // Still there while the registry works on it.
    now += DELAY - 1;
    expect((await call(emu, `${REPO}/long-list/images/${latest.imageId}?${Q}`)).status).toBe(200);

    now += 1;
    const image = await call(emu, `${REPO}/long-list/images/${latest.imageId}?${Q}`);
    expect(image.status).toBe(404);
    expect(image.body.error.code).toBe('not_found');
    for (const name of sharing) {
      expect((await call(emu, `${REPO}/long-list/tags/${name}?${Q}`)).status, name).toBe(404);
    }
    const after = await allTags('long-list');
    expect(after).toHaveLength(before.length - sharing.length);
    expect(after.some((t) => t.imageId === latest.imageId)).toBe(false);
    const images = await call(emu, `${REPO}/long-list/images?${Q}&limit=100`);
    expect(images.body.images.some((i: AnyJson) => i.id === latest.imageId)).toBe(false);
  });

  it('accepts a digest, keeps the first deadline on a repeat, and 404s once gone', async () => {
    const tag = (await call(emu, `${REPO}/web-app/tags/latest?${Q}`)).body.tag;
    const path = `${REPO}/web-app/images/${tag.manifestDigest}?${Q}`;
    expect((await call(emu, path, { method: 'DELETE' })).status).toBe(202);
    now += DELAY / 2;
    expect((await call(emu, path, { method: 'DELETE' })).status).toBe(202);
    now += DELAY / 2;
    expect((await call(emu, path)).status).toBe(404);
    expect((await call(emu, path, { method: 'DELETE' })).status).toBe(404);
  });

  it('404s for an unknown image or repository, 403 for another team, 400 without projectId', async () => {
    const q = (p: string, token?: string) => call(emu, p, { method: 'DELETE', token });
    expect((await q(`${REPO}/web-app/images/image_nope?${Q}`)).status).toBe(404);
    expect((await q(`${REPO}/nope/images/image_nope?${Q}`)).status).toBe(404);
    const tag = (await call(emu, `${REPO}/web-app/tags/latest?${Q}`)).body.tag;
    expect((await q(`${REPO}/web-app/images/${tag.imageId}?${Q}`, 'vcr_other_token')).status).toBe(
      403,
    );
    expect((await q(`${REPO}/web-app/images/${tag.imageId}`)).status).toBe(400);
    expect((await q(`${REPO}/web-app/images/${tag.imageId}?${Q}`, 'bogus')).status).toBe(401);
  });
});

describe('DELETE a repository', () => {
  it('answers 202 and the repository is gone from list and get at once', async () => {
    const res = await call(emu, `${REPO}/web-app?${Q}`, { method: 'DELETE' });
    expect(res.status).toBe(202);
    expect(res.body).toBe('');
    expect((await call(emu, `${REPO}/web-app?${Q}`)).status).toBe(404);
    expect((await call(emu, `${REPO}/repo_webapp01?${Q}`)).status).toBe(404);
    expect((await call(emu, `${REPO}/web-app/tags/latest?${Q}`)).status).toBe(404);
    const list = await call(emu, `${REPO}?${Q}`);
    expect(list.body.repositories.map((r: AnyJson) => r.name)).not.toContain('web-app');
    expect((await call(emu, `${REPO}/web-app?${Q}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('accepts the repository id; a repository created again under the name gets a new id', async () => {
    expect((await call(emu, `${REPO}/repo_webapp01?${Q}`, { method: 'DELETE' })).status).toBe(202);
    const created = await call(emu, `${REPO}?${Q}`, {
      method: 'POST',
      body: { projectId: 'prj_e2e', name: 'web-app' },
    });
    expect(created.status).toBe(200);
    expect(created.body.repository.id).not.toBe('repo_webapp01');
    expect((await call(emu, `${REPO}/web-app/tags?${Q}`)).body.tags).toEqual([]);
  });
});

describe('PATCH a repository', () => {
  it('makes it public and private, answering {repository} with a new updatedAt', async () => {
    now = T0 + 60_000;
    const res = await call(emu, `${REPO}/web-app?${Q}`, {
      method: 'PATCH',
      body: { public: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.repository).toMatchObject({ name: 'web-app', public: true });
    expect(res.body.repository.updatedAt).toBe(new Date(now).toISOString());
    expect((await call(emu, `${REPO}/web-app?${Q}`)).body.repository.public).toBe(true);
    const back = await call(emu, `${REPO}/web-app?${Q}`, {
      method: 'PATCH',
      body: { public: false },
    });
    expect(back.body.repository.public).toBe(false);
  });

  it.each([
    ['not JSON', '{public:'],
    ['an array', [true]],
    ['a string value', { public: 'true' }],
    ['an extra field', { public: true, name: 'x' }],
    ['no field', {}],
  ])('400 for %s', async (_name, body) => {
    const res = await call(emu, `${REPO}/web-app?${Q}`, { method: 'PATCH', body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('bad_request');
    expect((await call(emu, `${REPO}/web-app?${Q}`)).body.repository.public).toBe(false);
  });
});

describe('permissions', () => {
  const P = `${REPO}/web-app/permissions`;

  it('lists the seeded share with repositoryId, teamId, teamSlug and createdAt', async () => {
    const res = await call(emu, `${P}?${Q}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      permissions: [
        {
          repositoryId: 'repo_webapp01',
          teamId: 'team_partner',
          teamSlug: 'partner-labs',
          createdAt: '2026-03-01T09:00:00.000Z',
        },
      ],
    });
    expect((await call(emu, `${REPO}/long-list/permissions?${Q}`)).body).toEqual({
      permissions: [],
    });
  });

  it('adds by slug or id, 409 when already shared, and pages the list', async () => {
    now = T0 + 1000;
    const bySlug = await call(emu, `${P}?${Q}`, {
      method: 'POST',
      body: { teamSlug: 'contractor-studio' },
    });
    expect(bySlug.status).toBe(200);
    expect(bySlug.body).toEqual({
      permission: {
        repositoryId: 'repo_webapp01',
        teamId: 'team_contractor',
        teamSlug: 'contractor-studio',
        createdAt: new Date(now).toISOString(),
      },
    });
    now += 1000;
    const byId = await call(emu, `${P}?${Q}`, { method: 'POST', body: { teamId: 'team_other' } });
    expect(byId.body.permission.teamSlug).toBe('other-co');
    const again = await call(emu, `${P}?${Q}`, {
      method: 'POST',
      body: { teamId: 'team_partner' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    const first = await call(emu, `${P}?${Q}&limit=2`);
    expect(first.body.permissions.map((p: AnyJson) => p.teamSlug)).toEqual([
      'partner-labs',
      'contractor-studio',
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(
      emu,
      `${P}?${Q}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body).toEqual({
      permissions: [expect.objectContaining({ teamId: 'team_other' })],
    });
  });

  it.each([
    ['an unknown team id', { teamId: 'team_ghost' }, 404],
    ['an unknown slug', { teamSlug: 'ghost' }, 404],
    ['the owning team', { teamId: 'team_e2e' }, 400],
    ['both fields', { teamId: 'team_other', teamSlug: 'other-co' }, 400],
    ['neither field', {}, 400],
    ['an extra field', { teamId: 'team_other', role: 'admin' }, 400],
    ['a number', { teamId: 42 }, 400],
    ['not JSON', 'team_other', 400],
  ])('POST refuses %s', async (_name, body, status) => {
    const res = await call(emu, `${P}?${Q}`, { method: 'POST', body });
    expect(res.status).toBe(status);
    expect((await call(emu, `${P}?${Q}`)).body.permissions).toHaveLength(1);
  });

  it('DELETE removes one share (204), and removing a missing share is fine too', async () => {
    const res = await call(emu, `${P}?${Q}`, {
      method: 'DELETE',
      body: { teamSlug: 'partner-labs' },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect((await call(emu, `${P}?${Q}`)).body.permissions).toEqual([]);
    const again = await call(emu, `${P}?${Q}`, {
      method: 'DELETE',
      body: { teamId: 'team_partner' },
    });
    expect(again.status).toBe(204);
    expect((await call(emu, `${P}?${Q}`, { method: 'DELETE' })).status).toBe(400);
  });

  it('DELETE /permissions/all removes every share (204), also when there are none', async () => {
    await call(emu, `${P}?${Q}`, { method: 'POST', body: { teamId: 'team_other' } });
    expect((await call(emu, `${P}/all?${Q}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(emu, `${P}?${Q}`)).body.permissions).toEqual([]);
    expect((await call(emu, `${P}/all?${Q}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('checks limit, scope and repository like the reads', async () => {
    expect((await call(emu, `${P}?${Q}&limit=0`)).status).toBe(400);
    expect((await call(emu, `${P}?${Q}&limit=101`)).status).toBe(400);
    expect((await call(emu, `${P}?${Q}&cursor=forged`)).status).toBe(400);
    expect((await call(emu, `${P}?${Q}`, { token: 'vcr_other_token' })).status).toBe(403);
    expect((await call(emu, `${REPO}/nope/permissions?${Q}`)).status).toBe(404);
  });

  it('goes with the repository and comes back on reset', async () => {
    await call(emu, `${P}/all?${Q}`, { method: 'DELETE' });
    emu.reset();
    expect((await call(emu, `${P}?${Q}`)).body.permissions).toHaveLength(1);
  });
});

describe('seed sharedWith', () => {
  const withShares = (shares: unknown) => {
    const seed = fixtureSeed() as AnyJson;
    seed.projects[0].repositories[1].sharedWith = shares;
    return seed;
  };
  it.each([
    [['ghost'], 'projects[0].repositories[1].sharedWith[0]: unknown team "ghost"'],
    [['team_e2e'], 'projects[0].repositories[1].sharedWith[0]: the owning team cannot be a share'],
    [
      ['partner-labs', 'team_partner'],
      'projects[0].repositories[1].sharedWith[1]: team "team_partner" is listed twice',
    ],
    [[3], 'projects[0].repositories[1].sharedWith[0]:'],
    ['acme', 'projects[0].repositories[1].sharedWith:'],
  ])('refuses %j with the field path', (shares, message) => {
    expect(() => validateSeed(withShares(shares))).toThrow(SeedError);
    expect(() => validateSeed(withShares(shares))).toThrow(message);
  });
  it('accepts ids and slugs of other teams', () => {
    expect(() => validateSeed(withShares(['other-co', 'team_contractor']))).not.toThrow();
  });
});
