// The emulated registry protocol of vcr.vercel.com (OCI distribution / Docker Registry
// HTTP API v2), over the same state as the REST API: a tag pushed through the control
// route or through the registry is at once a REST tag and a registry tag. Reads: `GET /v2/`,
// the token endpoint, manifests and blobs by tag or digest (GET and HEAD), `tags/list`.
// Writes: blob uploads (uploads.ts, stored by blob-store.ts), manifest PUT
// (manifests-put.ts) and DELETE by digest.
//
// Names are `<team-slug>/<project-name>/<repository>`. Credentials, as the contract says:
// Basic with username = the ID of the team that owns the project and password = a token of
// the seed; or a short-lived Bearer minted by `GET /v2/token` from those Basic credentials
// (what skopeo and docker do after the 401 challenge). Errors are the registry's own
// `{"errors":[{code,message,detail}]}`, never the REST API's shape.
import { oauthTokenRecord } from '../oauth/rest-gate';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DIGEST_RE, TAG_NAME_RE } from '../../src/api/schemas';
import { delay, faultResponse, type FaultStore } from '../state/faults';
import { vercelId } from '../state/ids';
import type { EmulatorState, ImageRecord, RepositoryRecord, TokenRecord } from '../state/state';
import { renderImage, renderIndex, sha256Digest, type Rendered } from '../state/manifests';
import { isValidRepositoryName } from '../../src/api/schemas';
import { BlobStore, isSupportedDigest } from './blob-store';
import { RegistryError } from './errors';
import { putManifest } from './manifests-put';
import { createUploads, type UploadTarget } from './uploads';
import type { ProjectRecord } from '../state/state';

export const REGISTRY_TOKEN_PATH = '/v2/token';
const BEARER_TTL_SECONDS = 300;
const MAX_TAGS_PAGE = 1000;
const NAME = '([^/]+)/([^/]+)/([^/]+)';
const MANIFEST_RE = new RegExp(`^/v2/${NAME}/manifests/([^/]+)$`);
const BLOB_RE = new RegExp(`^/v2/${NAME}/blobs/([^/]+)$`);
const TAGS_RE = new RegExp(`^/v2/${NAME}/tags/list$`);
const UPLOADS_RE = new RegExp(`^/v2/${NAME}/blobs/uploads/?$`);
const UPLOAD_RE = new RegExp(`^/v2/${NAME}/blobs/uploads/([^/]+)$`);
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

interface Identity {
  token: TokenRecord;
  teamId: string;
  /** Repository names a Bearer may pull; null = Basic credentials (any repo of the team). */
  pull: Set<string> | null;
  /** Repository names a Bearer may push to; null = Basic credentials. */
  push: Set<string> | null;
}

/** Where a request points: the project, the repository (absent until its first push). */
interface Target extends UploadTarget {
  project: ProjectRecord;
  repoName: string;
  repo: RepositoryRecord | undefined;
}

/** Per request: the dashboard origin refuses writes unless they were asked for. */
export interface RegistryRequestOptions {
  /** When set, every write is refused (DENIED) with this message. */
  writesRefused?: string;
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
  /** Where pushed blobs live (VCR_DATA_DIR, else a temp directory). */
  store?: BlobStore;
  /** How long a pushed image stays `preparing`, by its size. */
  prepareMs?: (sizeInBytes: number) => number;
}

/** The default ready delay: 3 s, plus 1 s per 100 MB pushed. */
export const defaultPrepareMs = (size: number) => 3000 + Math.round(size / 100_000);

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

