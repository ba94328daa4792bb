// Headers that make every response of the server (pages, assets, API, errors) safe to
// open in a browser: no inline or foreign scripts, no framing, no sniffing, no referrer to
// other sites.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

// Vite emits external scripts and stylesheets, and theme-init.js is a file, so 'self' is
// enough for both. React's `style` props are set through the CSSOM, which CSP does not
// govern. data:/blob: images cover a favicon drawn at run time.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // No referrer to other sites. Not `no-referrer`: under it browsers send `Origin: null` on
  // this origin's own form posts and writes, which the Host guard must refuse.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Largest request body the server reads (the emulator's push route is the only writer). */
export const MAX_BODY_BYTES = 1024 * 1024;

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    let res = c.res;
    try {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
    } catch {
      // A Response straight from fetch() has immutable headers: copy it once, then set.
      res = new Response(res.body, res);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
      c.res = undefined;
      c.res = res;
    }
    // Never announce the framework.
    c.res.headers.delete('x-powered-by');
  };
}

export function requestBodyLimit(
  maxSize = MAX_BODY_BYTES,
  /** Paths whose bodies are streamed by their route (the emulator's registry uploads). */
  unlimited: (pathname: string) => boolean = () => false,
): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize,
    onError: (c) =>
      c.json(
        {
          error: {
            code: 'payload_too_large',
            message: `The request body is larger than ${maxSize} bytes.`,
          },
        },
        413,
      ),
  });
  // GET and HEAD carry no body. Hono's check reads `c.req.raw.body`, which makes
  // @hono/node-server build a full WHATWG Request for every read: the proxy's hot path.
  return (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || unlimited(c.req.path)
      ? next()
      : limit(c, next);
}
