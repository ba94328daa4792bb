// The emulated registry read protocol of vcr.vercel.com (OCI distribution / Docker Registry
// HTTP API v2), over the same state as the REST API: a tag pushed through the control
// route is at once a REST tag and a registry tag. Reads only: `GET /v2/`, the token
// endpoint, manifests and config blobs by tag or digest (GET and HEAD), `tags/list`.
//
// Names are `<team-slug>/<project-name>/<repository>`. Credentials, as the contract says:
// Basic with username = the ID of the team that owns the project and password = a token of
// the seed; or a short-lived Bearer minted by `GET /v2/token` from those Basic credentials
// (what skopeo and docker do after the 401 challenge). Errors are the registry's own
// `{"errors":[{code,message,detail}]}`, never the REST API's shape.
import { oauthTokenRecord } from '../oauth/rest-gate';
import { randomBytes } from 'node:crypto';
import { DIGEST_RE, TAG_NAME_RE } from '../../src/api/schemas';
import { delay, faultResponse, type FaultStore } from '../state/faults';
import { vercelId } from '../state/ids';
import type { EmulatorState, ImageRecord, RepositoryRecord, TokenRecord } from '../state/state';
import { renderImage, renderIndex, type Rendered } from '../state/manifests';

export const REGISTRY_TOKEN_PATH = '/v2/token';
const BEARER_TTL_SECONDS = 300;
const MAX_TAGS_PAGE = 1000;
const NAME = '([^/]+)/([^/]+)/([^/]+)';
const MANIFEST_RE = new RegExp(`^/v2/${NAME}/manifests/([^/]+)$`);
const BLOB_RE = new RegExp(`^/v2/${NAME}/blobs/([^/]+)$`);
const TAGS_RE = new RegExp(`^/v2/${NAME}/tags/list$`);
const ANY_REPO_ROUTE = /^\/v2\/.+\/(?:manifests|blobs|tags)\//;

/**
 * Whether a path belongs to the registry rather than the REST API. They share `/v2/`, but
 * the REST routes there (`/v2/user`, `/v2/teams/{id}`) never end in a registry verb, and a
 * registry name always has three segments before `manifests|blobs|tags`.
 */
export function isRegistryPath(pathname: string): boolean {
  return (
    pathname === '/v2' ||
    pathname === '/v2/' ||
    pathname === REGISTRY_TOKEN_PATH ||
    ANY_REPO_ROUTE.test(pathname)
  );
}

type ErrorCode =
  | 'UNAUTHORIZED'
  | 'DENIED'
  | 'NAME_UNKNOWN'
  | 'NAME_INVALID'
  | 'MANIFEST_UNKNOWN'
  | 'BLOB_UNKNOWN'
  | 'UNSUPPORTED'
  | 'PAGINATION_NUMBER_INVALID'
  | 'TAG_INVALID'
  | 'DIGEST_INVALID'
  | 'UNKNOWN';

class RegistryError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly detail?: unknown,
    /** The scope to name in the 401 challenge. */
    readonly scope?: string,
  ) {
    super(message);
  }
}

interface Identity {
  token: TokenRecord;
  teamId: string;
  /** Repository names a Bearer may pull; null = Basic credentials (any repo of the team). */
  pull: Set<string> | null;
}

interface IssuedBearer {
  identity: Identity;
  expiresAt: number;
}

interface RenderedImage {
  manifest: Rendered;
  config?: Rendered;
}

export interface RegistryHandlerOptions {
  state: () => EmulatorState;
  faults?: FaultStore;
}

function decodeBasic(value: string): { user: string; pass: string } | null {
  let text: string;
  try {
    text = Buffer.from(value, 'base64').toString('utf8');
  } catch {
    return null;
  }
  const i = text.indexOf(':');
  return i < 0 ? null : { user: text.slice(0, i), pass: text.slice(i + 1) };
}

/** Media types a client accepts; empty = no Accept header (anything goes). */
function accepted(req: Request): string[] {
  const raw = req.headers.get('accept');
  if (!raw) return [];
  return raw
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .filter(Boolean);
}

