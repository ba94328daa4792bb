// The emulator's seed: the data it serves, in the API's own shapes (issue 2). A seed that
// breaks the contract is refused at start with the path of the offending field, e.g.
// `VCR_SEED: projects[0].repositories[1].tags[3].manifestDigest: must be sha256:<64 hex>`,
// because a silently "fixed" seed would make the emulator lie about the real API.
//
// Shapes reuse src/api/schemas.ts (the app's contract), tightened here: the app accepts
// unknown enum values for forward compatibility, but a seed must only hold values the real
// API documents today.
import * as z from 'zod/mini';
import {
  DIGEST_RE,
  KNOWN_TAG_KINDS,
  KNOWN_TAG_STATUSES,
  SLUG_RE,
  TAG_NAME_RE,
  isValidRepositoryName,
  imageFields,
  tagSchema,
} from '../../src/api/schemas';
import { checkOAuthSeed, seedOAuthAppSchema, seedUserSchema } from './oauth-seed';
import { checkIndexManifests } from './seed-manifests';

export const IMAGE_ID_RE = /^image_[A-Za-z0-9]+$/;
export const REPO_ID_RE = /^repo_[A-Za-z0-9]+$/;
export const TEAM_ID_RE = /^team_[A-Za-z0-9]+$/;
export const PROJECT_ID_RE = /^prj_[A-Za-z0-9]+$/;

const seedTagSchema = z.strictObject({
  ...tagSchema.shape,
  /** Seed-only: a `preparing` tag turns ready this many seconds after start. */
  prepareSeconds: z.optional(z.number()),
  /** Seed-only, for kind `index`: its children, as the registry protocol lists them. */
  manifests: z.optional(
    z.array(
      z.strictObject({
        digest: z.string(),
        platform: z.string(),
        sizeInBytes: z.number(),
        attestationOf: z.optional(z.string()),
      }),
    ),
  ),
});

const seedUntaggedImageSchema = z.strictObject({ id: z.string(), ...imageFields });

const seedRepositorySchema = z.strictObject({
  id: z.optional(z.string()),
  name: z.string(),
  public: z.optional(z.boolean()),
  /** Optional; derived from the tags' timestamps when absent. */
  createdAt: z.optional(tagSchema.shape.createdAt),
  updatedAt: z.optional(tagSchema.shape.updatedAt),
  tags: z.array(seedTagSchema),
  /** Seed-only extension: images no tag points at any more (`untagged=true`). */
  untaggedImages: z.optional(z.array(seedUntaggedImageSchema)),
  /** Teams (id or slug) it is shared with, as the permissions endpoints list them. */
  sharedWith: z.optional(z.array(z.string())),
});

const seedSchema = z.strictObject({
  tokens: z.array(
    z.strictObject({
      token: z.string(),
      teamIds: z.array(z.string()),
      /** Optional: a pull-only token (the registry refuses pushes with it). */
      readOnly: z.optional(z.boolean()),
      /** Optional: who `/v2/user` says the token belongs to. */
      user: z.optional(
        z.strictObject({
          id: z.optional(z.string()),
          username: z.optional(z.string()),
          email: z.optional(z.string()),
          name: z.optional(z.string()),
        }),
      ),
    }),
  ),
  teams: z.array(z.strictObject({ id: z.string(), slug: z.string(), name: z.string() })),
  projects: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      teamId: z.string(),
      repositories: z.optional(z.array(seedRepositorySchema)),
    }),
  ),
  /** Sign in with Vercel (emulator/state/oauth-seed.ts): who can sign in, and to which apps. */
  users: z.optional(z.array(seedUserSchema)),
  oauthApps: z.optional(z.array(seedOAuthAppSchema)),
});

export type Seed = z.infer<typeof seedSchema>;
export type SeedProject = Seed['projects'][number];
export type SeedRepository = z.infer<typeof seedRepositorySchema>;
export type SeedTag = z.infer<typeof seedTagSchema>;
export type SeedUntaggedImage = z.infer<typeof seedUntaggedImageSchema>;

export class SeedError extends Error {
  constructor(
    readonly fieldPath: string,
    readonly reason: string,
    source = 'VCR_SEED',
  ) {
    super(`${source}: ${fieldPath ? `${fieldPath}: ` : ''}${reason}`);
    this.name = 'SeedError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Collects contract violations with their field paths; the first one is reported. */
class Checker {
  readonly problems: { path: string; reason: string }[] = [];
  fail(path: string, reason: string) {
    this.problems.push({ path, reason });
  }
  check(ok: boolean, path: string, reason: string) {
    if (!ok) this.fail(path, reason);
  }
}

const isIso = (s: string) => /^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s));

