// The emulated Vercel REST API (VCR endpoints + the CLI's scope look-ups), answering
// requests whose paths are relative to the API root exactly as api.vercel.com receives
// them. Behaviour follows ../shared/vcr-api.md and the @vercel/sdk models; where the real
// API is undocumented the choice is written next to the code.
//
// Order of checks, as the real API: route (404 naming method and path) → bearer token
// (401) → query values (400) → scope (403 / 404) → resource (404) → cursor (400).
import { TAG_NAME_RE, isValidRepositoryName, type Tag } from '../../src/api/schemas';
import { CursorCodec, type CursorKey } from './cursor';
import { delay, faultResponse, type FaultStore } from '../state/faults';
import { vercelId } from '../state/ids';
import { generateLayers } from '../state/layers';
import { oauthTokenRecord } from '../oauth/rest-gate';
import { addWriteRoutes } from './writes';
import {
  badRequest,
  compare,
  DEFAULT_PAGE_SIZE,
  enumParam,
  findProject,
  HttpError,
  intParam,
  NoContent,
  notFound,
  paginate,
  pathParam,
  resolveProject,
  resolveRepository,
  resolveTeamParam,
  SEG,
  type Handler,
  type Route,
} from './route-kit';
import { vhsOf } from '../state/vhs';
import type { EmulatorState, ImageRecord, TeamRecord } from '../state/state';

export interface ApiHandlerOptions {
  state: () => EmulatorState;
  faults: FaultStore;
  cursors?: CursorCodec;
}

export interface ApiRequestOptions {
  /** Used when the request has no Authorization header (the dashboard's server-held token). */
  fallbackToken?: string;
}

function imageView(image: ImageRecord, tags: string[]) {
  const vhs = vhsOf(image);
  return {
    id: image.id,
    repositoryId: image.repositoryId,
    manifestDigest: image.manifestDigest,
    kind: image.kind,
    ...(image.platform !== undefined ? { platform: image.platform } : {}),
    ...(image.arch !== undefined ? { arch: image.arch } : {}),
    ...(image.pushedBy !== undefined ? { pushedBy: image.pushedBy } : {}),
    status: image.status,
    sizeInBytes: image.sizeInBytes,
    createdAt: image.createdAt,
    tags,
    ...(vhs ? { vhs } : {}),
  };
}

function teamView(team: TeamRecord, createdMs: number) {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    avatar: null,
    description: null,
    billing: null,
    createdAt: createdMs,
    updatedAt: createdMs,
    creatorId: `user_${team.id.slice('team_'.length)}`,
    stagingPrefix: team.slug,
    membership: { role: 'OWNER', confirmed: true, createdAt: createdMs },
  };
}

