// A registry client for the dashboard server: reads one manifest the way docker and skopeo
// do. It sends Basic credentials (username = the team ID, password = the token, as VCR
// documents), and when the registry answers 401 with `WWW-Authenticate: Bearer realm=…,
// service=…,scope=…` it exchanges those credentials at the realm for a short bearer and
// retries once. Bearers are cached per credential and scope until they expire.
//
// Safety: the realm must be on the registry's own origin or https on its own domain, or the
// token would be handed to whatever host a response names. A manifest fetched by digest must hash to that digest.
import { createHash } from 'node:crypto';

export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
/** The contract's manifest size limit. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface RegistryCredentials {
  username: string;
  password: string;
}

export interface RegistryClientOptions {
  /** The registry's base URL (`https://vcr.vercel.com`, or the emulator's). */
  origin: string;
  fetch?: (request: Request) => Promise<Response>;
  timeoutMs?: number;
  now?: () => number;
}

export type RegistryResult =
  | {
      ok: true;
      status: number;
      mediaType: string;
      digest: string;
      bytes: Uint8Array<ArrayBuffer>;
    }
  | {
      ok: false;
      /** The status to answer the browser with. */
      status: number;
      code: string;
      message: string;
      retryAfter?: string;
    };

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="…"` (one challenge; quoted or token values). */
export function parseChallenge(header: string): Challenge | null {
  const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!m) return null;
  const params: Record<string, string> = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2]!)) !== null) {
    if (p[0] === '') break;
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  }
  return { scheme: m[1]!.toLowerCase(), params };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

interface CachedBearer {
  token: string;
  expiresAt: number;
}

/**
 * Where Basic credentials may be sent for a bearer: the registry's own origin, or (for a
 * registry on a domain name, like vcr.vercel.com) an https host of the same domain
 * (vercel.com, api.vercel.com), where a token service may live. Never anywhere else.
 */
export function isTrustedRealm(registry: URL, realm: URL): boolean {
  if (realm.origin === registry.origin) return true;
  if (realm.protocol !== 'https:' || realm.username || realm.password) return false;
  const labels = registry.hostname.split('.');
  if (labels.length < 2 || /^[\d.]+$/.test(registry.hostname) || registry.hostname.includes(':')) {
    return false;
  }
  const domain = labels.slice(-2).join('.');
  return realm.hostname === domain || realm.hostname.endsWith(`.${domain}`);
}

export function createRegistryClient(options: RegistryClientOptions) {
  const registryUrl = new URL(options.origin);
  const origin = registryUrl.origin;
  const trustedRealm = (realm: URL) => isTrustedRealm(registryUrl, realm);
  const base = options.origin.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((r: Request) => fetch(r));
  const timeoutMs = options.timeoutMs ?? 15_000;
  const now = options.now ?? Date.now;
  const bearers = new Map<string, CachedBearer>();

  const basic = (c: RegistryCredentials) =>
    `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
  const cacheKey = (c: RegistryCredentials, scope: string) =>
    `${sha256(`${c.username}\n${c.password}`)}|${scope}`;

  async function send(url: string, method: string, authorization: string): Promise<Response> {
    const signal = AbortSignal.timeout(timeoutMs);
    // Raced as well as passed on: an in-process transport may not watch the signal.
    const timedOut = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }),
    );
    return Promise.race([
      doFetch(
        new Request(url, {
          method,
          headers: { authorization, accept: MANIFEST_ACCEPT, 'user-agent': 'vcr-dashboard' },
          redirect: 'manual',
          signal,
        }),
      ),
      timedOut,
    ]);
  }

  /** Exchanges Basic credentials for a bearer at the challenge's realm. */
  async function bearerFor(
    challenge: Challenge,
    creds: RegistryCredentials,
    fallbackScope: string,
  ): Promise<string | { status: number; code: string; message: string }> {
    const realm = challenge.params.realm;
    let realmUrl: URL;
    try {
      realmUrl = new URL(realm ?? '');
    } catch {
      return {
        status: 502,
        code: 'registry_bad_challenge',
        message: 'The registry asked for a bearer token without a valid realm.',
      };
    }
    if (!trustedRealm(realmUrl)) {
      return {
        status: 502,
        code: 'registry_bad_challenge',
        message: `The registry asked for the token to be sent to ${realmUrl.origin}, which is not the registry (${origin}); refused.`,
      };
    }
    const scope = challenge.params.scope ?? fallbackScope;
    const key = cacheKey(creds, scope);
    const cached = bearers.get(key);
    if (cached && cached.expiresAt > now()) return cached.token;
    if (challenge.params.service) realmUrl.searchParams.set('service', challenge.params.service);
    if (scope) realmUrl.searchParams.set('scope', scope);
    const res = await send(realmUrl.toString(), 'GET', basic(creds));
    if (!res.ok) {
      await res.body?.cancel();
      return res.status === 401 || res.status === 403
        ? {
            status: 401,
            code: 'registry_unauthorized',
            message:
              'The registry refused the token for this team (username = team ID, password = token).',
          }
        : {
            status: 502,
            code: 'registry_token_failed',
            message: `The registry's token endpoint answered ${res.status}.`,
          };
    }
    let body: { token?: unknown; access_token?: unknown; expires_in?: unknown };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      return {
        status: 502,
        code: 'registry_token_failed',
        message: "The registry's token endpoint did not answer JSON.",
      };
    }
    const token = typeof body.token === 'string' ? body.token : body.access_token;
    if (typeof token !== 'string' || !/^[\x21-\x7e]{1,8192}$/.test(token)) {
      return {
        status: 502,
        code: 'registry_token_failed',
        message: "The registry's token endpoint answered no token.",
      };
    }
    // The spec's default lifetime is 60 s; keep a margin so a cached token is never stale.
    const ttl = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 60;
    bearers.set(key, { token, expiresAt: now() + Math.max(0, ttl - 10) * 1000 });
    if (bearers.size > 500) bearers.delete(bearers.keys().next().value!);
    return token;
  }

  /**
   * GET or HEAD `/v2/<name>/manifests/<ref>` (or `/v2/` itself when `name` is empty).
   */
  async function manifest(
    method: 'GET' | 'HEAD',
    name: string,
    ref: string,
    creds: RegistryCredentials,
  ): Promise<RegistryResult> {
    const path = name ? `/v2/${name}/manifests/${encodeURIComponent(ref)}` : '/v2/';
    const url = `${base}${path}`;
    const scope = name ? `repository:${name}:pull` : '';
    try {
      const key = scope ? cacheKey(creds, scope) : '';
      const cached = key ? bearers.get(key) : undefined;
      let res = await send(
        url,
        method,
        cached && cached.expiresAt > now() ? `Bearer ${cached.token}` : basic(creds),
      );
      if (res.status === 401) {
        const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
        await res.body?.cancel();
        if (challenge?.scheme === 'bearer') {
          if (key) bearers.delete(key);
          const bearer = await bearerFor(challenge, creds, scope);
          if (typeof bearer !== 'string') return { ok: false, ...bearer };
          res = await send(url, method, `Bearer ${bearer}`);
        } else {
          return {
            ok: false,
            status: 401,
            code: 'registry_unauthorized',
            message:
              'The registry refused the token for this team (username = team ID, password = token).',
          };
        }
      }
      return await read(res, method, ref);
    } catch (err) {
      const timeout =
        err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return timeout
        ? {
            ok: false,
            status: 504,
            code: 'registry_timeout',
            message: `The registry did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          }
        : {
            ok: false,
            status: 502,
            code: 'registry_unreachable',
            message: 'The registry could not be reached.',
          };
    }
  }

  async function read(res: Response, method: string, ref: string): Promise<RegistryResult> {
    if (!res.ok) {
      let code = '';
      let detail = '';
      try {
        const body = (await res.json()) as { errors?: { code?: string; message?: string }[] };
        code = body.errors?.[0]?.code ?? '';
        detail = body.errors?.[0]?.message ?? '';
      } catch {
        // Not the registry's JSON: the status alone says enough.
      }
      const said = `${code ? `${code}` : `HTTP ${res.status}`}${detail ? `: ${detail}` : ''}`;
      if (res.status === 404) {
        return {
          ok: false,
          status: 404,
          code: 'not_found',
          message: `The registry does not have this manifest (${said}).`,
        };
      }
      if (res.status === 401 || res.status === 403) {
        return {
          ok: false,
          status: res.status,
          code: res.status === 401 ? 'registry_unauthorized' : 'forbidden',
          message: `The registry refused access (${said}).`,
        };
      }
      if (res.status === 429) {
        return {
          ok: false,
          status: 429,
          code: 'rate_limited',
          message: 'The registry is rate limiting requests.',
          ...(res.headers.get('retry-after')
            ? { retryAfter: res.headers.get('retry-after')! }
            : {}),
        };
      }
      return {
        ok: false,
        status: 502,
        code: 'registry_error',
        message: `The registry answered ${res.status} (${said}).`,
      };
    }
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_MANIFEST_BYTES) {
      await res.body?.cancel();
      return {
        ok: false,
        status: 502,
        code: 'registry_too_large',
        message: 'The registry sent a manifest larger than 4 MB.',
      };
    }
    const bytes = method === 'HEAD' ? new Uint8Array() : new Uint8Array(await res.arrayBuffer());
    if (bytes.length > MAX_MANIFEST_BYTES) {
      return {
        ok: false,
        status: 502,
        code: 'registry_too_large',
        message: 'The registry sent a manifest larger than 4 MB.',
      };
    }
    let digest = res.headers.get('docker-content-digest') ?? '';
    if (method === 'GET') {
      const actual = `sha256:${sha256(bytes)}`;
      if (ref.startsWith('sha256:') && actual !== ref) {
        return {
          ok: false,
          status: 502,
          code: 'registry_digest_mismatch',
          message: `The registry's manifest for ${ref} hashes to ${actual}; it was not used.`,
        };
      }
      digest = actual;
    }
    return { ok: true, status: res.status, mediaType, digest, bytes };
  }

  return { manifest };
}

export type RegistryClient = ReturnType<typeof createRegistryClient>;
