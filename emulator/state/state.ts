// The emulator's in-memory registry, built from a validated seed. Images are first-class
// (one per distinct imageId) and tags point at them, so moving a tag leaves the old image
// behind as "untagged", as in the real registry.
//
// Time comes from an injected clock: a `preparing` image with a deadline turns `ready`
// (linux/amd64) or `unoptimized` (anything else) when the clock passes it. The transition
// is applied lazily by `tick()` at the start of every request, so nothing runs in the
// background and tests can move time by hand.
import type { Repository, Tag } from '../../src/api/schemas';
import { digestOf, idFrom, prng } from './ids';
import { OAuthStore } from './oauth-store';
import { sealImage } from './manifests';
import { touchRepository } from './touch-repository';
import type {
  Clock,
  IndexChild,
  ImageRecord,
  PushedManifest,
  PermissionRecord,
  ProjectRecord,
  RepositoryRecord,
  TagRecord,
  TeamRecord,
  TokenRecord,
} from './records';
import type { Seed } from './seed-schema';

export type {
  Clock,
  ImageRecord,
  IndexChild,
  PushedManifest,
  PermissionRecord,
  ProjectRecord,
  RepositoryRecord,
  TagRecord,
  TeamRecord,
  TokenRecord,
} from './records';

export interface PushInput {
  projectId?: string;
  repository: string;
  tag: string;
  platform?: string;
  arch?: string;
  /** Seconds until ready; null = preparing forever. Default 5. */
  prepareSeconds?: number | null;
  sizeInBytes?: number;
  pushedBy?: string;
  kind?: 'manifest' | 'index' | 'attestation';
}

export interface PushResult {
  tag: Tag;
  repository: Repository;
  repositoryCreated: boolean;
  /** The image the tag pointed at before the push, when it was moved. */
  previousImageId?: string;
}

export const DEFAULT_PUSH_PREPARE_SECONDS = 5;
export const DEFAULT_DELETE_DELAY_MS = 1500;
const iso = (ms: number) => new Date(ms).toISOString();
const FALLBACK_CREATED_AT = '2026-01-05T09:00:00.000Z';

export class EmulatorState {
  readonly tokens = new Map<string, TokenRecord>();
  readonly teams = new Map<string, TeamRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  /** Repositories by id, across projects. */
  readonly repositoriesById = new Map<string, RepositoryRecord>();
  readonly firstToken: string;
  readonly firstProject: ProjectRecord;
  /** Sign in with Vercel: seed users and apps, issued codes and `vca_`/`vcr_` tokens. */
  readonly oauth: OAuthStore;
  private preparing = new Set<ImageRecord>();
  private pushCounter = 0;
  /** How long an accepted image DELETE takes to remove it (the real API works in the background). */
  readonly deleteDelayMs: number;
  private deleting = new Set<ImageRecord>();
  /** Ids of deleted repositories: the real API never hands an id out twice. */
  private retiredRepositoryIds = new Set<string>();

