// `/api` in front of the real Vercel REST API. The browser talks only to this server; the
// token is added here and never travels back. Not an open proxy: a fixed upstream, an
// allow-list of GET routes, a fresh set of request headers, and an allow-list of response
// headers.
import http from 'node:http';
import https from 'node:https';
import type { ApiBackend } from '../backend';
import { matchAllowedRoute } from './allow-list';
import { isWriteMethod, matchAllowedWrite, MAX_WRITE_BODY_BYTES } from '../writes/write-allow-list';
import { MAX_FRESH_MS, UpstreamCoalescer, type PreparedAnswer, type Served } from './coalesce';
import { checkRequestTarget, headerBytes, MAX_HEADER_BYTES } from './request-guard';

export const DEFAULT_UPSTREAM = 'https://api.vercel.com';
export const DEFAULT_TIMEOUT_MS = 15_000;
/** How long a VCR read is shared between the tabs of one credential. */
export const DEFAULT_FRESH_MS = 1000;
/** API answers are small JSON; anything bigger is not something the dashboard asked for. */
export const MAX_UPSTREAM_BODY_BYTES = 8 * 1024 * 1024;

/** Response headers the browser may see; everything else (set-cookie, …) is dropped. */
const PASS_RESPONSE_HEADERS = [
  'content-type',
  'retry-after',
  'x-vercel-id',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
] as const;

/** A tab-pasted token must look like one (RFC 6750 token68) before it goes anywhere. */
const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{8,512})$/;
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]{1,4096}$/;

export interface ProxyOptions {
  /** The server's own token; without it the tab-pasted bearer (if any) is forwarded. */
  token?: string;
  upstream?: string;
  timeoutMs?: number;
  /** Where failures are reported; never given the token or request headers. */
  log?: (line: string) => void;
  /**
   * How long (ms, 0–1000) a 2xx answer of a VCR read route is reused for identical requests
   * with the same credential. Single flight and the 429 hold apply whatever this is.
   */
  freshMs?: number;
  /** Most answers kept for reuse (memory bound). */
  maxCacheEntries?: number;
  /** The clock for freshness and Retry-After holds (tests). */
  now?: () => number;
  /** ALLOW_WRITES=1: forward the allow-listed writes (server/writes/write-allow-list.ts). */
  allowWrites?: boolean;
}

export function parseUpstream(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VERCEL_API_URL is not a URL: "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VERCEL_API_URL must be an http(s) URL, got "${url.protocol}".`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error('VERCEL_API_URL must not carry credentials, a query or a fragment.');
  }
  return url;
}

function errorResponse(status: number, code: string, message: string, extra?: HeadersInit) {
  const headers = new Headers(extra);
  headers.set('content-type', 'application/json; charset=utf-8');
  headers.set('cache-control', 'no-store');
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers });
}

/** The proxy's own failure (timeout, unreachable, redirect) as an answer tabs can share. */
function errorAnswer(status: number, code: string, message: string): PreparedAnswer {
  return {
    status,
    headers: [
      ['content-type', 'application/json; charset=utf-8'],
      ['cache-control', 'no-store'],
    ],
    body: new Uint8Array(Buffer.from(JSON.stringify({ error: { code, message } }))),
  };
}

function toResponse({ answer, retryAfter }: Served): Response {
  const headers = new Headers(answer.headers as [string, string][]);
  // A held 429 tells each tab how long is left, not what the first one was told.
  if (retryAfter !== undefined) headers.set('retry-after', String(retryAfter));
  return new Response(answer.body, { status: answer.status, headers });
}

