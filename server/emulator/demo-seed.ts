// The built-in demo seed (used when VCR_SEED is unset), generated deterministically so every
// run shows the same data. It covers every case the dashboard must render: several
// repositories, one with > 2,500 tags; every kind and status; linux/amd64 and linux/arm64;
// tags with and without pushedBy; sizes from bytes to gigabytes; images left untagged; an
// empty repository; and a few tags that are `preparing` and turn ready about a minute after
// start.
import { digestOf, idFrom, prng } from './ids';
import type { Seed, SeedRepository, SeedTag, SeedUntaggedImage } from './seed-schema';

export const DEMO_TOKEN = 'vcr_demo_token';
export const DEMO_TEAM_ID = 'team_northwind';
export const DEMO_PROJECT_ID = 'prj_storefront';
export const DEMO_BIG_REPOSITORY = 'web';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const HUMANS = [
  'maya@northwind.dev',
  'lucas@northwind.dev',
  'priya@northwind.dev',
  'tom@northwind.dev',
];
const BOT = 'github-actions[bot]';

interface ImageSpec {
  kind: 'manifest' | 'index' | 'attestation';
  platform?: string;
  arch?: string;
  status: 'preparing' | 'ready' | 'unoptimized' | null;
  sizeInBytes: number;
  prepareSeconds?: number;
}

function manifest(arch: string, sizeInBytes: number, status?: ImageSpec['status']): ImageSpec {
  return {
    kind: 'manifest',
    platform: 'linux',
    arch,
    status: status ?? (arch === 'amd64' ? 'ready' : 'unoptimized'),
    sizeInBytes,
  };
}

/** Builds the tags of one repository; images are keyed so several tags can share one. */
class RepoBuilder {
  readonly tags: SeedTag[] = [];
  readonly untaggedImages: SeedUntaggedImage[] = [];
  private images = new Map<string, { id: string; digest: string; spec: ImageSpec }>();

  constructor(readonly name: string) {}

  image(key: string, spec: ImageSpec) {
    let img = this.images.get(key);
    if (!img) {
      img = {
        id: idFrom('image', `demo/${this.name}/${key}`),
        digest: digestOf(`demo/${this.name}/${key}`),
        spec,
      };
      this.images.set(key, img);
    }
    return img;
  }

  tag(
    name: string,
    imageKey: string,
    spec: ImageSpec,
    createdMs: number,
    updatedMs: number,
    pushedBy?: string,
  ) {
    const img = this.image(imageKey, spec);
    const s = img.spec;
    this.tags.push({
      tag: name,
      manifestDigest: img.digest,
      imageId: img.id,
      kind: s.kind,
      ...(s.platform !== undefined ? { platform: s.platform } : {}),
      ...(s.arch !== undefined ? { arch: s.arch } : {}),
      ...(pushedBy !== undefined ? { pushedBy } : {}),
      status: s.status,
      sizeInBytes: s.sizeInBytes,
      createdAt: iso(createdMs),
      updatedAt: iso(Math.max(createdMs, updatedMs)),
      ...(s.prepareSeconds !== undefined ? { prepareSeconds: s.prepareSeconds } : {}),
    });
  }

  untagged(key: string, spec: ImageSpec, createdMs: number, pushedBy?: string) {
    const img = this.image(key, spec);
    this.untaggedImages.push({
      id: img.id,
      manifestDigest: img.digest,
      kind: spec.kind,
      ...(spec.platform !== undefined ? { platform: spec.platform } : {}),
      ...(spec.arch !== undefined ? { arch: spec.arch } : {}),
      ...(pushedBy !== undefined ? { pushedBy } : {}),
      status: spec.status,
      sizeInBytes: spec.sizeInBytes,
      createdAt: iso(createdMs),
    });
  }

  build(extra: Partial<SeedRepository> = {}): SeedRepository {
    return {
      name: this.name,
      ...extra,
      tags: this.tags,
      ...(this.untaggedImages.length ? { untaggedImages: this.untaggedImages } : {}),
    };
  }
}