export function createRegistryHandler({ state, faults }: RegistryHandlerOptions) {
  const bearers = new Map<string, IssuedBearer>();
  const renders = new WeakMap<ImageRecord, RenderedImage>();

  function render(repo: RepositoryRecord, image: ImageRecord): RenderedImage {
    let out = renders.get(image);
    if (out) return out;
    if (image.kind === 'index') {
      const byDigest = imagesByDigest(repo);
      out = {
        manifest: renderIndex(image.manifests ?? [], (digest) => {
          const child = byDigest.get(digest);
          return child ? render(repo, child).manifest.bytes.length : 0;
        }),
      };
    } else {
      out = renderImage(image, repo.name);
    }
    renders.set(image, out);
    return out;
  }

  function imagesByDigest(repo: RepositoryRecord): Map<string, ImageRecord> {
    return state().derived(repo, 'registry:byDigest', () => {
      const map = new Map<string, ImageRecord>();
      for (const image of repo.images.values()) map.set(image.manifestDigest, image);
      return map;
    });
  }

  /** By content digest too (an unsealed image's bytes hash to something else). */
  function findByDigest(repo: RepositoryRecord, digest: string): ImageRecord | undefined {
    const direct = imagesByDigest(repo).get(digest);
    if (direct) return direct;
    const byContent = state().derived(repo, 'registry:byContent', () => {
      const map = new Map<string, ImageRecord>();
      for (const image of repo.images.values()) map.set(render(repo, image).manifest.digest, image);
      return map;
    });
    return byContent.get(digest);
  }

  function findConfig(repo: RepositoryRecord, digest: string): Rendered | undefined {
    const configs = state().derived(repo, 'registry:configs', () => {
      const map = new Map<string, Rendered>();
      for (const image of repo.images.values()) {
        const config = render(repo, image).config;
        if (config) map.set(config.digest, config);
      }
      return map;
    });
    return configs.get(digest);
  }

  function authenticate(req: Request, now: number): Identity | null {
    const header = req.headers.get('authorization');
    if (!header) return null;
    const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
    if (basic) {
      const creds = decodeBasic(basic[1]!);
      // Seed tokens, or access tokens the authorization server issued (as the REST API takes).
      const current = state();
      const token = creds
        ? (current.tokens.get(creds.pass) ?? oauthTokenRecord(current.oauth, creds.pass))
        : undefined;
      if (!creds || !token || !token.teamIds.includes(creds.user)) {
        throw new RegistryError(
          401,
          'UNAUTHORIZED',
          'authentication required: the username must be the ID of a team the token belongs to, the password a token',
        );
      }
      return { token, teamId: creds.user, pull: null };
    }
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const issued = bearer ? bearers.get(bearer[1]!) : undefined;
    if (!issued || issued.expiresAt <= now) {
      if (issued) bearers.delete(bearer![1]!);
      throw new RegistryError(
        401,
        'UNAUTHORIZED',
        'authentication required: the bearer token is not valid or has expired',
      );
    }
    return issued.identity;
  }

  /** The repository a name points at, after checking the caller may pull it. */
  function authorize(identity: Identity | null, parts: string[]): RepositoryRecord {
    const name = parts.join('/');
    const scope = `repository:${name}:pull`;
    if (!identity)
      throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required', null, scope);
    if (identity.pull && !identity.pull.has(name)) {
      throw new RegistryError(
        401,
        'UNAUTHORIZED',
        `authentication required: the token does not grant ${scope}`,
        null,
        scope,
      );
    }
    const current = state();
    const [teamSlug, projectName, repoName] = parts as [string, string, string];
    const team = current.teams.get(identity.teamId);
    if (!team || team.slug !== teamSlug) {
      throw new RegistryError(
        403,
        'DENIED',
        `requested access to the resource is denied: ${name} is not in team ${identity.teamId}`,
      );
    }
    const project = [...current.projects.values()].find(
      (p) => p.teamId === team.id && p.name === projectName,
    );
    const repo = project?.repositories.get(repoName);
    if (!repo) {
      throw new RegistryError(404, 'NAME_UNKNOWN', 'repository name not known to registry', {
        name,
      });
    }
    return repo;
  }

  function issueToken(url: URL, identity: Identity, now: number): Record<string, unknown> {
    const current = state();
    const team = current.teams.get(identity.teamId)!;
    const pull = new Set<string>();
    // `scope` may repeat and may hold several space-separated scopes.
    for (const value of url.searchParams.getAll('scope')) {
      for (const scope of value.split(' ')) {
        const m = /^repository:([^:]+):([a-z,*]+)$/.exec(scope);
        if (!m) continue;
        const actions = m[2]!.split(',');
        // Only pulls are granted: this registry (and the dashboard) never writes.
        if (!actions.includes('pull') && !actions.includes('*')) continue;
        if (m[1]!.split('/')[0] === team.slug) pull.add(m[1]!);
      }
    }
    const token = `vcrreg_${randomBytes(24).toString('hex')}`;
    bearers.set(token, {
      identity: { ...identity, pull },
      expiresAt: now + BEARER_TTL_SECONDS * 1000,
    });
    // Expired tokens are dropped as new ones are minted, so the map stays small.
    if (bearers.size > 1000) {
      for (const [k, v] of bearers) if (v.expiresAt <= now) bearers.delete(k);
    }
    return {
      token,
      access_token: token,
      expires_in: BEARER_TTL_SECONDS,
      issued_at: new Date(now).toISOString(),
    };
  }

  function manifest(req: Request, headers: Headers, repo: RepositoryRecord, ref: string): Response {
    let image: ImageRecord | undefined;
    if (ref.startsWith('sha256:')) {
      if (!DIGEST_RE.test(ref))
        throw new RegistryError(
          400,
          'DIGEST_INVALID',
          'provided digest did not match uploaded content',
          { digest: ref },
        );
      image = findByDigest(repo, ref);
    } else {
      if (!TAG_NAME_RE.test(ref))
        throw new RegistryError(400, 'TAG_INVALID', 'manifest tag did not match URI', { tag: ref });
      const tag = repo.tags.get(ref);
      image = tag ? repo.images.get(tag.imageId) : undefined;
    }
    if (!image) {
      throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', {
        name: repo.name,
        reference: ref,
      });
    }
    const { manifest: m } = render(repo, image);
    const accepts = accepted(req);
    if (accepts.length && !accepts.includes(m.mediaType) && !accepts.includes('*/*')) {
      // What distribution answers when a client cannot take the stored type.
      throw new RegistryError(
        404,
        'MANIFEST_UNKNOWN',
        `${m.mediaType === 'application/vnd.oci.image.index.v1+json' ? 'OCI index' : 'OCI manifest'} found, but accept header does not support it`,
        { mediaType: m.mediaType },
      );
    }
    headers.set('content-type', m.mediaType);
    headers.set('docker-content-digest', m.digest);
    headers.set('etag', `"${m.digest}"`);
    return body(req, m.bytes, headers);
  }

  function blob(req: Request, headers: Headers, repo: RepositoryRecord, digest: string): Response {
    if (!DIGEST_RE.test(digest))
      throw new RegistryError(400, 'DIGEST_INVALID', 'invalid digest', { digest });
    const config = findConfig(repo, digest);
    if (!config) {
      // Layers have sizes but no bytes here: the emulator stores no image content.
      throw new RegistryError(
        404,
        'BLOB_UNKNOWN',
        'blob unknown to registry (the emulator serves config blobs only)',
        { digest },
      );
    }
    headers.set('content-type', 'application/octet-stream');
    headers.set('docker-content-digest', config.digest);
    headers.set('etag', `"${config.digest}"`);
    headers.set('cache-control', 'max-age=31536000');
    return body(req, config.bytes, headers);
  }

  function tagsList(url: URL, headers: Headers, repo: RepositoryRecord, name: string): Response {
    const rawN = url.searchParams.get('n');
    let n = MAX_TAGS_PAGE;
    if (rawN !== null) {
      if (!/^\d+$/.test(rawN) || Number(rawN) > MAX_TAGS_PAGE) {
        throw new RegistryError(
          400,
          'PAGINATION_NUMBER_INVALID',
          `invalid number of results requested: n must be 0–${MAX_TAGS_PAGE}`,
          { n: rawN },
        );
      }
      n = Number(rawN);
    }
    const last = url.searchParams.get('last');
    const all = state().derived(repo, 'registry:tags', () =>
      [...repo.tags.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    let start = 0;
    if (last !== null) {
      // Binary search: the first tag sorting after `last` (which need not exist).
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (all[mid]! <= last) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page = all.slice(start, start + n);
    if (n > 0 && start + n < all.length) {
      const next = new URLSearchParams({ n: String(n), last: page[page.length - 1]! });
      headers.set('link', `</v2/${name}/tags/list?${next.toString()}>; rel="next"`);
    }
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify({ name, tags: page }), { status: 200, headers });
  }

  function body(req: Request, bytes: Buffer, headers: Headers): Response {
    headers.set('content-length', String(bytes.length));
    return new Response(req.method === 'HEAD' ? null : new Uint8Array(bytes), {
      status: 200,
      headers,
    });
  }

  function errorResponse(err: RegistryError, headers: Headers, url: URL, method: string): Response {
    if (err.status === 401) {
      const service = url.host;
      headers.set(
        'www-authenticate',
        `Bearer realm="${url.origin}${REGISTRY_TOKEN_PATH}",service="${service}"${err.scope ? `,scope="${err.scope}"` : ''}`,
      );
    }
    headers.set('content-type', 'application/json');
    const text = JSON.stringify({
      errors: [{ code: err.code, message: err.message, detail: err.detail ?? null }],
    });
    headers.set('content-length', String(Buffer.byteLength(text)));
    return new Response(method === 'HEAD' ? null : text, { status: err.status, headers });
  }

  return async function handle(req: Request): Promise<Response> {
    const current = state();
    const now = current.clock();
    const url = new URL(req.url);
    const method = req.method.toUpperCase();
    const headers = new Headers({
      'docker-distribution-api-version': 'registry/2.0',
      'x-vercel-id': vercelId(now),
      'cache-control': 'no-store',
    });
    const fault = faults?.take(method, url.pathname);
    if (fault?.delayMs) await delay(fault.delayMs, req.signal);
    if (fault?.status !== undefined) return faultResponse(fault, headers, now);

    try {
      current.tick(now);
      const identity = authenticate(req, now);
      const read = method === 'GET' || method === 'HEAD';
      if (url.pathname === '/v2' || url.pathname === '/v2/') {
        if (!read) throw new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
        if (!identity) throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required');
        headers.set('content-type', 'application/json');
        return body(req, Buffer.from('{}'), headers);
      }
      if (url.pathname === REGISTRY_TOKEN_PATH) {
        if (method !== 'GET')
          throw new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
        if (!identity || identity.pull !== null) {
          throw new RegistryError(
            401,
            'UNAUTHORIZED',
            'authentication required: send Basic credentials (team ID and token)',
          );
        }
        headers.set('content-type', 'application/json');
        return new Response(JSON.stringify(issueToken(url, identity, now)), {
          status: 200,
          headers,
        });
      }
      const route =
        (MANIFEST_RE.exec(url.pathname) && 'manifest') ||
        (BLOB_RE.exec(url.pathname) && 'blob') ||
        (TAGS_RE.exec(url.pathname) && 'tags');
      if (!route) {
        throw new RegistryError(
          404,
          'NAME_INVALID',
          'invalid repository name: VCR names are <team-slug>/<project-name>/<repository>',
        );
      }
      const m = (MANIFEST_RE.exec(url.pathname) ??
        BLOB_RE.exec(url.pathname) ??
        TAGS_RE.exec(url.pathname))!;
      let parts: string[];
      try {
        parts = m.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        throw new RegistryError(404, 'NAME_INVALID', 'invalid repository name');
      }
      if (!read) {
        // Writes (uploads, DELETE) are not emulated: the contract's write side is out of scope.
        throw new RegistryError(
          405,
          'UNSUPPORTED',
          `The operation is unsupported: ${method} is not emulated`,
        );
      }
      const repo = authorize(identity, parts.slice(0, 3));
      if (route === 'manifest') return manifest(req, headers, repo, parts[3]!);
      if (route === 'blob') return blob(req, headers, repo, parts[3]!);
      if (method !== 'GET')
        throw new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
      return tagsList(url, headers, repo, parts.slice(0, 3).join('/'));
    } catch (err) {
      if (err instanceof RegistryError) return errorResponse(err, headers, url, method);
      console.error('vcr-emulator: unexpected registry error', err);
      return errorResponse(
        new RegistryError(500, 'UNKNOWN', 'unknown error'),
        headers,
        url,
        method,
      );
    }
  };
}
