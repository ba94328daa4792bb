// What every REST handler shares: the error type, the request context, path and query
// parameters, pagination and the scope → repository resolution, in the real API's order of
// checks. api.ts (the reads and the route table) and writes.ts (the writes) both build on it.
import type { CursorCodec, CursorKey } from './cursor';
import type {
  EmulatorState,
  ProjectRecord,
  RepositoryRecord,
  TeamRecord,
  TokenRecord,
} from '../state/state';

type Json = Record<string, unknown>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Json = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} not found.`);
export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);

export interface Ctx {
  req: Request;
  url: URL;
  params: string[];
  state: EmulatorState;
  token: TokenRecord;
}

/** An answer without a body (202, 204), as the delete endpoints give. */
export class NoContent {
  constructor(readonly status: 202 | 204) {}
}

export type Handler = (ctx: Ctx) => Json | NoContent | Promise<Json | NoContent>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

export const SEG = '([^/]+)';
export const DEFAULT_PAGE_SIZE = 20;

export function intParam(
  url: URL,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(
      `Invalid request: \`${name}\` must be an integer between ${min} and ${max} (got "${raw}").`,
    );
  }
  return Number(raw);
}

export function enumParam<T extends string>(
  url: URL,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw badRequest(
      `Invalid request: \`${name}\` must be one of ${allowed.map((a) => `"${a}"`).join(', ')} (got "${raw}").`,
    );
  }
  return raw as T;
}

export function pathParam(value: string, name: string): string {
  if (value.length > 255) {
    throw badRequest(`Invalid request: \`${name}\` must be at most 255 characters.`);
  }
  return value;
}

export const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One page of an already sorted list. `key` gives an item's sort key; `cmpKeys` orders two
 * keys as the list is ordered. Keyset paging: items inserted or moved between two requests
 * neither shift nor repeat the rest of the list.
 */
export function paginate<T>(
  items: T[],
  limit: number,
  key: (item: T) => CursorKey,
  cmpKeys: (a: CursorKey, b: CursorKey) => number,
  listing: string,
  cursor: string | null,
  codec: CursorCodec,
): { page: T[]; nextCursor?: string } {
  let start = 0;
  if (cursor !== null) {
    const after = codec.decode(listing, cursor);
    if (!after) {
      throw badRequest(
        'Invalid request: `cursor` is not a cursor this listing returned (it may be stale or altered).',
      );
    }
    // Binary search: the first item strictly after the cursor's key.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmpKeys(key(items[mid]!), after) > 0) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const page = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return more && page.length
    ? { page, nextCursor: codec.encode(listing, key(page[page.length - 1]!)) }
    : { page };
}

export function resolveTeamParam(ctx: Ctx): TeamRecord | undefined {
  const teamId = ctx.url.searchParams.get('teamId');
  const slug = ctx.url.searchParams.get('slug');
  if (!teamId && !slug) return undefined;
  const team = teamId
    ? ctx.state.teams.get(teamId)
    : [...ctx.state.teams.values()].find((t) => t.slug === slug);
  if (!team || !ctx.token.teamIds.includes(team.id)) {
    throw new HttpError(403, 'forbidden', 'You do not have permission to access this team.');
  }
  return team;
}

export function findProject(
  ctx: Ctx,
  idOrName: string,
  team: TeamRecord | undefined,
): ProjectRecord {
  const { state, token } = ctx;
  // IDs take precedence over names (SDK docs); names are looked up within the team(s).
  let project = state.projects.get(idOrName);
  if (!project) {
    const teams = team ? [team.id] : token.teamIds;
    project = [...state.projects.values()].find(
      (p) => p.name === idOrName && teams.includes(p.teamId),
    );
  }
  if (!project || (team && project.teamId !== team.id)) throw notFound('Project');
  if (!token.teamIds.includes(project.teamId)) {
    throw new HttpError(403, 'forbidden', 'You do not have permission to access this project.');
  }
  return project;
}

/** The VCR scope: `projectId` (required) plus optional `teamId`/`slug`. */
export function resolveProject(ctx: Ctx, projectId: string | null): ProjectRecord {
  if (!projectId) {
    throw badRequest('Invalid request: missing required query parameter `projectId`.');
  }
  return findProject(ctx, projectId, resolveTeamParam(ctx));
}

export function resolveRepository(ctx: Ctx, project: ProjectRecord): RepositoryRecord {
  const idOrName = pathParam(ctx.params[0]!, 'idOrName');
  const repo = ctx.state.findRepository(project, idOrName);
  if (!repo) throw notFound('VCR Repository');
  return repo;
}
