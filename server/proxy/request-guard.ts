// Refuses request targets that try to reach something other than what they spell. It reads
// the target exactly as the client sent it: by the time a `Request` exists its URL has been
// normalised (`/a/../b` → `/b`, `%2e%2e` → `..` → gone), which would hide the attempt.
import type { MiddlewareHandler } from 'hono';

export const MAX_URL_LENGTH = 2048;
export const MAX_HEADER_BYTES = 8 * 1024;

export interface GuardFailure {
  status: 400 | 414 | 431;
  code: string;
  message: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// Encoded `/`, `\`, `%` (double encoding), NUL, CR and LF.
const ENCODED_FORBIDDEN_IN_PATH = /%(?:2f|5c|25|00|0a|0d)/i;
const ENCODED_FORBIDDEN_ANYWHERE = /%(?:00|0a|0d)/i;

function fail(message: string, status: GuardFailure['status'] = 400): GuardFailure {
  return {
    status,
    code: status === 400 ? 'bad_request' : status === 414 ? 'uri_too_long' : 'headers_too_large',
    message,
  };
}

/** Checks one raw request target (`/api/v1/…?…`, as on the request line). */
export function checkRequestTarget(target: string): GuardFailure | null {
  if (target.length > MAX_URL_LENGTH) {
    return fail(`The request URL is longer than ${MAX_URL_LENGTH} characters.`, 414);
  }
  if (CONTROL.test(target) || ENCODED_FORBIDDEN_ANYWHERE.test(target)) {
    return fail('The request URL contains control characters.');
  }
  if (!target.startsWith('/') || target.startsWith('//')) {
    return fail('Only origin-relative request URLs are accepted.');
  }
  if (target.includes('\\')) return fail('The request URL contains a backslash.');
  const q = target.indexOf('?');
  const pathPart = q === -1 ? target : target.slice(0, q);
  if (pathPart.includes('#')) return fail('The request URL contains a fragment.');
  if (ENCODED_FORBIDDEN_IN_PATH.test(pathPart)) {
    return fail('The request path contains an encoded slash, backslash or percent sign.');
  }
  if (hasEmptySegment(pathPart)) {
    return fail('The request path contains an empty segment ("//" or a trailing "/").');
  }
  for (const segment of pathPart.split('/')) {
    // `%2e` is a dot to every URL parser, so it counts as one here too.
    const dots = segment.replace(/%2e/gi, '.');
    if (dots === '.' || dots === '..') return fail('The request path contains "." or "..".');
  }
  return null;
}

/** An empty segment after the leading `/`: `//`, or a trailing `/` (a bare `/` is the root). */
function hasEmptySegment(pathname: string): boolean {
  return pathname.includes('//') || (pathname.length > 1 && pathname.endsWith('/'));
}

/**
 * The URL a request under `/api` stands for, relative to the API root, for both backends.
 * A path after `/api` that starts with `//`, has an empty segment, or would resolve to
 * another origin is refused: `/api//evil.example/v1/…` must never become `/v1/…` (or a
 * request to evil.example) on its way through.
 */
export function apiRequestUrl(requestUrl: URL, mount = '/api'): URL | GuardFailure {
  const apiPath = requestUrl.pathname.slice(mount.length) || '/';
  if (!apiPath.startsWith('/') || hasEmptySegment(apiPath)) {
    return fail('The API path contains an empty segment ("//" or a trailing "/").');
  }
  const resolved = new URL(apiPath + requestUrl.search, requestUrl.origin);
  if (resolved.origin !== requestUrl.origin || resolved.pathname !== apiPath) {
    return fail('The API path does not stay on this server.');
  }
  return resolved;
}

/** Total size of the request's header block, as names and values. */
export function headerBytes(headers: Headers): number {
  let total = 0;
  headers.forEach((value, name) => {
    total += name.length + value.length + 4;
  });
  return total;
}

/**
 * Hono middleware for the proxy's mount: checks the raw target (from Node's request when
 * served by @hono/node-server, else the parsed URL) and the header size before routing.
 */
export function requestGuard(): MiddlewareHandler {
  return async (c, next) => {
    const env = c.env as { incoming?: { url?: string } } | undefined;
    const url = new URL(c.req.url);
    const target = env?.incoming?.url ?? url.pathname + url.search;
    const failure =
      checkRequestTarget(target) ??
      (headerBytes(c.req.raw.headers) > MAX_HEADER_BYTES
        ? fail(`The request headers are larger than ${MAX_HEADER_BYTES} bytes.`, 431)
        : null);
    if (failure) {
      return c.json({ error: { code: failure.code, message: failure.message } }, failure.status);
    }
    await next();
  };
}
