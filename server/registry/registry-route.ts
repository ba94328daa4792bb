// `/api/registry/…` on the dashboard server: the registry reads the dashboard needs (an
// index's children are only listed by the registry protocol), and nothing else. Exactly:
//   GET|HEAD /api/registry/v2/?teamId=…                                     (the ping)
//   GET|HEAD /api/registry/v2/<team-slug>/<project>/<repo>/manifests/<tag|digest>?teamId=…
// No blobs, uploads, tags/list or DELETE: anything else is refused here, before the registry.
//
// The credential is the REST one: the server's token, else the token the request brings (a
// tab-pasted token), else (embedded emulator only) the seed's first token. The Basic
// username is the team ID, from the scope (`teamId`). Answers keep the manifest's bytes
// and media type; failures use the dashboard's `{ error: { code, message } }` shape.
import { DIGEST_RE, SLUG_RE, TAG_NAME_RE, isValidRepositoryName } from '../../src/api/schemas';
import { createRegistryClient, type RegistryClient } from './registry-client';

export const REGISTRY_MOUNT = '/api/registry';
export const DEFAULT_REGISTRY_URL = 'https://vcr.vercel.com';

const TEAM_ID_RE = /^[A-Za-z0-9_-]{1,100}$/;
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{8,512})$/;

export interface RegistryUpstream {
  /** Base URL of the registry (`https://vcr.vercel.com`, or an in-process emulator's). */
  url: string;
  /** In-process transport (the embedded emulator); global fetch when absent. */
  fetch?: (request: Request) => Promise<Response>;
  /** The server's own token. */
  serverToken?: string;
  /**
   * Whether the server token is only a fallback (embedded emulator: a tab's own token wins
   * so 401s can be shown) or always used (proxy with VERCEL_TOKEN, as the REST proxy does).
   */
  serverTokenIsFallback?: boolean;
  timeoutMs?: number;
}

type Match =
  | { ok: true; name: string; ref: string; teamId: string }
  | { ok: false; status: number; code: string; message: string };

/** Matches the path after the mount (still percent-encoded) and the query. */
export function matchRegistryRead(
  method: string,
  pathname: string,
  search: URLSearchParams,
): Match {
  const refuse = (): Match => ({
    ok: false,
    status: 404,
    code: 'not_found',
    message: 'The dashboard reads only manifests (GET/HEAD) and /v2/ from the registry.',
  });
  if (method !== 'GET' && method !== 'HEAD') return refuse();
  const keys = [...search.keys()];
  if (keys.some((k) => k !== 'teamId') || keys.length > 1) {
    return {
      ok: false,
      status: 400,
      code: 'bad_request',
      message: 'Only the teamId query parameter is allowed.',
    };
  }
  const teamId = search.get('teamId') ?? '';
  if (!TEAM_ID_RE.test(teamId)) {
    return {
      ok: false,
      status: 400,
      code: 'bad_request',
      message:
        'teamId (the team that owns the project) is required: the registry takes it as the username.',
    };
  }
  if (pathname === '/v2/') return { ok: true, name: '', ref: '', teamId };
  const parts = pathname.split('/');
  if (parts.length !== 7 || parts[0] !== '' || parts[1] !== 'v2' || parts[5] !== 'manifests') {
    return refuse();
  }
  let team: string, project: string, repo: string, ref: string;
  try {
    [team, project, repo, , ref] = parts.slice(2).map((p) => decodeURIComponent(p)) as [
      string,
      string,
      string,
      string,
      string,
    ];
  } catch {
    return refuse();
  }
  if (
    !SLUG_RE.test(team) ||
    !SLUG_RE.test(project) ||
    !isValidRepositoryName(repo) ||
    !(TAG_NAME_RE.test(ref) || DIGEST_RE.test(ref))
  ) {
    return refuse();
  }
  return { ok: true, name: `${team}/${project}/${repo}`, ref, teamId };
}

function errorResponse(
  status: number,
  code: string,
  message: string,
  extra?: Record<string, string>,
) {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...extra,
    },
  });
}

export function createRegistryRoute(upstream: RegistryUpstream) {
  const client: RegistryClient = createRegistryClient({
    origin: upstream.url,
    ...(upstream.fetch ? { fetch: upstream.fetch } : {}),
    ...(upstream.timeoutMs ? { timeoutMs: upstream.timeoutMs } : {}),
  });

  return async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const rawPath = url.pathname.slice(REGISTRY_MOUNT.length);
    const match = matchRegistryRead(method, rawPath, url.searchParams);
    if (!match.ok) return errorResponse(match.status, match.code, match.message);

    const sent = request.headers.get('authorization')?.trim() ?? '';
    let password: string | undefined;
    if (upstream.serverToken && !upstream.serverTokenIsFallback) password = upstream.serverToken;
    else if (sent) {
      const m = BEARER.exec(sent);
      if (!m)
        return errorResponse(401, 'invalid_token', 'The token pasted in this tab is malformed.');
      password = m[1];
    } else password = upstream.serverToken;
    if (!password) {
      return errorResponse(
        401,
        'missing_token',
        'This server has no Vercel token: paste one in Settings to read the registry.',
      );
    }

    const result = await client.manifest(method as 'GET' | 'HEAD', match.name, match.ref, {
      username: match.teamId,
      password,
    });
    if (!result.ok) {
      return errorResponse(
        result.status,
        result.code,
        result.message,
        result.retryAfter ? { 'retry-after': result.retryAfter } : undefined,
      );
    }
    const headers: Record<string, string> = {
      'content-type': result.mediaType || 'application/json',
      'docker-content-digest': result.digest,
      // Content addressed by digest never changes; by tag it may move at any time.
      'cache-control': DIGEST_RE.test(match.ref) ? 'private, max-age=86400' : 'no-store',
    };
    return new Response(method === 'HEAD' ? null : result.bytes, { status: 200, headers });
  };
}