function checkImageFields(
  c: Checker,
  at: string,
  v: {
    manifestDigest: string;
    kind: string;
    platform?: string;
    arch?: string;
    status: string | null;
    sizeInBytes: number;
  },
) {
  c.check(DIGEST_RE.test(v.manifestDigest), `${at}.manifestDigest`, 'must be sha256:<64 hex>');
  const kinds: readonly string[] = KNOWN_TAG_KINDS;
  const statuses: readonly string[] = KNOWN_TAG_STATUSES;
  if (!kinds.includes(v.kind)) {
    c.fail(`${at}.kind`, `must be one of ${KNOWN_TAG_KINDS.join(', ')} (got "${v.kind}")`);
  }
  if (v.status !== null && !statuses.includes(v.status)) {
    c.fail(
      `${at}.status`,
      `must be one of ${KNOWN_TAG_STATUSES.join(', ')} or null (got "${v.status}")`,
    );
  }
  c.check(
    Number.isSafeInteger(v.sizeInBytes) && v.sizeInBytes >= 0,
    `${at}.sizeInBytes`,
    'must be a non-negative integer',
  );
  const single = v.platform !== undefined || v.arch !== undefined;
  if (v.kind === 'index') {
    c.check(!single, `${at}.platform`, 'an index has no platform or arch (multi-platform)');
    c.check(v.status === null, `${at}.status`, 'an index has status null');
  }
  if (v.kind === 'manifest') {
    c.check(v.platform !== undefined, `${at}.platform`, 'a manifest needs platform and arch');
    c.check(v.arch !== undefined, `${at}.arch`, 'a manifest needs platform and arch');
    c.check(v.status !== null, `${at}.status`, 'a manifest has a status (preparing, ready, …)');
  }
  const amd64 = v.platform === 'linux' && v.arch === 'amd64';
  if (v.status === 'ready') {
    c.check(amd64, `${at}.status`, '"ready" is only for linux/amd64 (use "unoptimized")');
  }
  if (v.status === 'unoptimized') {
    c.check(!amd64, `${at}.status`, '"unoptimized" is only for platforms other than linux/amd64');
  }
}

function semanticChecks(seed: Seed, c: Checker) {
  const teamIds = new Set<string>();
  const slugs = new Set<string>();
  seed.teams.forEach((t, i) => {
    const at = `teams[${i}]`;
    c.check(TEAM_ID_RE.test(t.id), `${at}.id`, 'must look like team_<alphanumerics>');
    c.check(!teamIds.has(t.id), `${at}.id`, `duplicate team id "${t.id}"`);
    c.check(SLUG_RE.test(t.slug), `${at}.slug`, 'must be a lowercase slug (a-z, 0-9, -)');
    c.check(!slugs.has(t.slug), `${at}.slug`, `duplicate team slug "${t.slug}"`);
    teamIds.add(t.id);
    slugs.add(t.slug);
  });
  c.check(seed.tokens.length > 0, 'tokens', 'needs at least one token');
  c.check(seed.teams.length > 0, 'teams', 'needs at least one team');
  c.check(seed.projects.length > 0, 'projects', 'needs at least one project');

  const tokens = new Set<string>();
  seed.tokens.forEach((t, i) => {
    const at = `tokens[${i}]`;
    c.check(
      /^\S{1,512}$/.test(t.token),
      `${at}.token`,
      'must be a non-empty string without spaces',
    );
    c.check(!tokens.has(t.token), `${at}.token`, 'duplicate token');
    tokens.add(t.token);
    t.teamIds.forEach((id, j) => {
      c.check(teamIds.has(id), `${at}.teamIds[${j}]`, `unknown team "${id}" (not in teams)`);
    });
  });

  checkOAuthSeed(seed, teamIds, c);

  const projectIds = new Set<string>();
  const repoIds = new Set<string>();
  const imageOwners = new Map<string, string>();
  seed.projects.forEach((p, i) => {
    const at = `projects[${i}]`;
    c.check(PROJECT_ID_RE.test(p.id), `${at}.id`, 'must look like prj_<alphanumerics>');
    c.check(!projectIds.has(p.id), `${at}.id`, `duplicate project id "${p.id}"`);
    projectIds.add(p.id);
    c.check(SLUG_RE.test(p.name), `${at}.name`, 'must be a lowercase slug (a-z, 0-9, -)');
    c.check(teamIds.has(p.teamId), `${at}.teamId`, `unknown team "${p.teamId}" (not in teams)`);

    const repoNames = new Set<string>();
    (p.repositories ?? []).forEach((r, k) => {
      const rat = `${at}.repositories[${k}]`;
      if (r.id !== undefined) {
        c.check(REPO_ID_RE.test(r.id), `${rat}.id`, 'must look like repo_<alphanumerics>');
        c.check(!repoIds.has(r.id), `${rat}.id`, `duplicate repository id "${r.id}"`);
        repoIds.add(r.id);
      }
      c.check(
        isValidRepositoryName(r.name),
        `${rat}.name`,
        'must match ^[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*$ (at most 255 characters)',
      );
      c.check(!repoNames.has(r.name), `${rat}.name`, `duplicate repository name "${r.name}"`);
      repoNames.add(r.name);
      if (r.createdAt && r.updatedAt) {
        c.check(
          Date.parse(r.createdAt) <= Date.parse(r.updatedAt),
          `${rat}.updatedAt`,
          'must not be before createdAt',
        );
      }

      checkSharedWith(c, seed, p.teamId, r.sharedWith ?? [], `${rat}.sharedWith`);

      const tagNames = new Set<string>();
      const images = new Map<string, { at: string; sig: string; digest: string }>();
      const digests = new Map<string, string>();
      const claimImage = (id: string, digest: string, sig: string, iat: string, field: string) => {
        c.check(IMAGE_ID_RE.test(id), `${iat}.${field}`, 'must look like image_<alphanumerics>');
        const owner = imageOwners.get(id);
        if (owner !== undefined && owner !== rat) {
          c.fail(`${iat}.${field}`, `image "${id}" already belongs to ${owner}`);
        }
        imageOwners.set(id, rat);
        const seen = images.get(id);
        if (seen && seen.sig !== sig) {
          c.fail(
            iat,
            `tags of image "${id}" disagree with ${seen.at} on manifestDigest/kind/platform/arch/status/sizeInBytes/prepareSeconds`,
          );
        }
        if (!seen) images.set(id, { at: iat, sig, digest });
        const other = digests.get(digest);
        if (other !== undefined && other !== id) {
          c.fail(`${iat}.manifestDigest`, `digest already belongs to image "${other}"`);
        }
        digests.set(digest, id);
      };

      r.tags.forEach((t, n) => {
        const tat = `${rat}.tags[${n}]`;
        c.check(
          TAG_NAME_RE.test(t.tag),
          `${tat}.tag`,
          'must match ^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$',
        );
        c.check(!tagNames.has(t.tag), `${tat}.tag`, `duplicate tag "${t.tag}"`);
        tagNames.add(t.tag);
        checkImageFields(c, tat, t);
        c.check(isIso(t.createdAt), `${tat}.createdAt`, 'must be an ISO 8601 timestamp');
        c.check(isIso(t.updatedAt), `${tat}.updatedAt`, 'must be an ISO 8601 timestamp');
        c.check(
          Date.parse(t.createdAt) <= Date.parse(t.updatedAt),
          `${tat}.updatedAt`,
          'must not be before createdAt',
        );
        if (t.prepareSeconds !== undefined) {
          c.check(
            t.status === 'preparing',
            `${tat}.prepareSeconds`,
            'only a tag with status "preparing" can have prepareSeconds',
          );
          c.check(
            Number.isFinite(t.prepareSeconds) && t.prepareSeconds >= 0,
            `${tat}.prepareSeconds`,
            'must be a number of seconds ≥ 0',
          );
        }
        const sig = JSON.stringify([
          t.manifestDigest,
          t.kind,
          t.platform,
          t.arch,
          t.status,
          t.sizeInBytes,
          t.prepareSeconds,
          t.manifests,
        ]);
        claimImage(t.imageId, t.manifestDigest, sig, tat, 'imageId');
      });

      (r.untaggedImages ?? []).forEach((img, n) => {
        const iat = `${rat}.untaggedImages[${n}]`;
        checkImageFields(c, iat, img);
        c.check(isIso(img.createdAt), `${iat}.createdAt`, 'must be an ISO 8601 timestamp');
        c.check(
          !images.has(img.id),
          `${iat}.id`,
          `image "${img.id}" has tags in this repository, so it is not untagged`,
        );
        claimImage(img.id, img.manifestDigest, img.id, iat, 'id');
      });
      checkIndexManifests(r, rat, (path, reason) => c.fail(path, reason));
    });
  });
}