const hex7 = (r: () => number) =>
  Math.floor(r() * 0xfffffff)
    .toString(16)
    .padStart(7, '0');

/** `web`: a busy CI repository, 2,600+ tags over eleven months. */
function webRepository(): SeedRepository {
  const r = prng('demo/web');
  const b = new RepoBuilder('web');
  const start = Date.parse('2026-01-05T08:12:00.000Z');
  const end = Date.parse('2026-11-26T17:40:00.000Z');
  const builds = 2_560;
  const step = (end - start) / builds;
  let release = { major: 1, minor: 0, patch: 0 };
  let lastMain = '';
  let lastMainSpec: ImageSpec | undefined;
  let lastMainTime = start;
  let lastRelease = '';
  let lastReleaseSpec: ImageSpec | undefined;
  let lastReleaseTime = start;

  for (let i = 0; i < builds; i++) {
    const t = Math.round(start + i * step + r() * step * 0.5);
    const sha = hex7(r);
    const size = Math.round(170_000_000 + r() * 95_000_000);
    // Early history predates attribution; later builds name CI or a person.
    const who = i < 300 ? undefined : r() < 0.8 ? BOT : HUMANS[Math.floor(r() * HUMANS.length)];
    const recent = i >= builds - 2;
    if (r() < 0.8) {
      const spec: ImageSpec = { ...manifest('amd64', size) };
      if (recent) {
        spec.status = 'preparing';
        spec.prepareSeconds = i === builds - 1 ? 90 : 45;
      }
      const key = `main-${i}`;
      b.tag(`main-${sha}`, key, spec, t, t + 95_000, who);
      lastMain = key;
      lastMainSpec = spec;
      lastMainTime = t;
      if (i % 9 === 0) {
        b.tag(
          `main-${sha}-arm64`,
          `${key}-arm64`,
          manifest('arm64', size - 4_000_000),
          t,
          t + 60_000,
          who,
        );
      }
    } else {
      const pr = 100 + Math.floor(i / 6);
      b.tag(`pr-${pr}-${sha}`, `pr-${i}`, manifest('amd64', size), t, t + 88_000, who);
    }
    if (i % 25 === 24) {
      // A release every 25 builds: patch bumps, a minor every 200, a major every 1,000.
      if (i % 1000 === 999) release = { major: release.major + 1, minor: 0, patch: 0 };
      else if (i % 200 === 199) release = { ...release, minor: release.minor + 1, patch: 0 };
      else release = { ...release, patch: release.patch + 1 };
      const v = `v${release.major}.${release.minor}.${release.patch}`;
      if (lastMainSpec && lastMainSpec.status !== 'preparing') {
        b.tag(v, lastMain, lastMainSpec, t + 600_000, t + 600_000, HUMANS[i % HUMANS.length]);
        lastRelease = lastMain;
        lastReleaseSpec = lastMainSpec;
        lastReleaseTime = t + 600_000;
      }
    }
  }
  // Superseded images whose tags moved on: what `untagged=true` lists.
  for (let k = 0; k < 14; k++) {
    const t = start + k * 19 * DAY + 3_600_000;
    b.untagged(
      `orphan-${k}`,
      manifest(k % 4 === 3 ? 'arm64' : 'amd64', Math.round(150_000_000 + r() * 90_000_000)),
      t,
      k % 3 ? BOT : undefined,
    );
  }
  b.tag('latest', lastMain, lastMainSpec!, start, lastMainTime + 95_000, BOT);
  b.tag('staging', lastMain, lastMainSpec!, start + DAY, lastMainTime + 96_000, BOT);
  b.tag('production', lastRelease, lastReleaseSpec!, start + DAY, lastReleaseTime, HUMANS[0]);
  return b.build({ id: 'repo_demoweb01', public: false });
}