export function createProxyBackend(options: ProxyOptions): ApiBackend {
  const token = options.token?.trim() || undefined;
  if (token !== undefined && !HEADER_SAFE_TOKEN.test(token)) {
    // Never echo the value: it is a secret even when malformed.
    throw new Error('VERCEL_TOKEN contains characters that cannot be sent in an HTTP header.');
  }
  const upstream = parseUpstream(options.upstream ?? DEFAULT_UPSTREAM);
  const basePath = upstream.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // node:http rather than fetch: it sends exactly the headers given (fetch adds its own
  // accept-language, sec-fetch-mode, accept-encoding) and costs less per request.
  const agent =
    upstream.protocol === 'https:'
      ? new https.Agent({ keepAlive: true, maxSockets: 256 })
      : new http.Agent({ keepAlive: true, maxSockets: 256 });
  const log = options.log ?? (() => {});
  const upstreamLabel = upstream.origin + basePath;
  const tokenBytes = token ? Buffer.from(token) : undefined;
  const freshMs = options.freshMs ?? DEFAULT_FRESH_MS;
  if (!Number.isInteger(freshMs) || freshMs < 0 || freshMs > MAX_FRESH_MS) {
    throw new Error(
      `The proxy's freshness window must be 0 to ${MAX_FRESH_MS} ms, got ${freshMs}.`,
    );
  }
  const coalescer = new UpstreamCoalescer({
    freshMs,
    ...(options.maxCacheEntries ? { maxEntries: options.maxCacheEntries } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  // Computed once: what every upstream request shares.
  const client = upstream.protocol === 'https:' ? https : http;
  const requestBase: http.RequestOptions = {
    protocol: upstream.protocol,
    hostname: upstream.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: upstream.port || (upstream.protocol === 'https:' ? 443 : 80),
    method: 'GET',
    agent,
    ...(upstream.protocol === 'https:' ? { servername: upstream.hostname } : {}),
  };
  const serverHeaders = token ? upstreamHeaders(`Bearer ${token}`) : undefined;

  /** One upstream GET of an allow-listed path, as a shareable answer; never throws. */
  async function load(path: string, target: string, authorization: string) {
    const headers = serverHeaders ?? upstreamHeaders(authorization);
    let answer: UpstreamAnswer;
    try {
      answer = await upstreamGetWithRetry(
        client,
        { ...requestBase, path: basePath + target, headers },
        timeoutMs,
      );
    } catch (err) {
      if (err instanceof UpstreamTimeout) {
        log(`proxy: GET ${path} timed out after ${timeoutMs} ms`);
        return errorAnswer(
          504,
          'gateway_timeout',
          `The Vercel API did not answer within ${formatSeconds(timeoutMs)}. Retrying may help.`,
        );
      }
      const reason = describeNetworkError(err);
      log(`proxy: GET ${path} failed: ${reason}`);
      return errorAnswer(
        502,
        'bad_gateway',
        `Could not reach the Vercel API at ${upstreamLabel} (${reason}).`,
      );
    }

    const { status } = answer;
    if (status >= 300 && status < 400) {
      // Following a redirect could carry the token elsewhere; the API never redirects.
      log(`proxy: GET ${path} was redirected (${status}); not followed`);
      return errorAnswer(502, 'bad_gateway', 'The Vercel API answered with a redirect.');
    }
    if (status < 200 || status > 599) {
      return errorAnswer(502, 'bad_gateway', `The Vercel API answered status ${status}.`);
    }

    const out: Array<[string, string]> = [];
    for (const name of PASS_RESPONSE_HEADERS) {
      const raw = answer.headers[name];
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      if (value !== undefined && !(token && value.includes(token))) out.push([name, value]);
    }
    out.push(['cache-control', 'no-store']);
    const noBody = status === 204 || status === 205;
    return { status, headers: out, body: noBody ? null : redact(answer.body, tokenBytes) };
  }

  async function handle(request: Request): Promise<Response> {
    if (request.method !== 'GET') {
      return errorResponse(
        405,
        'method_not_allowed',
        `The dashboard only reads from the Vercel API; ${request.method.slice(0, 16)} is not forwarded.`,
        { allow: 'GET' },
      );
    }
    const url = new URL(request.url);
    // The app also checks the raw target; this repeats the checks that survive URL parsing
    // so the backend is safe on its own.
    const guard = checkRequestTarget(url.pathname + url.search);
    if (guard) return errorResponse(guard.status, guard.code, guard.message);
    if (headerBytes(request.headers) > MAX_HEADER_BYTES) {
      return errorResponse(431, 'headers_too_large', 'The request headers are too large.');
    }
    if (request.headers.has('content-length') && request.headers.get('content-length') !== '0') {
      return errorResponse(400, 'bad_request', 'A GET request to the API cannot have a body.');
    }
    if (request.headers.has('transfer-encoding')) {
      return errorResponse(400, 'bad_request', 'A GET request to the API cannot have a body.');
    }

    const match = matchAllowedRoute(url.pathname, url.searchParams);
    if (!match.ok) return errorResponse(match.status, match.code, match.message);

    let authorization: string;
    if (token) {
      authorization = `Bearer ${token}`;
    } else {
      const sent = request.headers.get('authorization')?.trim() ?? '';
      if (!sent) {
        return errorResponse(
          401,
          'missing_token',
          'The server has no VERCEL_TOKEN and this tab has no token. Paste one in Settings, or set VERCEL_TOKEN and restart the server.',
        );
      }
      if (!BEARER.test(sent)) {
        return errorResponse(401, 'invalid_token', 'The token pasted in this tab is malformed.');
      }
      authorization = sent;
    }

    const target = match.path + match.search;
    // Only the VCR reads are kept for the freshness window; the scope look-ups (/v2/user,
    // teams, projects) are only shared while in flight.
    const cacheable = match.path.startsWith('/v1/vcr/');
    return toResponse(
      await coalescer.get(authorization, target, cacheable, () =>
        load(match.path, target, authorization),
      ),
    );
  }

  /**
   * One allow-listed write, validated again here so the backend is safe on its own. Never
   * retried and never shared with another request: a write runs exactly once.
   */
  async function handleWrite(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const guard = checkRequestTarget(url.pathname + url.search);
    if (guard) return errorResponse(guard.status, guard.code, guard.message);
    if (headerBytes(request.headers) > MAX_HEADER_BYTES) {
      return errorResponse(431, 'headers_too_large', 'The request headers are too large.');
    }
    const declared = Number(request.headers.get('content-length') ?? 0);
    if (declared > MAX_WRITE_BODY_BYTES) {
      return errorResponse(413, 'payload_too_large', 'The request body is too large.');
    }
    const text = await request.text();
    const match = matchAllowedWrite(
      request.method,
      url.pathname,
      url.searchParams,
      request.headers.get('content-type'),
      text,
    );
    if (!match.ok) return errorResponse(match.status, match.code, match.message);

    let authorization: string;
    if (token) authorization = `Bearer ${token}`;
    else {
      const sent = request.headers.get('authorization')?.trim() ?? '';
      if (!BEARER.test(sent)) {
        return errorResponse(
          401,
          sent ? 'invalid_token' : 'missing_token',
          sent
            ? 'The token pasted in this tab is malformed.'
            : 'The server has no VERCEL_TOKEN and this tab has no token. Paste one in Settings, or set VERCEL_TOKEN and restart the server.',
        );
      }
      authorization = sent;
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization,
      'user-agent': 'vcr-dashboard-proxy',
    };
    if (match.body !== null) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(match.body));
    }
    const what = `${match.method} ${match.path}`;
    let answer: UpstreamAnswer;
    try {
      answer = await upstreamGet(
        client,
        {
          ...requestBase,
          method: match.method,
          path: basePath + match.path + match.search,
          headers,
        },
        timeoutMs,
        MAX_UPSTREAM_BODY_BYTES,
        { method: match.method, body: match.body },
      );
    } catch (err) {
      if (err instanceof UpstreamTimeout) {
        log(`proxy: ${what} timed out after ${timeoutMs} ms`);
        return errorResponse(
          504,
          'gateway_timeout',
          `The Vercel API did not answer within ${formatSeconds(timeoutMs)}; the change may or may not have been made. Reload to see.`,
        );
      }
      const reason = describeNetworkError(err);
      log(`proxy: ${what} failed: ${reason}`);
      return errorResponse(
        502,
        'bad_gateway',
        `Could not reach the Vercel API at ${upstreamLabel} (${reason}).`,
      );
    }
    const { status } = answer;
    // Whatever the answer, the reads kept for this credential may be stale now.
    coalescer.forget(authorization);
    if (status < 200 || status > 599 || (status >= 300 && status < 400)) {
      log(`proxy: ${what} answered ${status}; not passed on`);
      return errorResponse(502, 'bad_gateway', `The Vercel API answered status ${status}.`);
    }
    const out = new Headers();
    for (const name of PASS_RESPONSE_HEADERS) {
      const raw = answer.headers[name];
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      if (value !== undefined && !(token && value.includes(token))) out.set(name, value);
    }
    out.set('cache-control', 'no-store');
    const noBody = status === 204 || status === 205 || answer.body.byteLength === 0;
    return new Response(noBody ? null : redact(answer.body, tokenBytes), { status, headers: out });
  }

  return {
    mode: 'proxy',
    async fetch(request) {
      try {
        if (options.allowWrites && isWriteMethod(request.method)) return await handleWrite(request);
        return await handle(request);
      } catch {
        // Never a stack trace (which could hold request details) to the browser.
        log('proxy: unexpected error');
        return errorResponse(500, 'internal_server_error', 'The dashboard proxy failed.');
      }
    },
    async close() {
      agent.destroy();
    },
    describe() {
      const auth = token
        ? 'token from VERCEL_TOKEN'
        : 'no server token: each browser tab must paste its own';
      return `API: proxy to ${upstreamLabel} (${auth})`;
    },
  };
}

/**
 * A fresh header set: nothing of the browser's (cookies, host, forwarding headers,
 * hop-by-hop headers) is ever passed on.
 */
function upstreamHeaders(authorization: string): Record<string, string> {
  return { accept: 'application/json', authorization, 'user-agent': 'vcr-dashboard-proxy' };
}

class UpstreamTimeout extends Error {}

/** A kept-alive socket the upstream closed just as it was reused: safe to send again. */
class StaleSocket extends Error {}

/**
 * The upstream may close an idle kept-alive connection at the moment the agent reuses it;
 * a GET is idempotent, so that one case is retried once on a fresh connection, within the
 * same overall deadline.
 */
async function upstreamGetWithRetry(
  client: typeof http | typeof https,
  request: http.RequestOptions,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  const deadline = Date.now() + timeoutMs;
  try {
    return await upstreamGet(client, request, timeoutMs, MAX_UPSTREAM_BODY_BYTES);
  } catch (err) {
    if (!(err instanceof StaleSocket)) throw err;
    const left = deadline - Date.now();
    if (left <= 0) throw new UpstreamTimeout();
    return upstreamGet(client, request, left, MAX_UPSTREAM_BODY_BYTES);
  }
}

interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Uint8Array<ArrayBuffer>;
}

