// Small HTTP helpers shared by the authorization server's endpoints: RFC 6749 error JSON,
// form bodies, and HTML escaping for the server-rendered pages.

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_token';

/** RFC 6749 §5.2 body; token responses and errors must never be cached (§5.1). */
export function oauthJson(status: number, body: unknown, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  h.set('pragma', 'no-cache');
  return new Response(JSON.stringify(body), { status, headers: h });
}

export function oauthError(
  error: OAuthErrorCode,
  description: string,
  status = error === 'invalid_client' || error === 'invalid_token' ? 401 : 400,
  headers: HeadersInit = {},
): Response {
  return oauthJson(status, { error, error_description: description }, headers);
}

export class OAuthFailure extends Error {
  constructor(
    readonly response: Response,
    message = 'oauth failure',
  ) {
    super(message);
  }
}

/**
 * Parses an `application/x-www-form-urlencoded` body; a repeated parameter is refused, as
 * RFC 6749 §3.2 requires ("parameters MUST NOT be included more than once").
 */
export async function readForm(req: Request): Promise<URLSearchParams> {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new OAuthFailure(
      oauthError(
        'invalid_request',
        'The request body must be application/x-www-form-urlencoded.',
        400,
      ),
    );
  }
  const form = new URLSearchParams(await req.text());
  const repeated = repeatedParam(form);
  if (repeated) {
    throw new OAuthFailure(
      oauthError('invalid_request', `Parameter '${repeated}' is included more than once.`),
    );
  }
  return form;
}

export function repeatedParam(params: URLSearchParams): string | undefined {
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The pages' own policy, for the standalone emulator (embedded, the dashboard's stricter
 * headers replace it). No `form-action`: it would also govern the redirect to the client
 * after Allow/Deny (see pages.ts continuePage).
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function htmlResponse(status: number, html: string, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set('content-type', 'text/html; charset=utf-8');
  h.set('cache-control', 'no-store');
  h.set('content-security-policy', PAGE_CSP);
  h.set('x-content-type-options', 'nosniff');
  h.set('referrer-policy', 'no-referrer');
  return new Response(html, { status, headers: h });
}