/** `api`: multi-platform releases, each an index over amd64 + arm64 plus an attestation. */
function apiRepository(): SeedRepository {
  const r = prng('demo/api');
  const b = new RepoBuilder('api');
  const start = Date.parse('2026-02-02T10:00:00.000Z');
  const releases = 24;
  for (let i = 0; i < releases; i++) {
    const t = start + i * 12 * DAY + Math.round(r() * DAY);
    const v = `v2.${Math.floor(i / 6)}.${i % 6}`;
    const size = Math.round(24_000_000 + r() * 9_000_000);
    const who = i % 5 === 0 ? undefined : HUMANS[i % HUMANS.length];
    b.tag(
      v,
      `${v}-index`,
      { kind: 'index', status: null, sizeInBytes: 2_300 + i },
      t,
      t + 240_000,
      who,
    );
    b.tag(`${v}-amd64`, `${v}-amd64`, manifest('amd64', size), t, t + 180_000, who);
    b.tag(`${v}-arm64`, `${v}-arm64`, manifest('arm64', size - 1_200_000), t, t + 170_000, who);
    const att = b.image(`${v}-att`, {
      kind: 'attestation',
      status: null,
      sizeInBytes: 1_480_000 + i * 313,
    });
    b.tag(`sha256-${att.digest.slice(7)}.att`, `${v}-att`, att.spec, t + 30_000, t + 30_000, BOT);
  }
  const last = `v2.${Math.floor((releases - 1) / 6)}.${(releases - 1) % 6}`;
  const lastT = start + (releases - 1) * 12 * DAY;
  b.tag(
    'latest',
    `${last}-index`,
    { kind: 'index', status: null, sizeInBytes: 2_300 + releases - 1 },
    start,
    lastT + 240_000,
    HUMANS[1],
  );
  // A fresh multi-arch push: the arm64 half converts to `unoptimized` after a minute.
  const fresh = Date.parse('2026-11-27T08:30:00.000Z');
  b.tag(
    'v2.4.0-rc.1-arm64',
    'rc-arm64',
    { ...manifest('arm64', 31_000_000, 'preparing'), prepareSeconds: 60 },
    fresh,
    fresh,
    HUMANS[2],
  );
  // Shared read-only with two partner teams (the permissions endpoints list them).
  return b.build({ id: 'repo_demoapi01', sharedWith: ['team_northwindqa', 'globex'] });
}

/** `worker`: background jobs; some arm64 builds and a tag stuck preparing. */
function workerRepository(): SeedRepository {
  const r = prng('demo/worker');
  const b = new RepoBuilder('worker');
  const start = Date.parse('2026-04-11T07:00:00.000Z');
  let lastAmd64 = 0;
  let lastAmd64Time = start;
  for (let i = 0; i < 60; i++) {
    const t = start + i * 3 * DAY + Math.round(r() * DAY);
    const arch = i % 4 === 1 ? 'arm64' : 'amd64';
    if (arch === 'amd64') {
      lastAmd64 = i;
      lastAmd64Time = t;
    }
    b.tag(
      `build-${String(i + 1).padStart(3, '0')}${arch === 'arm64' ? '-arm64' : ''}`,
      `b${i}`,
      manifest(arch, Math.round(95_000_000 + r() * 40_000_000)),
      t,
      t + 70_000,
      i % 3 ? BOT : undefined,
    );
  }
  const stuck = Date.parse('2026-11-27T06:05:00.000Z');
  // prepareSeconds absent: this one stays `preparing` for as long as the emulator runs.
  b.tag(
    'nightly',
    'nightly',
    manifest('amd64', 118_204_551, 'preparing'),
    Date.parse('2026-05-01T02:00:00.000Z'),
    stuck,
    BOT,
  );
  b.tag('latest', `b${lastAmd64}`, manifest('amd64', 0), start, lastAmd64Time + 70_000, BOT);
  for (let k = 0; k < 5; k++)
    b.untagged(
      `old-${k}`,
      manifest('amd64', 90_000_000 + k * 1_000_000),
      start - (k + 1) * 7 * DAY,
      BOT,
    );
  return b.build({ id: 'repo_demoworker1' });
}

