// The VCR write endpoints (vcr-api.md, "Added since 2026-08"): delete an image or a
// repository (202, removal in the background), make a repository public or private, and
// share it with other teams. Registered by api.ts's route table, with the same order of
// checks as the reads: route → token → query → scope → resource → body.
import type { CursorCodec } from './cursor';
import {
  DEFAULT_PAGE_SIZE,
  HttpError,
  NoContent,
  SEG,
  badRequest,
  compare,
  intParam,
  notFound,
  paginate,
  pathParam,
  resolveProject,
  resolveRepository,
  type Ctx,
  type Handler,
} from './route-kit';
import { MAX_SHARES } from '../state/seed-schema';
import type { ImageRecord, PermissionRecord, RepositoryRecord, TeamRecord } from '../state/state';

type Add = (method: string, pattern: string, handler: Handler) => void;

/** The largest body a write takes; these bodies are a few dozen bytes. */
const MAX_BODY_BYTES = 4096;

async function readObject(ctx: Ctx, example: string): Promise<Record<string, unknown>> {
  const text = await ctx.req.text();
  if (text.length > MAX_BODY_BYTES) {
    throw badRequest(`Invalid request: the body must be at most ${MAX_BODY_BYTES} bytes.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(`Invalid request: the body must be JSON ${example}.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`Invalid request: the body must be a JSON object ${example}.`);
  }
  return body as Record<string, unknown>;
}

function onlyKeys(body: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(body).filter((k) => !allowed.includes(k));
  if (extra.length) {
    throw badRequest(
      `Invalid request: unknown field${extra.length > 1 ? 's' : ''} ${extra.map((k) => `\`${k.slice(0, 40)}\``).join(', ')}.`,
    );
  }
}

const TEAM_BODY = '`{ "teamId": "team_…" }` or `{ "teamSlug": "…" }`';

/** `{teamId}` or `{teamSlug}`, exactly one, naming a team that exists. */
async function readTeam(ctx: Ctx): Promise<TeamRecord> {
  const body = await readObject(ctx, TEAM_BODY);
  onlyKeys(body, ['teamId', 'teamSlug']);
  const { teamId, teamSlug } = body;
  if ((teamId === undefined) === (teamSlug === undefined)) {
    throw badRequest(`Invalid request: the body must be ${TEAM_BODY}, exactly one of them.`);
  }
  const value = teamId ?? teamSlug;
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw badRequest(
      `Invalid request: \`${teamId !== undefined ? 'teamId' : 'teamSlug'}\` must be a non-empty string.`,
    );
  }
  const teams = ctx.state.teams;
  const team =
    teamId !== undefined ? teams.get(value) : [...teams.values()].find((t) => t.slug === value);
  if (!team) throw notFound('Team');
  return team;
}

function findImage(repo: RepositoryRecord, ref: string): ImageRecord | undefined {
  if (ref.startsWith('image_')) return repo.images.get(ref);
  if (ref.startsWith('sha256:')) {
    return [...repo.images.values()].find((img) => img.manifestDigest === ref);
  }
  return undefined;
}

function permissionView(ctx: Ctx, repo: RepositoryRecord, p: PermissionRecord) {
  return {
    repositoryId: repo.id,
    teamId: p.teamId,
    teamSlug: ctx.state.teams.get(p.teamId)?.slug ?? '',
    createdAt: p.createdAt,
  };
}

export function addWriteRoutes(add: Add, repoRoot: string, codec: CursorCodec): void {
  const scoped = (ctx: Ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    return { project, repo: resolveRepository(ctx, project) };
  };

  add('DELETE', `${repoRoot}/${SEG}`, (ctx) => {
    const { project, repo } = scoped(ctx);
    ctx.state.deleteRepository(project, repo);
    return new NoContent(202);
  });

  add('PATCH', `${repoRoot}/${SEG}`, async (ctx) => {
    const { repo } = scoped(ctx);
    const body = await readObject(ctx, '`{ "public": true }`');
    onlyKeys(body, ['public']);
    if (typeof body.public !== 'boolean') {
      throw badRequest('Invalid request: `public` must be true or false.');
    }
    ctx.state.setPublic(repo, body.public);
    return { repository: ctx.state.repositoryView(repo) };
  });

  add('DELETE', `${repoRoot}/${SEG}/images/${SEG}`, (ctx) => {
    const { repo } = scoped(ctx);
    const image = findImage(repo, pathParam(ctx.params[1]!, 'imageId'));
    if (!image) throw notFound('VCR Image');
    ctx.state.deleteImage(image);
    return new NoContent(202);
  });

  add('GET', `${repoRoot}/${SEG}/permissions`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const limit = intParam(ctx.url, 'limit', 1, 100, DEFAULT_PAGE_SIZE);
    const repo = resolveRepository(ctx, project);
    // Oldest share first (undocumented); team id breaks ties.
    const key = (p: PermissionRecord) => [Date.parse(p.createdAt), p.teamId];
    const list = [...repo.sharedWith.values()].sort(
      (a, b) => compare(key(a)[0]!, key(b)[0]!) || compare(a.teamId, b.teamId),
    );
    const { page, nextCursor } = paginate(
      list,
      limit,
      key,
      (a, b) => compare(a[0]!, b[0]!) || compare(a[1]!, b[1]!),
      `permissions:${repo.id}`,
      ctx.url.searchParams.get('cursor'),
      codec,
    );
    return {
      permissions: page.map((p) => permissionView(ctx, repo, p)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  });

  add('POST', `${repoRoot}/${SEG}/permissions`, async (ctx) => {
    const { project, repo } = scoped(ctx);
    const team = await readTeam(ctx);
    if (team.id === project.teamId) {
      throw badRequest('Invalid request: a repository is always available to its own team.');
    }
    if (!repo.sharedWith.has(team.id) && repo.sharedWith.size >= MAX_SHARES) {
      throw badRequest(
        `Invalid request: a repository can be shared with at most ${MAX_SHARES} teams.`,
      );
    }
    const added = ctx.state.share(repo, team);
    if (!added) {
      throw new HttpError(
        409,
        'conflict',
        `The VCR repository is already shared with team "${team.slug}".`,
      );
    }
    return { permission: permissionView(ctx, repo, added) };
  });

  add('DELETE', `${repoRoot}/${SEG}/permissions`, async (ctx) => {
    const { repo } = scoped(ctx);
    const team = await readTeam(ctx);
    // Removing a share that does not exist is not an error: the end state is the same.
    repo.sharedWith.delete(team.id);
    return new NoContent(204);
  });

  add('DELETE', `${repoRoot}/${SEG}/permissions/all`, (ctx) => {
    const { repo } = scoped(ctx);
    repo.sharedWith.clear();
    return new NoContent(204);
  });
}
