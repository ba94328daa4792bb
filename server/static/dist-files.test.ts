import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import type { ApiBackend } from '../backend';
import { IMMUTABLE, REVALIDATE } from './dist-files';

const INDEX = `<!doctype html><html><head><title>t</title></head><body>${'<p>skeleton</p>'.repeat(50)}<div id="root"></div></body></html>`;
const MAIN_JS = `export const app = ${JSON.stringify('x'.repeat(400))};\n`.repeat(20);
const THEME = `document.documentElement.classList.add('dark');`.repeat(10);
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`.repeat(5);

/** A dist/ as the build writes it: originals plus .br/.gz siblings (not for the png). */
function makeDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  const files: Record<string, string | Buffer> = {
    'index.html': INDEX,
    'assets/index-AbC123.js': MAIN_JS,
    'theme-init.js': THEME,
    'favicon.svg': FAVICON,
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    writeFileSync(file + '.br', brotliCompressSync(content));
    writeFileSync(file + '.gz', gzipSync(content));
  }
  writeFileSync(path.join(dir, 'assets', 'logo-Xy9.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  return dir;
}

function makeApp(distDir = makeDist(), fetch?: ApiBackend['fetch']) {
  const backend: ApiBackend = {
    mode: 'emulator',
    fetch: fetch ?? (async () => Response.json({ ok: true })),
    describe: () => 'test',
  };
  return createApp({
    backend,
    distDir,
    config: { mode: 'emulator', serverToken: true, defaultScope: null, writes: false },
  });
}

async function decoded(res: Response): Promise<string> {
  const body = Buffer.from(await res.arrayBuffer());
  const coding = res.headers.get('content-encoding');
  if (coding === 'br') return brotliDecompressSync(body).toString();
  if (coding === 'gzip') return gunzipSync(body).toString();
  expect(coding).toBeNull();
  return body.toString();
}

describe('static files: content negotiation', () => {
  const app = makeApp();
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate', 'gzip'],
    ['identity', null],
    [undefined, null],
    ['br;q=0.4, gzip;q=0.9', 'gzip'],
    ['br;q=0, gzip;q=0', null],
  ])('Accept-Encoding %j → Content-Encoding %j', async (accept, coding) => {
    for (const [p, original] of [
      ['/assets/index-AbC123.js', MAIN_JS],
      ['/theme-init.js', THEME],
      ['/favicon.svg', FAVICON],
      ['/', INDEX],
      ['/repositories/web/tags/latest?projectId=p', INDEX],
    ]) {
      const res = await app.request(p!, { headers: accept ? { 'accept-encoding': accept } : {} });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-encoding'), p).toBe(coding);
      // Every negotiable answer says so, the identity one too, or a shared cache could hand
      // one client's encoding to another.
      expect(res.headers.get('vary'), p).toBe('Accept-Encoding');
      const body = Buffer.from(await res.clone().arrayBuffer());
      expect(res.headers.get('content-length'), p).toBe(String(body.length));
      expect(await decoded(res), p).toBe(original);
    }
  });

  it('sends the right Content-Type whatever the encoding', async () => {
    const types: Record<string, RegExp> = {
      '/assets/index-AbC123.js': /^text\/javascript/,
      '/theme-init.js': /^text\/javascript/,
      '/favicon.svg': /^image\/svg\+xml/,
      '/': /^text\/html; charset=utf-8$/,
      '/repositories/x': /^text\/html; charset=utf-8$/,
      '/assets/logo-Xy9.png': /^image\/png$/,
    };
    for (const accept of ['br', 'gzip', 'identity']) {
      for (const [p, type] of Object.entries(types)) {
        const res = await app.request(p, { headers: { 'accept-encoding': accept } });
        expect(res.headers.get('content-type'), `${p} ${accept}`).toMatch(type);
      }
    }
  });

  it('sends a file without siblings as it is, with no Vary', async () => {
    const res = await app.request('/assets/logo-Xy9.png', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('never serves the siblings themselves, nor dot-files or paths outside dist', async () => {
    const dist = makeDist();
    writeFileSync(path.join(dist, '.env'), 'SECRET=1');
    const a = makeApp(dist);
    for (const p of ['/assets/index-AbC123.js.br', '/assets/index-AbC123.js.gz']) {
      expect((await a.request(p)).status, p).toBe(404);
    }
    for (const p of ['/.env', '/%2e%2e/etc/passwd', '/assets/../index.html', '/favicon.svg.br']) {
      const res = await a.request(p);
      // A client-side route at most: the SPA shell, never the file.
      expect(await decoded(res), p).not.toContain('SECRET');
      expect(await (await a.request(p)).text(), p).not.toMatch(/SECRET|root:/);
    }
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await app.request('/assets/index-AbC123.js', {
      method: 'HEAD',
      headers: { 'accept-encoding': 'br' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });
});

describe('static files: cache policy', () => {
  const app = makeApp();
  it('caches fingerprinted assets forever', async () => {
    for (const p of ['/assets/index-AbC123.js', '/assets/logo-Xy9.png']) {
      expect((await app.request(p)).headers.get('cache-control'), p).toBe(IMMUTABLE);
    }
    expect(IMMUTABLE).toBe('public, max-age=31536000, immutable');
  });

  it('revalidates index.html (also through the SPA fallback), theme-init.js and the favicon', async () => {
    for (const p of ['/', '/index.html', '/repositories/web', '/theme-init.js', '/favicon.svg']) {
      const res = await app.request(p, { headers: { 'accept-encoding': 'br' } });
      expect(res.headers.get('cache-control'), p).toBe(REVALIDATE);
      expect(res.headers.get('etag'), p).toMatch(/^"[^"]+"$/);
      expect(res.headers.get('last-modified'), p).toMatch(/GMT$/);
    }
  });

  it('answers If-None-Match with 304 for the same encoding only', async () => {
    const br = await app.request('/theme-init.js', { headers: { 'accept-encoding': 'br' } });
    const gz = await app.request('/theme-init.js', { headers: { 'accept-encoding': 'gzip' } });
    const brTag = br.headers.get('etag')!;
    expect(gz.headers.get('etag')).not.toBe(brTag);
    const again = await app.request('/theme-init.js', {
      headers: { 'accept-encoding': 'br', 'if-none-match': `W/"nope", ${brTag}` },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(brTag);
    expect(again.headers.get('vary')).toBe('Accept-Encoding');
    expect(again.headers.get('cache-control')).toBe(REVALIDATE);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const otherEncoding = await app.request('/theme-init.js', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': brTag },
    });
    expect(otherEncoding.status).toBe(200);
  });

  it('answers If-Modified-Since with 304 when the file has not changed since', async () => {
    const dist = makeDist();
    const when = new Date('2026-01-02T03:04:05Z');
    utimesSync(path.join(dist, 'index.html'), when, when);
    const a = makeApp(dist);
    const res = await a.request('/repositories/x', {
      headers: { 'if-modified-since': when.toUTCString() },
    });
    expect(res.status).toBe(304);
    const older = await a.request('/repositories/x', {
      headers: { 'if-modified-since': new Date('2025-01-01T00:00:00Z').toUTCString() },
    });
    expect(older.status).toBe(200);
  });

  it('answers 404 (not the SPA shell) for a missing fingerprinted asset', async () => {
    const res = await app.request('/assets/index-OLDBUILD.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('says the app is not built when dist/ has no index.html', async () => {
    const a = makeApp(mkdtempSync(path.join(tmpdir(), 'vcr-empty-')));
    const res = await a.request('/repositories/x');
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });
});
