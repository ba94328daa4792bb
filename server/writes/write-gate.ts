// Writes are off unless the server was started with ALLOW_WRITES=1, whatever answers /api
// (the proxy or the embedded emulator), so the page's controls and the server agree. With
// writes on, only the allow-listed writes pass, each with its body validated and
// re-serialized; the backend receives a fresh request built from the canonical parts.
import type { MiddlewareHandler } from 'hono';
import type { ApiBackend } from '../backend';
import { matchAllowedWrite } from './write-allow-list';

export const WRITES_DISABLED_MESSAGE =
  'Writes are off: this dashboard server only reads. Start it with ALLOW_WRITES=1 to delete images and repositories and to change visibility and sharing.';

const CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Middleware for the `/api/*` mount: POST, PUT, PATCH and DELETE are writes. */
export function writeGate(enabled: boolean, backend: ApiBackend): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method.toUpperCase();
    // Other methods (OPTIONS, TRACE, …) change nothing and are refused by the backends.
    if (!CHANGING_METHODS.has(method)) return next();
    const error = (status: number, code: string, message: string, headers?: HeadersInit) =>
      new Response(JSON.stringify({ error: { code, message } }), {
        status,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          ...headers,
        },
      });
    if (!enabled) {
      return error(405, 'writes_disabled', WRITES_DISABLED_MESSAGE, { allow: 'GET, HEAD' });
    }
    const url = new URL(c.req.url);
    const apiPath = url.pathname.slice('/api'.length) || '/';
    const text = await c.req.text();
    const match = matchAllowedWrite(
      method,
      apiPath,
      url.searchParams,
      c.req.header('content-type') ?? null,
      text,
    );
    if (!match.ok) return error(match.status, match.code, match.message);
    const headers = new Headers({ accept: 'application/json' });
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) headers.set('authorization', authorization);
    if (match.body !== null) headers.set('content-type', 'application/json');
    return backend.fetch(
      new Request(new URL(match.path + match.search, url.origin), {
        method: match.method,
        headers,
        body: match.body,
      }),
    );
  };
}
