// One error type for everything that can go wrong between the page and the API, so every
// screen can say exactly what happened and what to do next.
export type ApiErrorKind =
  | 'http' // the API answered with an error status
  | 'network' // no answer at all (offline, server down, connection reset)
  | 'timeout' // no answer in time
  | 'invalid-response' // an answer that breaks the contract
  | 'invalid-input'; // refused before any request (a name that cannot exist, no projectId)

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status?: number;
  code?: string;
  message: string;
  retryAfterMs?: number;
  requestId?: string;
  url?: string;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when there was no response. */
  readonly status: number;
  readonly code: string;
  /** From `Retry-After` (seconds or an HTTP date), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The `x-vercel-id` header: what Vercel support asks for. */
  readonly requestId: string | undefined;
  readonly url: string | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.code = init.code ?? init.kind;
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
    this.url = init.url;
  }

  /** Worth retrying automatically: the backend may come back by itself. */
  get isTransient(): boolean {
    return (
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.status === 429 ||
      this.status >= 500
    );
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