/** `docs-site`: a small public static site. */
function docsRepository(): SeedRepository {
  const b = new RepoBuilder('docs-site');
  const start = Date.parse('2026-06-15T12:00:00.000Z');
  for (let i = 0; i < 12; i++) {
    const t = start + i * 11 * DAY;
    b.tag(
      `2026.${String(i + 1).padStart(2, '0')}`,
      `d${i}`,
      manifest('amd64', 21_400_000 + i * 180_000),
      t,
      t + 40_000,
      i % 2 ? HUMANS[3] : undefined,
    );
  }
  b.tag(
    'latest',
    'd11',
    manifest('amd64', 21_400_000 + 11 * 180_000),
    start,
    start + 11 * 11 * DAY + 40_000,
    HUMANS[3],
  );
  return b.build({ id: 'repo_demodocs01', public: true });
}

/** `ml-inference`: gigabyte-sized GPU images. */
function mlRepository(): SeedRepository {
  const r = prng('demo/ml');
  const b = new RepoBuilder('ml-inference');
  const start = Date.parse('2026-03-20T15:00:00.000Z');
  for (let i = 0; i < 18; i++) {
    const t = start + i * 13 * DAY + Math.round(r() * DAY);
    const size = Math.round(2_400_000_000 + r() * 6_800_000_000);
    b.tag(
      `cuda12-${String(i + 1).padStart(2, '0')}`,
      `m${i}`,
      manifest('amd64', size),
      t,
      t + 600_000,
      HUMANS[2],
    );
  }
  const fresh = Date.parse('2026-11-27T09:10:00.000Z');
  b.tag(
    'cuda12-19',
    'm18',
    { ...manifest('amd64', 9_817_233_408, 'preparing'), prepareSeconds: 75 },
    fresh,
    fresh,
    HUMANS[2],
  );
  b.tag('cpu-arm64', 'cpu', manifest('arm64', 1_310_720_000), start, start + 30 * DAY);
  return b.build({ id: 'repo_demoml0001' });
}

/** `tiny-tools`: scratch images from a few hundred bytes to a few megabytes. */
function tinyRepository(): SeedRepository {
  const b = new RepoBuilder('tiny-tools');
  const start = Date.parse('2026-08-01T09:30:00.000Z');
  const sizes = [312, 512, 4_096, 98_304, 1_048_576, 3_670_016];
  sizes.forEach((size, i) => {
    const t = start + i * 5 * DAY;
    b.tag(
      `hello-${size}b`,
      `t${i}`,
      manifest(i % 2 ? 'arm64' : 'amd64', size),
      t,
      t + 5_000,
      i % 2 ? undefined : HUMANS[0],
    );
  });
  return b.build({ id: 'repo_demotiny01' });
}

export function buildDemoSeed(): Seed {
  return {
    tokens: [
      {
        token: DEMO_TOKEN,
        teamIds: [DEMO_TEAM_ID],
        user: {
          id: 'user_maya01',
          username: 'maya',
          email: 'maya@northwind.dev',
          name: 'Maya Chen',
        },
      },
    ],
    teams: [
      { id: DEMO_TEAM_ID, slug: 'northwind', name: 'Northwind Labs' },
      // Teams the demo token does not belong to: repositories can be shared with them.
      { id: 'team_northwindqa', slug: 'northwind-qa', name: 'Northwind QA' },
      { id: 'team_globex', slug: 'globex', name: 'Globex Corporation' },
      { id: 'team_initech', slug: 'initech', name: 'Initech' },
    ],
    projects: [
      {
        id: DEMO_PROJECT_ID,
        name: 'storefront',
        teamId: DEMO_TEAM_ID,
        repositories: [
          webRepository(),
          apiRepository(),
          workerRepository(),
          docsRepository(),
          { name: 'scratchpad', tags: [] },
        ],
      },
      {
        id: 'prj_mlplatform',
        name: 'ml-platform',
        teamId: DEMO_TEAM_ID,
        repositories: [mlRepository()],
      },
      {
        id: 'prj_internaltools',
        name: 'internal-tools',
        teamId: DEMO_TEAM_ID,
        repositories: [tinyRepository()],
      },
    ],
  };
}