  constructor(
    seed: Seed,
    readonly clock: Clock,
    options: { deleteDelayMs?: number } = {},
  ) {
    this.deleteDelayMs = options.deleteDelayMs ?? DEFAULT_DELETE_DELAY_MS;
    const start = clock();
    this.oauth = new OAuthStore(seed, clock);
    for (const t of seed.teams) this.teams.set(t.id, { id: t.id, slug: t.slug, name: t.name });
    for (const t of seed.tokens) {
      const firstTeam = this.teams.get(t.teamIds[0] ?? '');
      const username = t.user?.username ?? `${firstTeam?.slug ?? 'vercel'}-developer`;
      this.tokens.set(t.token, {
        token: t.token,
        teamIds: [...t.teamIds],
        ...(t.readOnly ? { readOnly: true } : {}),
        user: {
          id: t.user?.id ?? idFrom('user', t.token, 24).replace('user_', ''),
          username,
          email: t.user?.email ?? `${username}@example.com`,
          name: t.user?.name ?? username,
        },
      });
    }
    for (const p of seed.projects) {
      const project: ProjectRecord = {
        id: p.id,
        name: p.name,
        teamId: p.teamId,
        createdAt: FALLBACK_CREATED_AT,
        repositories: new Map(),
      };
      let projectCreated = Infinity;
      for (const r of p.repositories ?? []) {
        const id = r.id ?? idFrom('repo', `${p.id}/${r.name}`);
        const tagTimes = r.tags.map((t) => Date.parse(t.createdAt));
        const createdMs = r.createdAt
          ? Date.parse(r.createdAt)
          : tagTimes.length
            ? Math.min(...tagTimes) - 3_600_000
            : Date.parse(FALLBACK_CREATED_AT);
        const updatedMs = r.updatedAt
          ? Date.parse(r.updatedAt)
          : Math.max(createdMs, ...r.tags.map((t) => Date.parse(t.updatedAt)));
        projectCreated = Math.min(projectCreated, createdMs);
        const repo: RepositoryRecord = {
          id,
          projectId: p.id,
          name: r.name,
          public: r.public ?? false,
          createdAt: iso(createdMs),
          updatedAt: iso(updatedMs),
          tags: new Map(),
          images: new Map(),
          sharedWith: new Map(),
          version: 0,
        };
        for (const ref of r.sharedWith ?? []) {
          const team = this.teams.get(ref) ?? [...this.teams.values()].find((t) => t.slug === ref);
          if (team) repo.sharedWith.set(team.id, { teamId: team.id, createdAt: repo.createdAt });
        }
        for (const t of r.tags) {
          let image = repo.images.get(t.imageId);
          if (!image) {
            image = {
              id: t.imageId,
              repositoryId: id,
              manifestDigest: t.manifestDigest,
              kind: t.kind,
              ...(t.platform !== undefined ? { platform: t.platform } : {}),
              ...(t.arch !== undefined ? { arch: t.arch } : {}),
              ...(t.pushedBy !== undefined ? { pushedBy: t.pushedBy } : {}),
              status: t.status,
              sizeInBytes: t.sizeInBytes,
              createdAt: t.updatedAt,
              readyAt:
                t.status === 'preparing' && t.prepareSeconds !== undefined
                  ? start + t.prepareSeconds * 1000
                  : null,
              ...(t.manifests !== undefined ? { manifests: t.manifests } : {}),
            };
            repo.images.set(image.id, image);
            if (image.status === 'preparing') this.preparing.add(image);
          }
          if (image.pushedBy === undefined && t.pushedBy !== undefined) {
            image.pushedBy = t.pushedBy;
          }
          repo.tags.set(t.tag, {
            tag: t.tag,
            imageId: t.imageId,
            ...(t.pushedBy !== undefined ? { pushedBy: t.pushedBy } : {}),
            createdAt: t.createdAt,
            updatedAt: t.updatedAt,
          });
        }
        // The seed does not say when an image was pushed. It was at or before every one of
        // its tags' updatedAt; a tag created at or before then was created by that push or
        // moved onto it, and the latest such createdAt is the best estimate (exact for tags
        // that never moved).
        const tagsOf = new Map<string, typeof r.tags>();
        for (const t of r.tags) tagsOf.set(t.imageId, [...(tagsOf.get(t.imageId) ?? []), t]);
        for (const image of repo.images.values()) {
          const tags = tagsOf.get(image.id)!;
          const bound = Math.min(...tags.map((t) => Date.parse(t.updatedAt)));
          const created = Math.max(
            ...tags.map((t) => Date.parse(t.createdAt)).filter((c) => c <= bound),
          );
          image.createdAt = iso(created);
        }
        for (const u of r.untaggedImages ?? []) {
          repo.images.set(u.id, {
            id: u.id,
            repositoryId: id,
            manifestDigest: u.manifestDigest,
            kind: u.kind,
            ...(u.platform !== undefined ? { platform: u.platform } : {}),
            ...(u.arch !== undefined ? { arch: u.arch } : {}),
            ...(u.pushedBy !== undefined ? { pushedBy: u.pushedBy } : {}),
            status: u.status,
            sizeInBytes: u.sizeInBytes,
            createdAt: u.createdAt,
            readyAt: null,
          });
        }
        project.repositories.set(repo.name, repo);
        this.repositoriesById.set(repo.id, repo);
      }
      if (Number.isFinite(projectCreated)) project.createdAt = iso(projectCreated);
      this.projects.set(p.id, project);
    }
    this.firstToken = seed.tokens[0]!.token;
    this.firstProject = this.projects.get(seed.projects[0]!.id)!;
  }