/** One GET, bounded in time (headers and body together) and in size. */
function upstreamGet(
  client: typeof http | typeof https,
  request: http.RequestOptions,
  timeoutMs: number,
  maxBytes: number,
  /** A write instead of a GET (never retried by the caller). */
  write?: { method: string; body: string | null },
): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    let gotResponse = false;
    const req = client.request(request, (res) => {
      gotResponse = true;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          settle(() => reject(new Error(`response larger than ${maxBytes} bytes`)));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        settle(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: new Uint8Array(Buffer.concat(chunks)),
          }),
        ),
      );
      res.on('error', (err) => settle(() => reject(err)));
      res.on('close', () =>
        settle(() => reject(new Error('the connection closed before the response ended'))),
      );
    });
    const timer = setTimeout(() => {
      settle(() => reject(new UpstreamTimeout()));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => {
      const stale =
        req.reusedSocket &&
        !gotResponse &&
        (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNABORTED');
      settle(() => reject(stale ? new StaleSocket(err.code) : err));
    });
    req.end(write?.body ?? undefined);
  });
}

/** Defence in depth: an upstream that echoes the token must not hand it to the browser. */
function redact(body: Uint8Array<ArrayBuffer>, token: Buffer | undefined): Uint8Array<ArrayBuffer> {
  if (!token) return body;
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (buf.indexOf(token) === -1) return body;
  return new Uint8Array(
    Buffer.from(buf.toString('utf8').split(token.toString('utf8')).join('[redacted]')),
  );
}

function describeNetworkError(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (err instanceof Error) return err.message.slice(0, 200);
  return 'network error';
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
