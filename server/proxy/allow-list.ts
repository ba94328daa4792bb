// The only Vercel API routes the dashboard forwards. Matching is on the whole path, segment
// by segment, never on a prefix: `/v9/projects/x` is allowed, `/v9/projects/x/env` (a
// project's environment variables) is not. Each route also names the query parameters it
// may carry, so nothing else can be smuggled upstream.

export const SCOPE = ['projectId', 'teamId', 'slug'] as const;
export const PAGE = ['limit', 'cursor'] as const;

/** A repository id (`repo_…`) or name; names follow vcr-api.md, at most 255 characters. */
export const REPO = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
/** The OCI tag rule from vcr-api.md. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** `image_…` or a `sha256:` digest (its colon arrives percent-encoded from the browser). */
export const IMAGE = /^(?:[A-Za-z0-9_]{1,128}|sha256:[a-f0-9]{64})$/;
const PROJECT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const TEAM = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

type Segment = string | RegExp;

export interface Route {
  segments: readonly Segment[];
  query: readonly string[];
}

const ROUTES: readonly Route[] = [
  { segments: ['v1', 'vcr', 'repository'], query: [...SCOPE, ...PAGE] },
  { segments: ['v1', 'vcr', 'repository', REPO], query: SCOPE },
  {
    segments: ['v1', 'vcr', 'repository', REPO, 'tags'],
    query: [...SCOPE, ...PAGE, 'sortBy', 'sortOrder'],
  },
  { segments: ['v1', 'vcr', 'repository', REPO, 'tags', TAG], query: SCOPE },
  { segments: ['v1', 'vcr', 'repository', REPO, 'images'], query: [...SCOPE, ...PAGE, 'untagged'] },
  { segments: ['v1', 'vcr', 'repository', REPO, 'images', IMAGE], query: SCOPE },
  // Who a repository is shared with: a read, always allowed (the writes: server/writes/).
  { segments: ['v1', 'vcr', 'repository', REPO, 'permissions'], query: [...SCOPE, ...PAGE] },
  { segments: ['v9', 'projects', PROJECT], query: ['teamId', 'slug'] },
  { segments: ['teams', TEAM], query: ['teamId', 'slug'] },
  { segments: ['v2', 'teams', TEAM], query: ['teamId', 'slug'] },
  { segments: ['v2', 'user'], query: [] },
];

const MAX_QUERY_VALUE = 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export type MatchResult =
  | { ok: true; path: string; search: string }
  | { ok: false; status: 400 | 404; code: string; message: string };

/**
 * Matches an API-relative pathname (still percent-encoded) and its query against the
 * allow-list. On success returns the canonical path and query to send upstream, rebuilt
 * from the decoded, validated values, so the upstream never sees the client's spelling.
 */
export function matchAllowedRoute(
  pathname: string,
  params: URLSearchParams,
  routes: readonly Route[] = ROUTES,
): MatchResult {
  const raw = pathname.split('/');
  // A leading slash gives one empty first element; any other empty segment (`//`, a
  // trailing slash) cannot match a route.
  if (raw[0] !== '') return notFound();
  const segments: string[] = [];
  for (const part of raw.slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return badRequest('The path has an invalid percent-encoding.');
    }
    segments.push(decoded);
  }

  const route = routes.find(
    (r) =>
      r.segments.length === segments.length &&
      r.segments.every((s, i) => {
        const value = segments[i] ?? '';
        return typeof s === 'string' ? s === value : s.test(value);
      }),
  );
  if (!route) return notFound();

  const out = new URLSearchParams();
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (!route.query.includes(key)) {
      return badRequest(`The query parameter "${safeName(key)}" is not allowed on this route.`);
    }
    if (seen.has(key)) return badRequest(`The query parameter "${key}" is repeated.`);
    seen.add(key);
    if (value.length > MAX_QUERY_VALUE || CONTROL.test(value)) {
      return badRequest(`The query parameter "${key}" has an invalid value.`);
    }
    out.append(key, value);
  }
  const search = out.toString();
  return {
    ok: true,
    path: '/' + segments.map(encodeURIComponent).join('/'),
    search: search ? `?${search}` : '',
  };
}

function safeName(key: string): string {
  return key.length > 40 || CONTROL.test(key) ? '(invalid name)' : key;
}

function notFound(): MatchResult {
  return {
    ok: false,
    status: 404,
    code: 'not_found',
    message: 'The dashboard does not forward this path to the Vercel API.',
  };
}

function badRequest(message: string): MatchResult {
  return { ok: false, status: 400, code: 'bad_request', message };
}
