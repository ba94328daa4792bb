import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { ApiBackend } from '../backend';
import { JSON_COMPRESSION_THRESHOLD } from './compress-json';

/** A JSON body of exactly `bytes` bytes. */
function jsonOf(bytes: number): string {
  const s = JSON.stringify({ tags: '' });
  return JSON.stringify({ tags: 'v'.repeat(bytes - s.length) });
}

function makeApp(fetch: ApiBackend['fetch']) {
  return createApp({
    backend: { mode: 'emulator', fetch, describe: () => 'test' },
    distDir: mkdtempSync(path.join(tmpdir(), 'vcr-json-')),
    config: { mode: 'emulator', serverToken: true, defaultScope: null, writes: false },
  });
}

function jsonResponse(body: string, headers: Record<string, string> = {}) {
  return async () =>
    new Response(body, { headers: { 'content-type': 'application/json', ...headers } });
}

async function decoded(res: Response): Promise<string> {
  const body = Buffer.from(await res.arrayBuffer());
  expect(res.headers.get('content-length')).toBe(String(body.length));
  const coding = res.headers.get('content-encoding');
  if (coding === 'br') return brotliDecompressSync(body).toString();
  if (coding === 'gzip') return gunzipSync(body).toString();
  return body.toString();
}

describe('JSON compression of /api and /_dashboard', () => {
  const big = jsonOf(37_000);

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0.2, gzip', 'gzip'],
    ['identity', null],
    [undefined, null],
  ])('Accept-Encoding %j → %j, same JSON after decoding', async (accept, coding) => {
    const res = await makeApp(jsonResponse(big)).request('/api/v1/vcr/repository/web/tags', {
      headers: accept ? { 'accept-encoding': accept } : {},
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(coding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await decoded(res);
    expect(text).toBe(big);
    if (coding) expect(Number(res.headers.get('content-length'))).toBeLessThan(big.length / 10);
  });

  it(`compresses from ${JSON_COMPRESSION_THRESHOLD} bytes, not below`, async () => {
    for (const [size, coding] of [
      [JSON_COMPRESSION_THRESHOLD - 1, null],
      [JSON_COMPRESSION_THRESHOLD, 'br'],
    ] as const) {
      const body = jsonOf(size);
      expect(body.length).toBe(size);
      const res = await makeApp(jsonResponse(body)).request('/api/v2/user', {
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(res.headers.get('content-encoding'), String(size)).toBe(coding);
      // Small or not, the URL's answers depend on Accept-Encoding.
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(await decoded(res)).toBe(body);
    }
  });

  it('keeps the status and headers of errors, and compresses a large error too', async () => {
    const body = JSON.stringify({ error: { code: 'rate_limited', message: 'm'.repeat(2000) } });
    const res = await makeApp(
      async () =>
        new Response(body, {
          status: 429,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'retry-after': '5',
            'x-vercel-id': 'iad1::abc',
          },
        }),
    ).request('/api/v1/vcr/repository', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('x-vercel-id')).toBe('iad1::abc');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await decoded(res)).toBe(body);
  });

  it('leaves alone what is not JSON, already encoded, no-transform, or bodiless', async () => {
    const cases: Array<[string, () => Promise<Response>]> = [
      [
        'text',
        async () => new Response('x'.repeat(5000), { headers: { 'content-type': 'text/plain' } }),
      ],
      ['encoded', jsonResponse(big, { 'content-encoding': 'gzip' })],
      ['no-transform', jsonResponse(big, { 'cache-control': 'no-store, no-transform' })],
      ['204', async () => new Response(null, { status: 204 })],
    ];
    for (const [name, fetch] of cases) {
      const res = await makeApp(fetch).request('/api/x', { headers: { 'accept-encoding': 'br' } });
      const encoding = res.headers.get('content-encoding');
      expect(encoding === null || name === 'encoded', name).toBe(true);
    }
  });

  it('makes a strong ETag weak when it compresses', async () => {
    const res = await makeApp(jsonResponse(big, { etag: '"abc"' })).request('/api/x', {
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.headers.get('etag')).toBe('W/"abc"');
  });

  it('compresses /_dashboard answers above the threshold and leaves the small config alone', async () => {
    const res = await makeApp(jsonResponse(big)).request('/_dashboard/config', {
      headers: { 'accept-encoding': 'br' },
    });
    // The config is a few hundred bytes: below the threshold, sent as is.
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(JSON.parse(await res.text())).toMatchObject({ mode: 'emulator' });
  });

  it('answers HEAD without compressing', async () => {
    const res = await makeApp(jsonResponse(big)).request('/api/x', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});
