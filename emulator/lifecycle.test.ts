// Preparing → ready/unoptimized on an injected clock, and push moving tags between images.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from './emulator';
import { validateSeed } from './state/seed-schema';
import { call, fixtureSeed } from './test-support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;
const Q = 'projectId=prj_e2e';
const T0 = Date.parse('2026-11-27T12:00:00.000Z');

function seedWithTimedTags(): AnyJson {
  const seed = fixtureSeed() as AnyJson;
  const tags = seed.projects[0].repositories[0].tags;
  const base = (tag: string, arch: string, image: string) => ({
    tag,
    manifestDigest: `sha256:${image.repeat(64).slice(0, 64)}`,
    imageId: `image_${image}${image}`,
    kind: 'manifest',
    platform: 'linux',
    arch,
    status: 'preparing',
    sizeInBytes: 1_000,
    createdAt: '2026-11-27T11:59:00.000Z',
    updatedAt: '2026-11-27T11:59:00.000Z',
    prepareSeconds: 30,
  });
  tags.push(base('soon-amd64', 'amd64', 'a'), base('soon-arm64', 'arm64', 'b'));
  return seed;
}

let now = T0;
let emu: Emulator;
beforeEach(() => {
  now = T0;
  emu = createEmulator({ seed: validateSeed(seedWithTimedTags()), clock: () => now });
});

const getTag = async (tag: string) =>
  (await call(emu, `/v1/vcr/repository/web-app/tags/${tag}?${Q}`)).body.tag;

describe('lifecycle', () => {
  it('turns preparing tags ready (linux/amd64) or unoptimized (other) after prepareSeconds', async () => {
    now = T0 + 29_999;
    expect((await getTag('soon-amd64')).status).toBe('preparing');
    expect((await getTag('soon-arm64')).status).toBe('preparing');
    now = T0 + 30_000;
    const amd = await getTag('soon-amd64');
    const arm = await getTag('soon-arm64');
    expect(amd.status).toBe('ready');
    expect(arm.status).toBe('unoptimized');
    // updatedAt moves to the moment it became ready; createdAt does not.
    expect(amd.updatedAt).toBe(new Date(T0 + 30_000).toISOString());
    expect(amd.createdAt).toBe('2026-11-27T11:59:00.000Z');
    // The image and the repository agree.
    const image = await call(emu, `/v1/vcr/repository/web-app/images/${amd.imageId}?${Q}`);
    expect(image.body.image.status).toBe('ready');
    const repo = await call(emu, `/v1/vcr/repository/web-app?${Q}`);
    expect(repo.body.repository.updatedAt).toBe(new Date(T0 + 30_000).toISOString());
  });
  it('a preparing tag without prepareSeconds stays preparing', async () => {
    now = T0 + 365 * 86_400_000;
    expect((await getTag('preparing-forever')).status).toBe('preparing');
  });
  it('the updatedAt sort sees the new time', async () => {
    now = T0 + 31_000;
    const res = await call(emu, `/v1/vcr/repository/web-app/tags?${Q}&limit=2`);
    expect(res.body.tags.map((t: AnyJson) => t.tag)).toEqual([
      'latest',
      'soon-amd64',
      'soon-arm64',
    ]);
  });
});

describe('push', () => {
  it('shows in lists listed before it (sorted orders are not served stale)', async () => {
    const names = async (q: string) =>
      (await call(emu, `/v1/vcr/repository/web-app/tags?${Q}${q}`)).body.tags.map(
        (t: AnyJson) => t.tag,
      );
    const images = async () =>
      (await call(emu, `/v1/vcr/repository/web-app/images?${Q}`)).body.images.length;
    expect(await names('&limit=1')).toEqual(['latest', 'soon-amd64']);
    const before = await images();
    now = T0 + 1_000;
    emu.state().push({ repository: 'web-app', tag: 'zz-new' });
    expect(await names('&limit=1')).toEqual(['latest', 'zz-new']);
    expect(await images()).toBe(before + 1);
  });

  it('creates a tag in preparing that becomes ready after prepareSeconds (default 5)', () => {
    const pushed = emu.state().push({ repository: 'web-app', tag: 'fresh' });
    expect(pushed.tag).toMatchObject({
      tag: 'fresh',
      kind: 'manifest',
      platform: 'linux',
      arch: 'amd64',
      status: 'preparing',
      createdAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
    expect(pushed.tag.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(pushed.tag.imageId).toMatch(/^image_[a-z0-9]+$/);
    expect(pushed.repositoryCreated).toBe(false);
    now = T0 + 5_000;
    emu.state().tick();
    const repo = emu.state().projects.get('prj_e2e')!.repositories.get('web-app')!;
    expect(emu.state().tagView(repo, repo.tags.get('fresh')!).status).toBe('ready');
  });
  it('moves an existing tag onto a new image, leaving the old one untagged', async () => {
    const before = await getTag('v1.0.0');
    now = T0 + 1_000;
    const pushed = emu.state().push({
      repository: 'web-app',
      tag: 'v1.0.0',
      arch: 'arm64',
      prepareSeconds: 2,
      sizeInBytes: 1234,
    });
    expect(pushed.previousImageId).toBe(before.imageId);
    expect(pushed.tag.imageId).not.toBe(before.imageId);
    expect(pushed.tag.createdAt).toBe(before.createdAt);
    expect(pushed.tag.sizeInBytes).toBe(1234);
    const untagged = await call(emu, `/v1/vcr/repository/web-app/images?${Q}&untagged=true`);
    expect(untagged.body.images.map((i: AnyJson) => i.id)).toEqual([before.imageId]);
    now = T0 + 3_000;
    expect((await getTag('v1.0.0')).status).toBe('unoptimized');
  });
  it('creates the repository on first push', async () => {
    const pushed = emu.state().push({ repository: 'brand-new', tag: 'v1', prepareSeconds: null });
    expect(pushed.repositoryCreated).toBe(true);
    const res = await call(emu, `/v1/vcr/repository/brand-new/tags/v1?${Q}`);
    expect(res.body.tag.status).toBe('preparing');
    now = T0 + 86_400_000;
    expect((await call(emu, `/v1/vcr/repository/brand-new/tags/v1?${Q}`)).body.tag.status).toBe(
      'preparing',
    );
  });
  it('reset restores the seed', async () => {
    emu.state().push({ repository: 'web-app', tag: 'latest', prepareSeconds: null });
    expect((await getTag('latest')).status).toBe('preparing');
    emu.reset();
    expect((await getTag('latest')).status).toBe('ready');
  });
});