  /** Applies every lifecycle transition due at `now` (called before each request). */
  tick(now = this.clock()): void {
    if (this.deleting.size) this.applyDeletions(now);
    if (this.preparing.size === 0) return;
    for (const image of this.preparing) {
      if (image.status !== 'preparing') {
        this.preparing.delete(image);
        continue;
      }
      if (image.readyAt === null || image.readyAt > now) continue;
      image.status = image.platform === 'linux' && image.arch === 'amd64' ? 'ready' : 'unoptimized';
      this.preparing.delete(image);
      const when = iso(image.readyAt);
      const repo = this.repositoriesById.get(image.repositoryId);
      if (!repo) continue;
      for (const tag of repo.tags.values()) {
        if (tag.imageId === image.id && tag.updatedAt < when) tag.updatedAt = when;
      }
      repo.version++;
      if (repo.updatedAt < when) repo.updatedAt = when;
    }
  }

  tagView(repo: RepositoryRecord, tag: TagRecord): Tag {
    const image = repo.images.get(tag.imageId)!;
    // Key order and omission (never null) of the optional fields follow the API's own output.
    return {
      tag: tag.tag,
      manifestDigest: image.manifestDigest,
      imageId: image.id,
      kind: image.kind,
      ...(image.platform !== undefined ? { platform: image.platform } : {}),
      ...(image.arch !== undefined ? { arch: image.arch } : {}),
      ...(tag.pushedBy !== undefined ? { pushedBy: tag.pushedBy } : {}),
      status: image.status,
      sizeInBytes: image.sizeInBytes,
      createdAt: tag.createdAt,
      updatedAt: tag.updatedAt,
    };
  }

  repositoryView(repo: RepositoryRecord): Repository {
    return {
      id: repo.id,
      projectId: repo.projectId,
      name: repo.name,
      public: repo.public,
      createdAt: repo.createdAt,
      updatedAt: repo.updatedAt,
    };
  }

  private derivedCache = new WeakMap<
    RepositoryRecord,
    { version: number; data: Map<string, unknown> }
  >();

  /**
   * Data derived from a repository's tags (sorted orders, tags per image), computed once per
   * repository version: a 2,500-tag repository is polled far more often than it changes.
   */
  derived<T>(repo: RepositoryRecord, key: string, compute: () => T): T {
    let entry = this.derivedCache.get(repo);
    if (!entry || entry.version !== repo.version) {
      entry = { version: repo.version, data: new Map() };
      this.derivedCache.set(repo, entry);
    }
    if (!entry.data.has(key)) entry.data.set(key, compute());
    return entry.data.get(key) as T;
  }

  /** Tag names per image id, for image listings. */
  tagsByImage(repo: RepositoryRecord): Map<string, string[]> {
    return this.derived(repo, 'tagsByImage', () => {
      const out = new Map<string, string[]>();
      for (const t of repo.tags.values()) {
        const list = out.get(t.imageId);
        if (list) list.push(t.tag);
        else out.set(t.imageId, [t.tag]);
      }
      return out;
    });
  }

  findRepository(project: ProjectRecord, idOrName: string): RepositoryRecord | undefined {
    const byName = project.repositories.get(idOrName);
    if (byName) return byName;
    const byId = this.repositoriesById.get(idOrName);
    return byId && byId.projectId === project.id ? byId : undefined;
  }