function buildRoutes(codec: CursorCodec): Route[] {
  const repoRoot = '^/v1/vcr/repository';
  const routes: Route[] = [];
  const add = (method: string, pattern: string, handler: Handler) =>
    routes.push({ method, pattern: new RegExp(`${pattern}$`), handler });

  add('GET', repoRoot, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const limit = intParam(ctx.url, 'limit', 1, 1000, DEFAULT_PAGE_SIZE);
    // Undocumented order; by name reads best in a list.
    const repos = [...project.repositories.values()].sort((a, b) => compare(a.name, b.name));
    const { page, nextCursor } = paginate(
      repos,
      limit,
      (r) => [r.name],
      (a, b) => compare(a[0]!, b[0]!),
      `repositories:${project.id}`,
      ctx.url.searchParams.get('cursor'),
      codec,
    );
    return {
      repositories: page.map((r) => ctx.state.repositoryView(r)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  });

  add('POST', repoRoot, async (ctx) => {
    let body: unknown;
    try {
      body = await ctx.req.json();
    } catch {
      throw badRequest(
        'Invalid request: the body must be JSON `{ "projectId": "…", "name": "…" }`.',
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest('Invalid request: the body must be a JSON object.');
    }
    const { projectId, name } = body as { projectId?: unknown; name?: unknown };
    const pid = typeof projectId === 'string' ? projectId : ctx.url.searchParams.get('projectId');
    if (typeof name !== 'string') throw badRequest('Invalid request: `name` must be a string.');
    const project = resolveProject(ctx, pid);
    if (!isValidRepositoryName(name)) {
      throw badRequest(
        'Invalid request: `name` must be lowercase letters and digits, separated by ".", "_", "__" or "-" (at most 255 characters).',
      );
    }
    if (project.repositories.has(name)) {
      throw new HttpError(409, 'conflict', `A VCR repository named "${name}" already exists.`);
    }
    const repo = ctx.state.createRepository(project, name);
    return { repository: ctx.state.repositoryView(repo) };
  });

  add('GET', `${repoRoot}/${SEG}`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    return { repository: ctx.state.repositoryView(resolveRepository(ctx, project)) };
  });

  add('GET', `${repoRoot}/${SEG}/tags`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const limit = intParam(ctx.url, 'limit', 1, 100, DEFAULT_PAGE_SIZE);
    const sortBy = enumParam(ctx.url, 'sortBy', ['updatedAt', 'tag'] as const, 'updatedAt');
    const sortOrder = enumParam(ctx.url, 'sortOrder', ['desc', 'asc'] as const, 'desc');
    const repo = resolveRepository(ctx, project);
    const dir = sortOrder === 'asc' ? 1 : -1;
    // Pinned tags come first, outside the limit and the sort, on the first page only.
    const pinned = repo.tags.get('latest');
    const key = (t: { tag: string; updatedAt: string }): CursorKey =>
      sortBy === 'tag' ? [t.tag] : [Date.parse(t.updatedAt), t.tag];
    const cmpKeys = (a: CursorKey, b: CursorKey) =>
      sortBy === 'tag'
        ? dir * compare(a[0]!, b[0]!)
        : dir * compare(a[0]!, b[0]!) || compare(a[1]!, b[1]!);
    const rest = ctx.state.derived(repo, `tags:${sortBy}:${sortOrder}`, () =>
      [...repo.tags.values()]
        .filter((t) => t !== pinned)
        .map((t) => ({ t, k: key(t) }))
        .sort((a, b) => cmpKeys(a.k, b.k))
        .map(({ t }) => t),
    );
    const cursor = ctx.url.searchParams.get('cursor');
    const { page, nextCursor } = paginate(
      rest,
      limit,
      key,
      cmpKeys,
      `tags:${repo.id}:${sortBy}:${sortOrder}`,
      cursor,
      codec,
    );
    const tags: Tag[] = page.map((t) => ctx.state.tagView(repo, t));
    if (pinned && cursor === null) tags.unshift(ctx.state.tagView(repo, pinned));
    return { tags, ...(nextCursor ? { nextCursor } : {}) };
  });

  add('GET', `${repoRoot}/${SEG}/tags/${SEG}`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const repo = resolveRepository(ctx, project);
    const name = pathParam(ctx.params[1]!, 'tag');
    const tag = TAG_NAME_RE.test(name) ? repo.tags.get(name) : undefined;
    if (!tag) throw notFound('VCR Tag');
    return { tag: ctx.state.tagView(repo, tag) };
  });

  add('GET', `${repoRoot}/${SEG}/images`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const limit = intParam(ctx.url, 'limit', 1, 100, DEFAULT_PAGE_SIZE);
    const untagged = enumParam(ctx.url, 'untagged', ['true', 'false'] as const, 'false') === 'true';
    const repo = resolveRepository(ctx, project);
    const byImage = ctx.state.tagsByImage(repo);
    // Newest first (undocumented; matches how the CLI lists them).
    const images = ctx.state.derived(repo, `images:${untagged}`, () =>
      [...repo.images.values()]
        .filter((img) => !untagged || !byImage.has(img.id))
        .map((img) => ({ img, t: Date.parse(img.createdAt) }))
        .sort((a, b) => compare(b.t, a.t) || compare(a.img.id, b.img.id))
        .map(({ img }) => img),
    );
    const { page, nextCursor } = paginate(
      images,
      limit,
      (img) => [Date.parse(img.createdAt), img.id],
      (a, b) => compare(b[0]!, a[0]!) || compare(a[1]!, b[1]!),
      `images:${repo.id}:${untagged}`,
      ctx.url.searchParams.get('cursor'),
      codec,
    );
    return {
      images: page.map((img) => imageView(img, byImage.get(img.id) ?? [])),
      ...(nextCursor ? { nextCursor } : {}),
    };
  });

  add('GET', `${repoRoot}/${SEG}/images/${SEG}`, (ctx) => {
    const project = resolveProject(ctx, ctx.url.searchParams.get('projectId'));
    const repo = resolveRepository(ctx, project);
    const ref = pathParam(ctx.params[1]!, 'imageIdOrDigest');
    let image: ImageRecord | undefined;
    if (ref.startsWith('image_')) image = repo.images.get(ref);
    else if (ref.startsWith('sha256:')) {
      image = [...repo.images.values()].find((img) => img.manifestDigest === ref);
    }
    if (!image) throw notFound('VCR Image');
    const tags = ctx.state.tagsByImage(repo).get(image.id) ?? [];
    return { image: { ...imageView(image, tags), layers: generateLayers(image, repo.name) } };
  });

  addWriteRoutes(add, repoRoot, codec);

  add('GET', '^/v2/user', (ctx) => {
    const { user, teamIds } = ctx.token;
    return {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        username: user.username,
        avatar: null,
        defaultTeamId: teamIds[0] ?? null,
        createdAt: Date.parse('2025-03-01T12:00:00.000Z'),
        softBlock: null,
        billing: null,
        resourceConfig: {},
        stagingPrefix: user.username,
        hasTrialAvailable: false,
      },
    };
  });

  const getTeam: Handler = (ctx) => {
    const idOrSlug = ctx.params[0]!;
    const team =
      ctx.state.teams.get(idOrSlug) ??
      [...ctx.state.teams.values()].find((t) => t.slug === idOrSlug);
    if (!team) throw notFound('Team');
    if (!ctx.token.teamIds.includes(team.id)) {
      throw new HttpError(403, 'forbidden', 'You do not have permission to access this team.');
    }
    const created = [...ctx.state.projects.values()]
      .filter((p) => p.teamId === team.id)
      .reduce(
        (min, p) => Math.min(min, Date.parse(p.createdAt)),
        Date.parse('2026-01-01T00:00:00.000Z'),
      );
    return teamView(team, created);
  };
  add('GET', `^/teams/${SEG}`, getTeam);
  add('GET', `^/v2/teams/${SEG}`, getTeam);

  add('GET', `^/v9/projects/${SEG}`, (ctx) => {
    const project = findProject(ctx, ctx.params[0]!, resolveTeamParam(ctx));
    const created = Date.parse(project.createdAt);
    return {
      id: project.id,
      name: project.name,
      accountId: project.teamId,
      createdAt: created,
      updatedAt: created,
      framework: null,
      nodeVersion: '22.x',
      alias: [],
      directoryListing: false,
      defaultResourceConfig: { functionDefaultRegions: ['iad1'] },
      resourceConfig: { functionDefaultRegions: ['iad1'] },
      deploymentExpiration: { expirationDays: 180 },
    };
  });

  return routes;
}

