// Injected failures for UI tests: "the next 2 GETs of this tag answer 429", "this list
// hangs", "this body is not JSON". A fault matches an exact API path or a prefix ending in
// `*`, optionally one method, and is used up after `times` matches (default: forever).
export interface FaultSpec {
  /** API path as the real API sees it (`/v1/vcr/repository/web-app/tags/latest`), or a
   * prefix ending in `*`. A leading `/api` (the dashboard's mount point) is ignored. */
  path: string;
  method?: string;
  /** Status to answer with. Omitted: only delay, then answer normally. */
  status?: number;
  headers?: Record<string, string>;
  /** JSON value, or a raw string sent verbatim (for malformed-JSON tests). */
  body?: unknown;
  delayMs?: number;
  times?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

export const MAX_FAULT_DELAY_MS = 10 * 60_000;

const ERROR_CODES: Record<number, [string, string]> = {
  400: ['bad_request', 'Invalid request.'],
  401: ['unauthorized', 'The request is not authorized.'],
  403: ['forbidden', 'You do not have permission to access this resource.'],
  404: ['not_found', 'Not found.'],
  409: ['conflict', 'Conflict.'],
  410: ['gone', 'This resource is no longer available.'],
  429: ['rate_limited', 'Rate limit exceeded.'],
  500: ['internal_server_error', 'An unexpected internal error occurred.'],
  502: ['bad_gateway', 'Bad gateway.'],
  503: ['service_unavailable', 'Service unavailable.'],
  504: ['gateway_timeout', 'Gateway timeout.'],
};

/** Checks a control request body; returns the spec or a reason it is refused. */
export function parseFaultSpec(raw: unknown): FaultSpec | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return 'body must be a JSON object';
  const r = raw as Record<string, unknown>;
  const known = ['path', 'method', 'status', 'headers', 'body', 'delayMs', 'times'];
  const unknown = Object.keys(r).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown field(s): ${unknown.join(', ')}`;
  if (typeof r.path !== 'string' || !r.path.startsWith('/'))
    return 'path must be a string starting with /';
  if (r.method !== undefined && (typeof r.method !== 'string' || !/^[A-Za-z]+$/.test(r.method))) {
    return 'method must be an HTTP method name';
  }
  if (
    r.status !== undefined &&
    (!Number.isInteger(r.status) || (r.status as number) < 200 || (r.status as number) > 599)
  ) {
    return 'status must be an integer HTTP status (200–599)';
  }
  if (
    r.headers !== undefined &&
    (typeof r.headers !== 'object' ||
      r.headers === null ||
      Array.isArray(r.headers) ||
      !Object.values(r.headers).every((v) => typeof v === 'string'))
  ) {
    return 'headers must be an object of strings';
  }
  if (
    r.delayMs !== undefined &&
    (typeof r.delayMs !== 'number' || !(r.delayMs >= 0) || r.delayMs > MAX_FAULT_DELAY_MS)
  ) {
    return `delayMs must be a number between 0 and ${MAX_FAULT_DELAY_MS}`;
  }
  if (r.times !== undefined && (!Number.isInteger(r.times) || (r.times as number) < 1))
    return 'times must be a positive integer';
  if (r.status === undefined && r.delayMs === undefined) return 'give a status, a delayMs, or both';
  if (r.body !== undefined && r.status === undefined) return 'a body needs a status';
  return {
    path: r.path,
    ...(r.method !== undefined ? { method: (r.method as string).toUpperCase() } : {}),
    ...(r.status !== undefined ? { status: r.status as number } : {}),
    ...(r.headers !== undefined ? { headers: r.headers as Record<string, string> } : {}),
    ...(r.body !== undefined ? { body: r.body } : {}),
    ...(r.delayMs !== undefined ? { delayMs: r.delayMs } : {}),
    ...(r.times !== undefined ? { times: r.times as number } : {}),
  };
}

const normalisePath = (p: string) => (p === '/api' ? '/' : p.startsWith('/api/') ? p.slice(4) : p);

export class FaultStore {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, path: normalisePath(spec.path), id: this.nextId++, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The first matching fault, counted as used. Later-added faults do not shadow earlier ones. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => {
      if (f.method && f.method !== method) return false;
      return f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path;
    });
    if (!fault) return undefined;
    fault.hits++;
    if (fault.times !== undefined && fault.hits >= fault.times) {
      this.faults = this.faults.filter((f) => f !== fault);
    }
    return { ...fault };
  }
}

/** The response a fault prescribes (its status must be set). */
export function faultResponse(fault: Fault, headers: Headers, nowMs = Date.now()): Response {
  const status = fault.status!;
  // The real API always sends Retry-After with a 429; `"retry-after": ""` opts out.
  const retryAfter = Object.entries(fault.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'retry-after',
  )?.[1];
  if (status === 429 && retryAfter === undefined) headers.set('retry-after', '1');
  for (const [k, v] of Object.entries(fault.headers ?? {})) {
    if (v === '') headers.delete(k);
    else headers.set(k, v);
  }
  let text: string | null;
  if (fault.body !== undefined) {
    text = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
  } else if (status === 204 || status === 304) {
    text = null;
  } else if (status < 300) {
    text = '{}';
  } else {
    const [code, message] = ERROR_CODES[status] ?? [
      status >= 500 ? 'internal_server_error' : 'bad_request',
      `Injected ${status} response.`,
    ];
    const error: Record<string, unknown> = { code, message };
    if (status === 429) {
      const seconds = Number(headers.get('retry-after')) || 1;
      const resetMs = nowMs + seconds * 1000;
      error.limit = { remaining: 0, reset: Math.ceil(resetMs / 1000), resetMs, total: 100 };
    }
    text = JSON.stringify({ error });
  }
  if (text !== null && !headers.has('content-type')) {
    headers.set('content-type', 'application/json; charset=utf-8');
  }
  return new Response(text, { status, headers });
}

/** Waits `ms`, or less if the client goes away first (a "hang" must not outlive its test). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