  createRepository(project: ProjectRecord, name: string, isPublic = false): RepositoryRecord {
    const now = iso(this.clock());
    let id = idFrom('repo', `${project.id}/${name}`);
    // A repository deleted and re-created elsewhere must not collide with an existing id.
    for (let n = 1; this.repositoriesById.has(id) || this.retiredRepositoryIds.has(id); n++) {
      id = idFrom('repo', `${project.id}/${name}#${n}`);
    }
    const repo: RepositoryRecord = {
      id,
      projectId: project.id,
      name,
      public: isPublic,
      createdAt: now,
      updatedAt: now,
      tags: new Map(),
      images: new Map(),
      sharedWith: new Map(),
      version: 0,
    };
    project.repositories.set(name, repo);
    this.repositoriesById.set(id, repo);
    return repo;
  }

  /**
   * What `docker push` does, minus the blobs: a new image in `preparing`, and the tag
   * created or moved onto it. The repository is created on first push.
   */
  push(input: PushInput): PushResult {
    const now = this.clock();
    this.tick(now);
    const project = this.projects.get(input.projectId ?? this.firstProject.id);
    if (!project) throw new Error(`unknown project "${input.projectId}"`);
    let repo = project.repositories.get(input.repository);
    const repositoryCreated = !repo;
    repo ??= this.createRepository(project, input.repository);

    const kind = input.kind ?? 'manifest';
    const single = kind === 'manifest';
    const platform = single ? (input.platform ?? 'linux') : undefined;
    const arch = single ? (input.arch ?? 'amd64') : undefined;
    const n = ++this.pushCounter;
    const salt = `${repo.id}/${input.tag}@${now}#${n}`;
    const random = prng(salt);
    const prepareSeconds =
      input.prepareSeconds === undefined ? DEFAULT_PUSH_PREPARE_SECONDS : input.prepareSeconds;
    const status = kind === 'manifest' ? 'preparing' : null;
    const id = idFrom('image', salt);
    const sizeInBytes = input.sizeInBytes ?? Math.round(20_000_000 + random() * 380_000_000);
    const image: ImageRecord = {
      id,
      repositoryId: repo.id,
      // Sealed (registry/manifests.ts), so a registry client can fetch the push by digest; an
      // index pushed here has no children to render, so its digest stays a made-up one.
      manifestDigest:
        kind === 'index'
          ? digestOf(salt)
          : sealImage({ id, kind, platform, arch, sizeInBytes }, repo.name),
      kind,
      ...(platform !== undefined ? { platform } : {}),
      ...(arch !== undefined ? { arch } : {}),
      ...(input.pushedBy !== undefined ? { pushedBy: input.pushedBy } : {}),
      status,
      sizeInBytes,
      createdAt: iso(now),
      readyAt:
        status === 'preparing' && prepareSeconds !== null ? now + prepareSeconds * 1000 : null,
    };
    repo.images.set(image.id, image);
    if (status === 'preparing') this.preparing.add(image);

    const existing = repo.tags.get(input.tag);
    const record: TagRecord = {
      tag: input.tag,
      imageId: image.id,
      ...(input.pushedBy !== undefined ? { pushedBy: input.pushedBy } : {}),
      createdAt: existing?.createdAt ?? iso(now),
      updatedAt: iso(now),
    };
    repo.tags.set(input.tag, record);
    touchRepository(repo, now);
    repo.version++;
    // A due-now deadline (prepareSeconds 0) resolves at once.
    this.tick(now);
    return {
      tag: this.tagView(repo, record),
      repository: this.repositoryView(repo),
      repositoryCreated,
      ...(existing ? { previousImageId: existing.imageId } : {}),
    };
  }