function jsonResponse(status: number, body: unknown, headers: Headers): Response {
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { status, headers });
}

function errorResponse(err: HttpError, headers: Headers): Response {
  return jsonResponse(
    err.status,
    { error: { code: err.code, message: err.message, ...err.extra } },
    headers,
  );
}

function bearer(req: Request, fallback: string | undefined): string | null {
  const header = req.headers.get('authorization');
  if (header === null) return fallback ?? null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : '';
}

/** Builds the API handler; `fetch(request)` answers like api.vercel.com. */
export function createApiHandler({
  state,
  faults,
  cursors = new CursorCodec(),
}: ApiHandlerOptions) {
  const routes = buildRoutes(cursors);

  return async function handle(req: Request, options: ApiRequestOptions = {}): Promise<Response> {
    const current = state();
    const now = current.clock();
    const headers = new Headers({
      'x-vercel-id': vercelId(now),
      'cache-control': 'private, no-cache',
    });
    const url = new URL(req.url);
    const method = req.method.toUpperCase();

    const fault = faults.take(method, url.pathname);
    if (fault?.delayMs) await delay(fault.delayMs, req.signal);
    if (fault?.status !== undefined) return faultResponse(fault, headers, now);

    try {
      let params: string[] | null = null;
      let route: Route | undefined;
      let pathKnown = false;
      for (const r of routes) {
        const m = r.pattern.exec(url.pathname);
        if (!m) continue;
        pathKnown = true;
        if (r.method !== method) continue;
        route = r;
        params = m.slice(1);
        break;
      }
      if (!route || !params) {
        const what = pathKnown ? `The method ${method} is not allowed on` : 'No API route for';
        throw new HttpError(404, 'not_found', `${what} ${method} ${url.pathname}.`);
      }
      let decoded: string[];
      try {
        decoded = params.map((p) => decodeURIComponent(p));
      } catch {
        throw badRequest('Invalid request: a path segment is not valid percent-encoding.');
      }

      const tokenValue = bearer(req, options.fallbackToken);
      if (tokenValue === null) {
        throw new HttpError(
          401,
          'unauthorized',
          'The request is missing an authentication token.',
          {
            missingToken: true,
          },
        );
      }
      // Seed tokens first, then access tokens the authorization server issued (`vca_…`).
      const token = current.tokens.get(tokenValue) ?? oauthTokenRecord(current.oauth, tokenValue);
      if (!token) {
        throw new HttpError(401, 'unauthorized', 'The bearer token is not valid.', {
          invalidToken: true,
        });
      }
      current.tick(now);
      const body = await route.handler({ req, url, params: decoded, state: current, token });
      if (body instanceof NoContent) return new Response(null, { status: body.status, headers });
      return jsonResponse(200, body, headers);
    } catch (err) {
      if (err instanceof HttpError) return errorResponse(err, headers);
      console.error('vcr-emulator: unexpected error', err);
      return errorResponse(
        new HttpError(500, 'internal_server_error', 'An unexpected internal error occurred.'),
        headers,
      );
    }
  };
}
