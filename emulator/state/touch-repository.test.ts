// A push through the control route moves the repository's updatedAt (touch-repository.ts),
// and an index pushed with platforms has children the registry and the REST API both know.
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../emulator';
import { call, fixtureSeed } from '../test-support';
import { validateSeed } from './seed-schema';
import { touchRepository } from './touch-repository';

const Q = 'projectId=prj_e2e';

function setup(start = Date.parse('2026-12-06T12:00:00.000Z')) {
  let now = start;
  const emu = createEmulator({ seed: validateSeed(fixtureSeed()), clock: () => now });
  const push = async (body: unknown) => {
    const res = await emu.control.fetch(
      new Request('http://emulator.test/__emulator/push', {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    );
    return { status: res.status, body: await res.json() };
  };
  const repository = async (name: string) =>
    (await call(emu, `/v1/vcr/repository/${name}?${Q}`)).body.repository;
  return { emu, push, repository, advance: (ms: number) => (now += ms), now: () => now };
}

describe('touchRepository', () => {
  it('moves updatedAt forward only, and bumps the version so derived data is rebuilt', () => {
    const repo = {
      updatedAt: '2026-12-06T12:00:00.000Z',
      version: 3,
    } as Parameters<typeof touchRepository>[0];
    touchRepository(repo, Date.parse('2026-12-06T11:00:00.000Z'));
    expect(repo).toMatchObject({ updatedAt: '2026-12-06T12:00:00.000Z', version: 3 });
    touchRepository(repo, Date.parse('2026-12-06T12:00:05.000Z'));
    expect(repo).toMatchObject({ updatedAt: '2026-12-06T12:00:05.000Z', version: 4 });
  });
});

describe('POST /__emulator/push and updatedAt', () => {
  it('a new tag and a moved tag both move the repository updatedAt to the push time', async () => {
    const t = setup();
    const before = await t.repository('web-app');
    t.advance(60_000);
    const created = await t.push({ repository: 'web-app', tag: 'fresh' });
    expect(created.status).toBe(200);
    const at = new Date(t.now()).toISOString();
    expect(created.body.repository.updatedAt).toBe(at);
    expect((await t.repository('web-app')).updatedAt).toBe(at);
    expect(at > before.updatedAt).toBe(true);

    t.advance(1_000);
    await t.push({ repository: 'web-app', tag: 'fresh' });
    expect((await t.repository('web-app')).updatedAt).toBe(new Date(t.now()).toISOString());
    // Other repositories are left alone.
    const other = await t.repository('long-list');
    expect(other.updatedAt < at).toBe(true);
  });

  it('an index with platforms gets one untagged child per platform, served by the registry', async () => {
    const t = setup();
    const res = await t.push({
      repository: 'multi',
      tag: 'v1',
      kind: 'index',
      platforms: ['linux/amd64', 'linux/arm64'],
      prepareSeconds: 10,
    });
    expect(res.status).toBe(200);
    expect(res.body.tag).toMatchObject({ tag: 'v1', kind: 'index', status: null });
    const auth = `Basic ${Buffer.from('team_e2e:vcr_e2e_token').toString('base64')}`;
    const manifest = await t.emu.registry(
      new Request(
        `http://registry.test/v2/acme/storefront/multi/manifests/${res.body.tag.manifestDigest}`,
        {
          headers: { authorization: auth },
        },
      ),
    );
    expect(manifest.status).toBe(200);
    expect(manifest.headers.get('docker-content-digest')).toBe(res.body.tag.manifestDigest);
    const index = (await manifest.json()) as {
      manifests: { digest: string; platform: { architecture: string } }[];
    };
    expect(index.manifests.map((m) => m.platform.architecture)).toEqual(['amd64', 'arm64']);
    const child = await call(
      t.emu,
      `/v1/vcr/repository/multi/images/${index.manifests[1]!.digest}?${Q}`,
    );
    expect(child.body.image).toMatchObject({ arch: 'arm64', status: 'preparing', tags: [] });
    // Only the index's tag is listed: the children stay untagged.
    const tags = await call(t.emu, `/v1/vcr/repository/multi/tags?${Q}`);
    expect(tags.body.tags.map((x: { tag: string }) => x.tag)).toEqual(['v1']);
    t.advance(10_000);
    const done = await call(
      t.emu,
      `/v1/vcr/repository/multi/images/${index.manifests[1]!.digest}?${Q}`,
    );
    expect(done.body.image.status).toBe('unoptimized');
  });

  it('refuses platforms without kind index, or malformed', async () => {
    const t = setup();
    for (const body of [
      { repository: 'multi', tag: 'v1', platforms: ['linux/arm64'] },
      { repository: 'multi', tag: 'v1', kind: 'index', platforms: ['arm64'] },
      { repository: 'multi', tag: 'v1', kind: 'index', platforms: [] },
    ]) {
      const res = await t.push(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('platforms');
    }
  });
});