  /**
   * A manifest pushed through the registry protocol: a new image of the repository (created
   * on first push) in `preparing` (an index: status null), or the existing image with the same
   * digest; then, when `tag` is given, the tag created or moved onto it (the old image stays,
   * untagged). `prepareMs` is how long until it turns ready/unoptimized.
   */
  recordPush(
    project: ProjectRecord,
    repositoryName: string,
    input: {
      manifestDigest: string;
      kind: 'manifest' | 'index' | 'attestation';
      platform?: string;
      arch?: string;
      sizeInBytes: number;
      pushedBy?: string;
      manifests?: IndexChild[];
      pushed: PushedManifest;
      prepareMs: number;
    },
    tag?: string,
  ): { image: ImageRecord; repository: RepositoryRecord; created: boolean } {
    const now = this.clock();
    this.tick(now);
    const repo =
      project.repositories.get(repositoryName) ?? this.createRepository(project, repositoryName);
    let image = [...repo.images.values()].find(
      (i) => i.manifestDigest === input.manifestDigest && i.deleteAt === undefined,
    );
    const created = !image;
    if (!image) {
      const status = input.kind === 'manifest' ? 'preparing' : null;
      image = {
        id: idFrom('image', `${repo.id}/${input.manifestDigest}#${++this.pushCounter}`),
        repositoryId: repo.id,
        manifestDigest: input.manifestDigest,
        kind: input.kind,
        ...(input.platform !== undefined ? { platform: input.platform } : {}),
        ...(input.arch !== undefined ? { arch: input.arch } : {}),
        ...(input.pushedBy !== undefined ? { pushedBy: input.pushedBy } : {}),
        status,
        sizeInBytes: input.sizeInBytes,
        createdAt: iso(now),
        readyAt: status === 'preparing' ? now + input.prepareMs : null,
        ...(input.manifests !== undefined ? { manifests: input.manifests } : {}),
        pushed: input.pushed,
      };
      repo.images.set(image.id, image);
      if (status === 'preparing') this.preparing.add(image);
    }
    if (tag !== undefined) {
      const existing = repo.tags.get(tag);
      repo.tags.set(tag, {
        tag,
        imageId: image.id,
        ...(input.pushedBy !== undefined ? { pushedBy: input.pushedBy } : {}),
        createdAt: existing?.createdAt ?? iso(now),
        updatedAt: iso(now),
      });
      touchRepository(repo, now);
    }
    repo.version++;
    this.tick(now);
    return { image, repository: repo, created };
  }

  // Writes (issue 10). Deletions are accepted at once (202) and applied by tick() once
  // their delay has passed, so a test sees the same "gone a moment later" as the real API.

  /** Gone from list/get at once; its images go with it (nothing can reach them any more). */
  deleteRepository(project: ProjectRecord, repo: RepositoryRecord): void {
    project.repositories.delete(repo.name);
    this.repositoriesById.delete(repo.id);
    this.retiredRepositoryIds.add(repo.id);
    for (const image of repo.images.values()) {
      this.preparing.delete(image);
      this.deleting.delete(image);
    }
  }

  /** Schedules the image and its tags for removal; a second DELETE keeps the first deadline. */
  deleteImage(image: ImageRecord, now = this.clock()): void {
    if (image.deleteAt !== undefined) return;
    image.deleteAt = now + this.deleteDelayMs;
    this.deleting.add(image);
    this.tick(now);
  }

  private applyDeletions(now: number): void {
    for (const image of this.deleting) {
      if (image.deleteAt === undefined || image.deleteAt > now) continue;
      this.deleting.delete(image);
      this.preparing.delete(image);
      const repo = this.repositoriesById.get(image.repositoryId);
      if (!repo || repo.images.get(image.id) !== image) continue;
      repo.images.delete(image.id);
      for (const [name, tag] of repo.tags) if (tag.imageId === image.id) repo.tags.delete(name);
      const when = iso(image.deleteAt);
      if (repo.updatedAt < when) repo.updatedAt = when;
      repo.version++;
    }
  }

  setPublic(repo: RepositoryRecord, value: boolean, now = this.clock()): void {
    if (repo.public === value) return;
    repo.public = value;
    repo.updatedAt = iso(now);
  }

  /** Adds a share; false when the team already has one. */
  share(repo: RepositoryRecord, team: TeamRecord, now = this.clock()): PermissionRecord | false {
    if (repo.sharedWith.has(team.id)) return false;
    const record = { teamId: team.id, createdAt: iso(now) };
    repo.sharedWith.set(team.id, record);
    return record;
  }
}