/** The real API shares a repository with at most this many other teams. */
export const MAX_SHARES = 100;

function checkSharedWith(c: Checker, seed: Seed, owner: string, refs: string[], at: string) {
  c.check(refs.length <= MAX_SHARES, at, `at most ${MAX_SHARES} teams`);
  const seen = new Set<string>();
  refs.forEach((ref, i) => {
    const team = seed.teams.find((t) => t.id === ref || t.slug === ref);
    if (!team) {
      c.fail(`${at}[${i}]`, `unknown team "${ref}" (not a team id or slug in teams)`);
      return;
    }
    c.check(team.id !== owner, `${at}[${i}]`, 'the owning team cannot be a share');
    c.check(!seen.has(team.id), `${at}[${i}]`, `team "${ref}" is listed twice`);
    seen.add(team.id);
  });
}

/** Validates a parsed JSON value as a seed; throws SeedError naming the first bad field. */
export function validateSeed(raw: unknown, source = 'VCR_SEED'): Seed {
  const parsed = z.safeParse(seedSchema, raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    let reason = issue.message;
    if (issue.code === 'unrecognized_keys') {
      reason = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    }
    const more = parsed.error.issues.length - 1;
    throw new SeedError(
      formatPath(issue.path),
      more > 0 ? `${reason} (and ${more} more problem${more > 1 ? 's' : ''})` : reason,
      source,
    );
  }
  const c = new Checker();
  semanticChecks(parsed.data, c);
  const first = c.problems[0];
  if (first) {
    const more = c.problems.length - 1;
    throw new SeedError(
      first.path,
      more > 0 ? `${first.reason} (and ${more} more problem${more > 1 ? 's' : ''})` : first.reason,
      source,
    );
  }
  return parsed.data;
}