export function createRegistryHandler({
  state,
  faults,
  store = new BlobStore(),
  prepareMs = defaultPrepareMs,
}: RegistryHandlerOptions) {
  const bearers = new Map<string, IssuedBearer>();
  const renders = new WeakMap<ImageRecord, RenderedImage>();
  // Which blobs each repository holds, per state: a reset forgets them with the images.
  const links = new WeakMap<EmulatorState, Map<string, Set<string>>>();
  function linked(key: string): Set<string> {
    const current = state();
    let byKey = links.get(current);
    if (!byKey) links.set(current, (byKey = new Map()));
    let set = byKey.get(key);
    if (!set) byKey.set(key, (set = new Set()));
    return set;
  }
  const uploads = createUploads({ store, linked, now: () => state().clock() });

  function render(repo: RepositoryRecord, image: ImageRecord): RenderedImage {
    let out = renders.get(image);
    if (out) return out;
    if (image.pushed) {
      const { mediaType, bytes } = image.pushed;
      out = { manifest: { mediaType, bytes, digest: sha256Digest(bytes) } };
    } else if (image.kind === 'index') {
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
      for (const image of repo.images.values()) {
        // A manifest deleted through the registry is gone from it at once.
        if (image.deleteAt !== undefined) continue;
        map.set(image.manifestDigest, image);
        if (image.pushed?.alias) map.set(image.pushed.alias, image);
      }
      return map;
    });
  }

  /** By content digest too (an unsealed image's bytes hash to something else). */
  function findByDigest(repo: RepositoryRecord, digest: string): ImageRecord | undefined {
    const direct = imagesByDigest(repo).get(digest);
    if (direct) return direct;
    const byContent = state().derived(repo, 'registry:byContent', () => {
      const map = new Map<string, ImageRecord>();
      for (const image of repo.images.values()) {
        if (image.deleteAt === undefined) map.set(render(repo, image).manifest.digest, image);
      }
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
      return { token, teamId: creds.user, pull: null, push: null };
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

  /**
   * Where a name points, after checking the caller may `pull` it, or `push` to it. A push
   * may name a repository that does not exist yet (its first push creates it), never a
   * project that does not exist or another team's.
   */
  function resolve(
    identity: Identity | null,
    parts: string[],
    action: 'pull' | 'push',
    options: RegistryRequestOptions,
    /** Blobs can be read before the first manifest creates their repository. */
    repoMayBeNew = action === 'push',
  ): Target {
    const name = parts.join('/');
    const scope = `repository:${name}:${action === 'push' ? 'pull,push' : 'pull'}`;
    if (!identity)
      throw new RegistryError(401, 'UNAUTHORIZED', 'authentication required', null, scope);
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
    if (action === 'push' && identity.token.readOnly) {
      throw new RegistryError(
        403,
        'DENIED',
        `requested access to the resource is denied: this token is read-only and cannot push to ${name}`,
      );
    }
    const granted = action === 'push' ? identity.push : identity.pull;
    if (granted && !granted.has(name)) {
      throw new RegistryError(
        401,
        'UNAUTHORIZED',
        `authentication required: the token does not grant ${scope}`,
        null,
        scope,
      );
    }
    if (action === 'push' && options.writesRefused) {
      throw new RegistryError(403, 'DENIED', options.writesRefused);
    }
    const project = [...current.projects.values()].find(
      (p) => p.teamId === team.id && p.name === projectName,
    );
    const repo = project?.repositories.get(repoName);
    if (!project || (!repo && !repoMayBeNew)) {
      throw new RegistryError(
        404,
        'NAME_UNKNOWN',
        project
          ? 'repository name not known to registry'
          : `repository name not known to registry: team ${team.slug} has no project ${projectName} (a push creates repositories only inside an existing project)`,
        { name },
      );
    }
    if (!repo && !isValidRepositoryName(repoName)) {
      throw new RegistryError(
        400,
        'NAME_INVALID',
        `invalid repository name "${repoName.slice(0, 100)}": lowercase letters, digits and . _ - separators, at most 255`,
        { name },
      );
    }
    return { name, key: `${project.id}/${repoName}`, project, repoName, repo };
  }

  function issueToken(url: URL, identity: Identity, now: number): Record<string, unknown> {
    const current = state();
    const team = current.teams.get(identity.teamId)!;
    const pull = new Set<string>();
    const push = new Set<string>();
    // `scope` may repeat and may hold several space-separated scopes.
    for (const value of url.searchParams.getAll('scope')) {
      for (const scope of value.split(' ')) {
        const m = /^repository:([^:]+):([a-z,*]+)$/.exec(scope);
        if (!m) continue;
        const actions = m[2]!.split(',');
        const all = actions.includes('*');
        // Only the owning team's names; a read-only token never gets push (nor delete).
        if (m[1]!.split('/')[0] !== team.slug) continue;
        if (all || actions.includes('pull')) pull.add(m[1]!);
        const writes = all || actions.includes('push') || actions.includes('delete');
        if (writes && !identity.token.readOnly) push.add(m[1]!);
      }
    }
    const token = `vcrreg_${randomBytes(24).toString('hex')}`;
    bearers.set(token, {
      identity: { ...identity, pull, push },
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
    if (ref.includes(':')) {
      if (!DIGEST_RE.test(ref) && !isSupportedDigest(ref))
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

  async function blob(
    req: Request,
    headers: Headers,
    target: Target,
    digest: string,
  ): Promise<Response> {
    if (!isSupportedDigest(digest))
      throw new RegistryError(400, 'DIGEST_INVALID', 'invalid digest', { digest });
    const size = linked(target.key).has(digest) ? await store.size(digest) : null;
    if (size !== null) return storedBlob(req, headers, digest, size);
    const config = target.repo ? findConfig(target.repo, digest) : undefined;
    if (!config) {
      // Seed layers have sizes but no bytes: only pushed blobs and seed configs are served.
      throw new RegistryError(404, 'BLOB_UNKNOWN', `blob unknown to registry: ${digest}`, {
        digest,
      });
    }
    headers.set('content-type', 'application/octet-stream');
    headers.set('docker-content-digest', config.digest);
    headers.set('etag', `"${config.digest}"`);
    headers.set('cache-control', 'max-age=31536000');
    return body(req, config.bytes, headers);
  }

  /** A pushed blob from disk, streamed; `Range: bytes=a-b` gets a 206. */
  function storedBlob(req: Request, headers: Headers, digest: string, size: number): Response {
    headers.set('content-type', 'application/octet-stream');
    headers.set('docker-content-digest', digest);
    headers.set('etag', `"${digest}"`);
    headers.set('accept-ranges', 'bytes');
    const rangeHeader = req.headers.get('range');
    let start = 0;
    let end = size - 1;
    let status = 200;
    if (rangeHeader !== null) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(rangeHeader.trim());
      if (m && (m[1] || m[2])) {
        if (m[1]) {
          start = Number(m[1]);
          end = m[2] ? Math.min(Number(m[2]), size - 1) : size - 1;
        } else {
          start = Math.max(0, size - Number(m[2]));
        }
      }
      if (!m || !(m[1] || m[2]) || start > end || start >= size) {
        headers.set('content-range', `bytes */${size}`);
        throw new RegistryError(
          416,
          'BLOB_UNKNOWN',
          `range ${rangeHeader.slice(0, 60)} is not within the blob's ${size} bytes`,
        );
      }
      status = 206;
      headers.set('content-range', `bytes ${start}-${end}/${size}`);
    }
    const length = size === 0 ? 0 : end - start + 1;
    headers.set('content-length', String(length));
    if (req.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
    const stream = Readable.toWeb(store.read(digest, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(stream, { status, headers });
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

  /** A mount's `from`, when the caller may pull it and it is in the same project. */
  function mountSource(identity: Identity | null, target: Target, url: URL): string | null {
    const from = url.searchParams.get('from');
    if (!from || !url.searchParams.get('mount')) return null;
    const parts = from.split('/');
    if (
      parts.length !== 3 ||
      parts.slice(0, 2).join('/') !== target.name.split('/').slice(0, 2).join('/')
    ) {
      return null;
    }
    // A bearer minted for the target alone: ask for one that may also pull the source, as
    // distribution does (the client fetches a token for both scopes and retries).
    if (identity?.pull && !identity.pull.has(from)) {
      throw new RegistryError(
        401,
        'UNAUTHORIZED',
        `authentication required: mounting from ${from} needs repository:${from}:pull`,
        null,
        `repository:${target.name}:pull,push repository:${from}:pull`,
      );
    }
    try {
      return resolve(identity, parts, 'pull', {}, true).key;
    } catch {
      return null;
    }
  }

  /** DELETE …/manifests/<digest>: 202; gone from the registry at once, from REST after the delete delay. */
  function deleteManifest(headers: Headers, target: Target, ref: string): Response {
    if (!ref.includes(':')) {
      throw new RegistryError(
        405,
        'UNSUPPORTED',
        'VCR deletes manifests by digest only: there is no way to delete a single tag',
      );
    }
    const image = target.repo ? findByDigest(target.repo, ref) : undefined;
    if (!target.repo || !image) {
      throw new RegistryError(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { reference: ref });
    }
    state().deleteImage(image);
    target.repo.version++;
    headers.set('content-length', '0');
    return new Response(null, { status: 202, headers });
  }

  return async function handle(
    req: Request,
    options: RegistryRequestOptions = {},
  ): Promise<Response> {
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
      const routes = [
        [UPLOADS_RE, 'uploads'],
        [UPLOAD_RE, 'upload'],
        [MANIFEST_RE, 'manifest'],
        [BLOB_RE, 'blob'],
        [TAGS_RE, 'tags'],
      ] as const;
      let route: (typeof routes)[number][1] | undefined;
      let m: RegExpExecArray | null = null;
      for (const [re, r] of routes) {
        m = re.exec(url.pathname);
        if (m) {
          route = r;
          break;
        }
      }
      if (!route || !m) {
        throw new RegistryError(
          404,
          'NAME_INVALID',
          'invalid repository name: VCR names are <team-slug>/<project-name>/<repository>',
        );
      }
      let parts: string[];
      try {
        parts = m.slice(1).map((p) => decodeURIComponent(p));
      } catch {
        throw new RegistryError(404, 'NAME_INVALID', 'invalid repository name');
      }
      const name = parts.slice(0, 3);
      const ref = parts[3]!;
      if (read && route !== 'uploads') {
        const action = route === 'upload' ? 'push' : 'pull';
        const target = resolve(
          identity,
          name,
          action,
          options,
          route !== 'manifest' && route !== 'tags',
        );
        if (route === 'upload') return uploads.status(headers, target, ref);
        if (route === 'manifest') return manifest(req, headers, target.repo!, ref);
        if (route === 'blob') return await blob(req, headers, target, ref);
        if (method !== 'GET')
          throw new RegistryError(405, 'UNSUPPORTED', 'The operation is unsupported.');
        return tagsList(url, headers, target.repo!, name.join('/'));
      }
      const target = resolve(identity, name, 'push', options);
      if (route === 'uploads' && method === 'POST') {
        return await uploads.start(req, url, headers, target, mountSource(identity, target, url));
      }
      if (route === 'upload' && method === 'PATCH')
        return await uploads.patch(req, headers, target, ref);
      if (route === 'upload' && method === 'PUT')
        return await uploads.put(req, url, headers, target, ref);
      if (route === 'upload' && method === 'DELETE')
        return await uploads.cancel(headers, target, ref);
      if (route === 'manifest' && method === 'PUT') {
        return await putManifest(
          { state: state(), store, linked, prepareMs },
          req,
          headers,
          target,
          ref,
          identity?.token.user.username,
        );
      }
      if (route === 'manifest' && method === 'DELETE') return deleteManifest(headers, target, ref);
      if (route === 'blob' && method === 'DELETE') {
        throw new RegistryError(
          405,
          'UNSUPPORTED',
          'VCR does not delete single blobs: delete the image (DELETE …/manifests/<digest>) and its blobs go with it',
        );
      }
      throw new RegistryError(
        405,
        'UNSUPPORTED',
        `The operation is unsupported: ${method} ${route === 'uploads' ? 'on …/blobs/uploads/' : `on a ${route}`}`,
      );
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
