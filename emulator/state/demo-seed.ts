// The built-in demo seed (used when VCR_SEED is unset), generated deterministically so every
// run shows the same data. It covers every case the dashboard must render: several
// repositories, one with > 2,500 tags; every kind and status; linux/amd64 and linux/arm64;
// tags with and without pushedBy; sizes from bytes to gigabytes; images left untagged; an
// empty repository; and a few tags that are `preparing` and turn ready about a minute after
// start. Indexes are made the way Buildx makes them (platform images plus attestation
// manifests), and every digest is sealed: the sha256 of the bytes the registry serves.
import { idFrom, prng } from './ids';
import { sealImage, sealIndex, type IndexChild } from './manifests';
import type { Seed, SeedRepository, SeedTag, SeedUntaggedImage } from './seed-schema';

export const DEMO_TOKEN = 'vcr_demo_token';
export const DEMO_TEAM_ID = 'team_northwind';
export const DEMO_PROJECT_ID = 'prj_storefront';
export const DEMO_BIG_REPOSITORY = 'web';
/** Sign in with Vercel (emulator/oauth): the demo app, installed on northwind. */
export const DEMO_OAUTH_CLIENT_ID = 'cl_vcrdashboarddemo';
export const DEMO_OAUTH_CLIENT_SECRET = 'demo_secret_not_for_production';

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
  /** An index's children, by image key (see RepoBuilder.index). */
  manifests?: IndexChild[];
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
      const id = idFrom('image', `demo/${this.name}/${key}`);
      const digest =
        spec.kind === 'index'
          ? sealIndex(spec.manifests ?? [], (d) => this.recipeOf(d), this.name)
          : sealImage({ id, ...spec }, this.name);
      img = { id, digest, spec };
      this.images.set(key, img);
    }
    return img;
  }

  private recipeOf(digest: string) {
    for (const img of this.images.values()) {
      if (img.digest === digest) return { id: img.id, ...img.spec };
    }
    return undefined;
  }

  /**
   * An index over images already built (by key), as Buildx pushes it: each platform image,
   * then an attestation manifest per platform (`attest` maps an attestation key to the key
   * of the image it describes).
   */
  index(key: string, platforms: string[], attest: Record<string, string>, sizeInBytes: number) {
    const child = (k: string) => this.images.get(k)!;
    const manifests: IndexChild[] = [
      ...platforms.map((k) => ({
        digest: child(k).digest,
        platform: `${child(k).spec.platform}/${child(k).spec.arch}${child(k).spec.arch === 'arm64' ? '/v8' : ''}`,
        sizeInBytes: child(k).spec.sizeInBytes,
      })),
      ...Object.entries(attest).map(([a, subject]) => ({
        digest: child(a).digest,
        platform: 'unknown/unknown',
        sizeInBytes: child(a).spec.sizeInBytes,
        attestationOf: child(subject).digest,
      })),
    ];
    return this.image(key, { kind: 'index', status: null, sizeInBytes, manifests });
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
      ...(s.manifests !== undefined ? { manifests: s.manifests } : {}),
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

/**
 * `api`: multi-platform releases pushed with Buildx, each an index over amd64 + arm64 plus an
 * attestation manifest per platform (the amd64 one also tagged cosign-style).
 */
function apiRepository(): SeedRepository {
  const r = prng('demo/api');
  const b = new RepoBuilder('api');
  const start = Date.parse('2026-02-02T10:00:00.000Z');
  const releases = 24;
  const attestation = (i: number, extra: number): ImageSpec => ({
    kind: 'attestation',
    status: null,
    sizeInBytes: 1_480_000 + i * 313 + extra,
  });
  let lastIndex = { key: '', spec: undefined as ImageSpec | undefined };
  for (let i = 0; i < releases; i++) {
    const t = start + i * 12 * DAY + Math.round(r() * DAY);
    const v = `v2.${Math.floor(i / 6)}.${i % 6}`;
    const size = Math.round(24_000_000 + r() * 9_000_000);
    const who = i % 5 === 0 ? undefined : HUMANS[i % HUMANS.length];
    b.tag(`${v}-amd64`, `${v}-amd64`, manifest('amd64', size), t, t + 180_000, who);
    b.tag(`${v}-arm64`, `${v}-arm64`, manifest('arm64', size - 1_200_000), t, t + 170_000, who);
    const att = b.image(`${v}-att`, attestation(i, 0));
    b.image(`${v}-att-arm64`, attestation(i, 977));
    const index = b.index(
      `${v}-index`,
      [`${v}-amd64`, `${v}-arm64`],
      { [`${v}-att`]: `${v}-amd64`, [`${v}-att-arm64`]: `${v}-arm64` },
      2_300 + i,
    );
    b.tag(v, `${v}-index`, index.spec, t, t + 240_000, who);
    b.tag(`sha256-${att.digest.slice(7)}.att`, `${v}-att`, att.spec, t + 30_000, t + 30_000, BOT);
    // Buildx does not tag the arm64 attestation: it is only reachable through the index.
    b.untagged(`${v}-att-arm64`, attestation(i, 977), t);
    lastIndex = { key: `${v}-index`, spec: index.spec };
  }
  const lastT = start + (releases - 1) * 12 * DAY;
  b.tag('latest', lastIndex.key, lastIndex.spec!, start, lastT + 240_000, HUMANS[1]);
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
  // `docker buildx build --platform linux/amd64 --push` with Buildx's default provenance: a
  // single-platform image wrapped in an index by its attestation, which Sandbox cannot use.
  const buildx = Date.parse('2026-11-20T15:42:00.000Z');
  b.untagged('buildx-amd64', manifest('amd64', 112_431_907), buildx, BOT);
  b.untagged(
    'buildx-att',
    { kind: 'attestation', status: null, sizeInBytes: 1_302_118 },
    buildx,
    BOT,
  );
  const wrapped = b.index(
    'buildx-index',
    ['buildx-amd64'],
    { 'buildx-att': 'buildx-amd64' },
    1_609,
  );
  b.tag('buildx-default', 'buildx-index', wrapped.spec, buildx, buildx + 20_000, BOT);
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
    // `maya` is a northwind member (the demo token's user); `oscar` is in no team, so
    // signing in as him shows the dashboard's 403.
    users: [
      {
        id: 'user_maya01',
        username: 'maya',
        email: 'maya@northwind.dev',
        name: 'Maya Chen',
        teamIds: [DEMO_TEAM_ID],
      },
      {
        id: 'user_oscar01',
        username: 'oscar',
        email: 'oscar@contoso.dev',
        name: 'Oscar Ruiz',
        teamIds: [],
      },
    ],
    oauthApps: [
      {
        clientId: DEMO_OAUTH_CLIENT_ID,
        clientSecret: DEMO_OAUTH_CLIENT_SECRET,
        name: 'VCR Dashboard (demo)',
        // Loopback: any port matches (RFC 8252 §7.3), so PORT=0 servers work too.
        redirectUris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
        installedTeamIds: [DEMO_TEAM_ID],
      },
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
