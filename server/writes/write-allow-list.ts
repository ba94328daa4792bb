// The only writes the dashboard ever sends to the Vercel API, and only with ALLOW_WRITES=1
// (issue 10): delete an image, delete a repository, make a repository public or private,
// share it with a team or stop sharing it. Each is matched like the reads (whole path,
// named query parameters) and its body is validated strictly and re-serialized, so the
// upstream never sees the client's bytes.
import type { ZodMiniType } from 'zod/mini';
import { teamReferenceBodySchema, updateRepositoryBodySchema } from '../../src/api/write-schemas';
import { IMAGE, REPO, SCOPE, matchAllowedRoute, type Route } from '../proxy/allow-list';

export const WRITE_METHODS = ['DELETE', 'PATCH', 'POST'] as const;
export type WriteMethod = (typeof WRITE_METHODS)[number];

/** The largest write body accepted; the real ones are under 100 bytes. */
export const MAX_WRITE_BODY_BYTES = 1024;

interface WriteRoute extends Route {
  method: WriteMethod;
  /** The body's schema, or null when the request takes none. */
  body: ZodMiniType | null;
  /** The body's shape, for error messages. */
  example?: string;
}

const REPOSITORY = ['v1', 'vcr', 'repository', REPO] as const;
const TEAM_EXAMPLE = '{"teamId":"team_…"} or {"teamSlug":"…"}';

export const WRITE_ROUTES: readonly WriteRoute[] = [
  { method: 'DELETE', segments: REPOSITORY, query: SCOPE, body: null },
  {
    method: 'PATCH',
    segments: REPOSITORY,
    query: SCOPE,
    body: updateRepositoryBodySchema,
    example: '{"public":true} or {"public":false}',
  },
  { method: 'DELETE', segments: [...REPOSITORY, 'images', IMAGE], query: SCOPE, body: null },
  {
    method: 'POST',
    segments: [...REPOSITORY, 'permissions'],
    query: SCOPE,
    body: teamReferenceBodySchema,
    example: TEAM_EXAMPLE,
  },
  {
    method: 'DELETE',
    segments: [...REPOSITORY, 'permissions'],
    query: SCOPE,
    body: teamReferenceBodySchema,
    example: TEAM_EXAMPLE,
  },
  { method: 'DELETE', segments: [...REPOSITORY, 'permissions', 'all'], query: SCOPE, body: null },
];

export type WriteMatch =
  | { ok: true; method: WriteMethod; path: string; search: string; body: string | null }
  | { ok: false; status: 400 | 404 | 405 | 413 | 415; code: string; message: string };

const JSON_TYPE = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;

const refuse = (
  status: 400 | 404 | 405 | 413 | 415,
  code: string,
  message: string,
): WriteMatch => ({ ok: false, status, code, message });

export function isWriteMethod(method: string): method is WriteMethod {
  return (WRITE_METHODS as readonly string[]).includes(method);
}

/**
 * Matches one write request. `pathname` is API-relative and still percent-encoded;
 * `bodyText` is the raw body ('' when there is none). On success, the canonical path,
 * query and body (compact JSON, or null) to send upstream.
 */
export function matchAllowedWrite(
  method: string,
  pathname: string,
  params: URLSearchParams,
  contentType: string | null,
  bodyText: string,
): WriteMatch {
  if (!isWriteMethod(method)) {
    return refuse(405, 'method_not_allowed', `${method.slice(0, 16)} is never forwarded.`);
  }
  let queryError: WriteMatch | undefined;
  for (const route of WRITE_ROUTES) {
    if (route.method !== method) continue;
    const m = matchAllowedRoute(pathname, params, [route]);
    if (!m.ok) {
      if (m.status === 400) queryError ??= refuse(400, m.code, m.message);
      continue;
    }
    const body = checkBody(route, contentType, bodyText);
    if (typeof body !== 'string' && body !== null) return body;
    return { ok: true, method, path: m.path, search: m.search, body };
  }
  return (
    queryError ??
    refuse(404, 'not_found', `The dashboard does not forward ${method} on this path to the API.`)
  );
}

function checkBody(route: WriteRoute, contentType: string | null, text: string) {
  if (!route.body) {
    if (text !== '') return refuse(400, 'bad_request', 'This request takes no body.');
    return null;
  }
  if (!contentType || !JSON_TYPE.test(contentType.trim())) {
    return refuse(415, 'unsupported_media_type', 'The body must be sent as application/json.');
  }
  if (Buffer.byteLength(text) > MAX_WRITE_BODY_BYTES) {
    return refuse(
      413,
      'payload_too_large',
      `The body is larger than ${MAX_WRITE_BODY_BYTES} bytes.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(400, 'bad_request', `The body must be JSON: ${route.example}.`);
  }
  const parsed = route.body.safeParse(json);
  if (!parsed.success) {
    return refuse(400, 'bad_request', `The body must be exactly ${route.example}.`);
  }
  return JSON.stringify(parsed.data);
}
