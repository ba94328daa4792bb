import { http, HttpResponse, delay } from 'msw';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw-server';
import { apiFetch, apiUrl } from './api-fetch';
import { ApiError, parseRetryAfter } from './api-error';
import { setSessionToken } from './session-token';

const schema = z.object({ ok: z.boolean() });

async function catchError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('apiUrl', () => {
  it('mounts paths under /api and drops empty query values', () => {
    expect(apiUrl('/v1/vcr/repository', { projectId: 'prj_1', teamId: undefined, slug: '' })).toBe(
      '/api/v1/vcr/repository?projectId=prj_1',
    );
  });
});

describe('apiFetch', () => {
  it('returns the validated body', async () => {
    server.use(http.get('/api/x', () => HttpResponse.json({ ok: true, extra: 1 })));
    await expect(apiFetch('/x', { schema })).resolves.toEqual({ ok: true });
  });

  it('turns an API error body into a typed ApiError with retry-after and request id', async () => {
    server.use(
      http.get('/api/x', () =>
        HttpResponse.json(
          { error: { code: 'rate_limited', message: 'Too many requests' } },
          { status: 429, headers: { 'retry-after': '7', 'x-vercel-id': 'iad1::abc' } },
        ),
      ),
    );
    const err = await catchError(apiFetch('/x', { schema }));
    expect(err.status).toBe(429);
    expect(err.code).toBe('rate_limited');
    expect(err.message).toBe('Too many requests');
    expect(err.retryAfterMs).toBe(7000);
    expect(err.requestId).toBe('iad1::abc');
    expect(err.isTransient).toBe(true);
  });

  it('explains a non-JSON error page by its status', async () => {
    server.use(
      http.get('/api/x', () => new HttpResponse('<html>bad gateway</html>', { status: 502 })),
    );
    const err = await catchError(apiFetch('/x', { schema }));
    expect(err.kind).toBe('http');
    expect(err.code).toBe('http_502');
    expect(err.isTransient).toBe(true);
  });

  it('reports a body that breaks the contract, naming the field', async () => {
    server.use(http.get('/api/x', () => HttpResponse.json({ ok: 'yes' })));
    const err = await catchError(apiFetch('/x', { schema }));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('"ok"');
    expect(err.isTransient).toBe(false);
  });

  it('reports a network failure as transient', async () => {
    server.use(http.get('/api/x', () => HttpResponse.error()));
    const err = await catchError(apiFetch('/x', { schema }));
    expect(err.kind).toBe('network');
    expect(err.isTransient).toBe(true);
  });

  it('gives up on a hanging request with a timeout error', async () => {
    server.use(
      http.get('/api/x', async () => {
        await delay('infinite');
        return HttpResponse.json({ ok: true });
      }),
    );
    const err = await catchError(apiFetch('/x', { schema, timeoutMs: 50 }));
    expect(err.kind).toBe('timeout');
  });

  it('sends a tab-pasted token only as a bearer header', async () => {
    setSessionToken('tok_abc');
    let auth: string | null = null;
    let url = '';
    server.use(
      http.get('/api/x', ({ request }) => {
        auth = request.headers.get('authorization');
        url = request.url;
        return HttpResponse.json({ ok: true });
      }),
    );
    await apiFetch('/x', { schema, query: { projectId: 'p' } });
    expect(auth).toBe('Bearer tok_abc');
    expect(url).not.toContain('tok_abc');
  });

  it("never sends a tab-pasted token to the server's own routes", async () => {
    setSessionToken('tok_abc');
    let auth: string | null = 'unset';
    server.use(
      http.get('/_dashboard/config', ({ request }) => {
        auth = request.headers.get('authorization');
        return HttpResponse.json({ ok: true });
      }),
    );
    await apiFetch('/_dashboard/config', { schema, base: '' });
    expect(auth).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('nonsense', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
