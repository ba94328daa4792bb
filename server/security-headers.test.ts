import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import type { ApiBackend } from './backend';
import { requestBodyLimit, SECURITY_HEADERS } from './security-headers';

function app(backend: Partial<ApiBackend> = {}) {
  const distDir = mkdtempSync(path.join(tmpdir(), 'vcr-sec-'));
  mkdirSync(path.join(distDir, 'assets'));
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(distDir, 'assets', 'a.js'), 'x');
  const full: ApiBackend = {
    mode: 'emulator',
    fetch: async () => Response.json({ ok: true }),
    describe: () => 'test',
    ...backend,
  };
  return createApp({
    backend: full,
    distDir,
    config: { mode: full.mode, serverToken: true, defaultScope: null, writes: false },
  });
}

describe('security headers', () => {
  it.each([
    '/',
    '/repositories/x',
    '/assets/a.js',
    '/api/v2/user',
    '/_dashboard/config',
    '/assets/missing.js',
  ])('are on %s', async (p) => {
    const res = await app().request(p);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers.get(name), name).toBe(value);
    }
  });

  it('include a CSP without inline scripts that forbids framing', async () => {
    const csp = (await app().request('/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
  });

  it('are added even to a backend response whose headers are immutable', async () => {
    const res = await app({ fetch: async () => fetch('data:application/json,{}') }).request(
      '/api/v2/user',
    );
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('request body limit', () => {
  it('answers 413 in the API error shape for an oversized body', async () => {
    const res = await app().request('/api/v1/vcr/repository', {
      method: 'POST',
      body: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-length': String(1024 * 1024 + 1) },
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it('also limits a DELETE body', async () => {
    const res = await app().request('/api/v1/vcr/repository/web', {
      method: 'DELETE',
      body: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-length': String(1024 * 1024 + 1) },
    });
    expect(res.status).toBe(413);
  });

  it.each(['GET', 'HEAD'])(
    'leaves a %s alone without reading the raw request (a full Request per read)',
    async (method) => {
      const next = vi.fn(async () => {});
      const c = {
        req: {
          method,
          get raw(): never {
            throw new Error('raw request read');
          },
        },
      };
      await requestBodyLimit()(c as never, next);
      expect(next).toHaveBeenCalledOnce();
    },
  );
});

describe('forwarding to the backend', () => {
  it('a read reaches the backend with its method, headers and abort signal, at the API path', async () => {
    let seen: Request | undefined;
    const controller = new AbortController();
    const res = await app({
      fetch: async (req) => {
        seen = req;
        return Response.json({ ok: true });
      },
    }).request('/api/v1/vcr/repository?projectId=prj_1', {
      headers: { authorization: 'Bearer tab-token', 'x-custom': 'kept' },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(seen!.method).toBe('GET');
    expect(new URL(seen!.url).pathname + new URL(seen!.url).search).toBe(
      '/v1/vcr/repository?projectId=prj_1',
    );
    expect(seen!.headers.get('authorization')).toBe('Bearer tab-token');
    expect(seen!.headers.get('x-custom')).toBe('kept');
    controller.abort();
    expect(seen!.signal.aborted).toBe(true);
  });

  it('a HEAD stays a HEAD', async () => {
    let method = '';
    await app({
      fetch: async (req) => {
        method = req.method;
        return new Response(null, { status: 200 });
      },
    }).request('/api/v2/user', { method: 'HEAD' });
    expect(method).toBe('HEAD');
  });
});
