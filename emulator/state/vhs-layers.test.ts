// The `vhs` field (present once a linux/amd64 image turned ready, absent otherwise) and the
// newer Dockerfile instructions in the generated layer history.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildDemoSeed } from './demo-seed';
import { createEmulator, type Emulator } from '../emulator';
import { validateSeed } from './seed-schema';
import { call, fixtureSeed } from '../test-support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;
const Q = 'projectId=prj_e2e';
const T0 = Date.parse('2026-11-27T12:00:00.000Z');

function seedWith(arch: string): AnyJson {
  const seed = fixtureSeed() as AnyJson;
  seed.projects[0].repositories[0].tags.push({
    tag: 'soon',
    manifestDigest: `sha256:${'c'.repeat(64)}`,
    imageId: 'image_soonsoonsoon',
    kind: 'manifest',
    platform: 'linux',
    arch,
    status: 'preparing',
    sizeInBytes: 50_000_000,
    createdAt: '2026-11-27T11:59:00.000Z',
    updatedAt: '2026-11-27T11:59:00.000Z',
    prepareSeconds: 30,
  });
  return seed;
}

let now = T0;
let emu: Emulator;
beforeEach(() => {
  now = T0;
});

const image = async (ref: string) =>
  (await call(emu, `/v1/vcr/repository/web-app/images/${ref}?${Q}`)).body.image;
const listed = async (id: string) => {
  const res = await call(emu, `/v1/vcr/repository/web-app/images?${Q}&limit=100`);
  return res.body.images.find((i: AnyJson) => i.id === id);
};

describe('vhs', () => {
  it('appears on the image (detail and list) once a linux/amd64 image turns ready', async () => {
    emu = createEmulator({ seed: validateSeed(seedWith('amd64')), clock: () => now });
    expect(await image('image_soonsoonsoon')).not.toHaveProperty('vhs');
    expect(await listed('image_soonsoonsoon')).not.toHaveProperty('vhs');
    now = T0 + 30_000;
    const ready = await image('image_soonsoonsoon');
    expect(ready.status).toBe('ready');
    expect(ready.vhs).toEqual({
      digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/),
      path: expect.stringContaining(ready.vhs.digest.slice(7)),
    });
    // The same image always has the same drive, and it is not the manifest digest.
    expect(ready.vhs.digest).not.toBe(ready.manifestDigest);
    expect(await image(ready.manifestDigest)).toEqual(ready);
    expect((await listed('image_soonsoonsoon')).vhs).toEqual(ready.vhs);
    // Tags do not carry it (only images do, per the contract).
    const tag = await call(emu, `/v1/vcr/repository/web-app/tags/soon?${Q}`);
    expect(tag.body.tag).not.toHaveProperty('vhs');
  });

  it('never appears on an image that is not linux/amd64', async () => {
    emu = createEmulator({ seed: validateSeed(seedWith('arm64')), clock: () => now });
    now = T0 + 30_000;
    const done = await image('image_soonsoonsoon');
    expect(done.status).toBe('unoptimized');
    expect(done).not.toHaveProperty('vhs');
  });
});

describe('layers', () => {
  it('include the newer instructions, with their values, in the SDK union shape', async () => {
    emu = createEmulator({ seed: validateSeed(buildDemoSeed()), clock: () => now });
    const token = { token: 'vcr_demo_token' };
    const projects = ['prj_storefront', 'prj_mlplatform'];
    const seen = new Map<string, string>();
    for (const projectId of projects) {
      const repos = await call(emu, `/v1/vcr/repository?projectId=${projectId}`, token);
      for (const r of repos.body.repositories ?? []) {
        const list = await call(
          emu,
          `/v1/vcr/repository/${r.name}/images?projectId=${projectId}&limit=3`,
          token,
        );
        for (const img of list.body.images ?? []) {
          const d = await call(
            emu,
            `/v1/vcr/repository/${r.name}/images/${img.id}?projectId=${projectId}`,
            token,
          );
          for (const l of d.body.image.layers) {
            expect(l.type).toBe(l.operation);
            if (!['FROM', 'RUN', 'ENV'].includes(l.type)) seen.set(l.type, l.value);
          }
        }
      }
    }
    for (const op of ['ARG', 'ENTRYPOINT', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'USER']) {
      expect(seen.has(op), op).toBe(true);
    }
    for (const op of ['SHELL', 'STOPSIGNAL', 'VOLUME', 'ONBUILD'])
      expect(seen.has(op), op).toBe(true);
    expect(seen.get('EXPOSE')).toMatch(/^\d+\/tcp$/);
    expect(seen.get('STOPSIGNAL')).toMatch(/^SIG[A-Z]+$/);
    expect(JSON.parse(seen.get('VOLUME')!)).toEqual(expect.any(Array));
  });
});
