// The only place in the app that touches the network. Every response is validated against
// the contract; every failure becomes an ApiError the UI can explain.
import type { ZodMiniType } from 'zod/mini';
import { ApiError, parseRetryAfter } from './api-error';
import { apiErrorBodySchema } from './schemas';
import { getSessionToken } from './session-token';

/** Same-origin mount of the API: the server adds credentials, the page never holds them. */
export const API_BASE = '/api';
export const DEFAULT_TIMEOUT_MS = 20_000;

export type QueryValue = string | number | boolean | undefined | null;

export interface ApiFetchOptions<T> {
  schema: ZodMiniType<T>;
  query?: Record<string, QueryValue>;
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Mount point; the dashboard server's own routes (not the Vercel API) use ''. */
  base?: string;
}

/** Build `/api/<path>?…`; path segments must already be encoded by the caller. */
export function apiUrl(
  path: string,
  query?: Record<string, QueryValue>,
  base: string = API_BASE,
): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

export type ApiTransport = (url: string, init: RequestInit) => Promise<Response>;

let transport: ApiTransport = (url, init) => fetch(url, init);

/**
 * Where requests go. The browser's fetch unless replaced: the server's rendering of a deep link
 * (server/ssr) runs the same query functions against its own /api in-process, with the reader's
 * credential, and replaces it once at start-up.
 */
export function setApiTransport(next: ApiTransport): void {
  transport = next;
}

export async function apiFetch<T>(path: string, options: ApiFetchOptions<T>): Promise<T> {
  const url = apiUrl(path, options.query, options.base);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const headers: Record<string, string> = { accept: 'application/json' };
  // A tab-pasted token goes to the API mount only, never to the server's own routes.
  const token = (options.base ?? API_BASE) === API_BASE ? getSessionToken() : null;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let res: Response;
  try {
    res = await transport(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause; // react-query cancelled it: not an error to show
    if (timeout.aborted) {
      throw new ApiError({
        kind: 'timeout',
        message: `The API did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        url,
        cause,
      });
    }
    throw new ApiError({
      kind: 'network',
      message: 'Could not reach the dashboard server. Check your connection; retrying.',
      url,
      cause,
    });
  }

  const requestId = res.headers.get('x-vercel-id') ?? undefined;
  let json: unknown;
  const text = await res.text().catch(() => '');
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }

  if (!res.ok) {
    const parsed = apiErrorBodySchema.safeParse(json);
    throw new ApiError({
      kind: 'http',
      status: res.status,
      code: parsed.success ? parsed.data.error.code : `http_${res.status}`,
      message: parsed.success
        ? parsed.data.error.message
        : `The API answered ${res.status} ${res.statusText}`.trim(),
      retryAfterMs: parseRetryAfter(res.headers.get('retry-after')),
      requestId,
      url,
    });
  }

  const parsed = options.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new ApiError({
      kind: 'invalid-response',
      status: res.status,
      code: 'invalid_response',
      message: `The API sent a response this dashboard does not understand${where}: ${issue?.message ?? 'invalid body'}.`,
      requestId,
      url,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
