// The built app (dist/) over HTTP: the brotli/gzip siblings the build writes (vite.config.ts)
// are chosen by content negotiation, every file has a deliberate cache policy, and the
// revalidated ones answer conditional requests with 304.
//
// Not @hono/node-server's serveStatic({ precompressed }): it ignores q-values (`br;q=1` is not
// recognised as br), sends `Vary: Accept-Encoding` only when it picked a sibling (a shared
// cache could then hand the uncompressed copy to everyone), sends no ETag, answers no
// conditional request, and would serve index.html uncompressed through the SPA fallback.
import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import type { Context, Handler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { negotiateEncoding, type Chosen, type Coding } from './accept-encoding';

/** Vite fingerprints everything under assets/, so a name never changes meaning. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html, theme-init.js, favicons: keep a copy but ask before each use (ETag/304). */
export const REVALIDATE = 'no-cache';

const SIBLING: Record<Coding, string> = { br: '.br', gzip: '.gz' };
const PREFERENCE: readonly Coding[] = ['br', 'gzip'];
// Plain names only: no dot-files, no `..`, no percent-escapes, no empty segments. Anything
// else is a client-side route (or nothing) and never reaches the file system.
const FILE_PATH = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function cachePolicy(relativePath: string): string {
  return relativePath.startsWith('assets/') ? IMMUTABLE : REVALIDATE;
}

async function fileStats(file: string): Promise<Stats | undefined> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : undefined;
  } catch {
    return undefined;
  }
}

function entityTag(s: Stats, coding: Chosen): string {
  const base = `${s.size.toString(36)}-${Math.floor(s.mtimeMs).toString(36)}`;
  // Each encoding is its own representation, so it needs its own strong validator.
  return `"${coding === 'identity' ? base : `${base}-${coding}`}"`;
}

function notModified(c: Context, etag: string, mtime: Date): boolean {
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() === '*') return true;
    // Weak comparison, as RFC 9110 §13.1.2 asks for If-None-Match.
    const tags = ifNoneMatch.match(/(?:W\/)?"[^"]*"/g) ?? [];
    return tags.some((t) => t.replace(/^W\//, '') === etag);
  }
  const since = Date.parse(c.req.header('if-modified-since') ?? '');
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

/** Sends one file of dist/ (relative path), negotiated, with its cache policy. */
async function sendFile(c: Context, distDir: string, relativePath: string, original: Stats) {
  const file = path.join(distDir, relativePath);
  const siblings: Coding[] = [];
  const siblingStats = new Map<Coding, Stats>();
  for (const coding of PREFERENCE) {
    const s = await fileStats(file + SIBLING[coding]);
    if (s) {
      siblings.push(coding);
      siblingStats.set(coding, s);
    }
  }
  const coding = negotiateEncoding(c.req.header('accept-encoding'), siblings);
  const chosen = coding === 'identity' ? original : siblingStats.get(coding)!;
  const headers = new Headers({
    'content-type': getMimeType(relativePath) ?? 'application/octet-stream',
    'cache-control': cachePolicy(relativePath),
    etag: entityTag(chosen, coding),
    'last-modified': original.mtime.toUTCString(),
  });
  if (siblings.length) headers.set('vary', 'Accept-Encoding');
  if (notModified(c, headers.get('etag')!, original.mtime)) {
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  if (coding !== 'identity') headers.set('content-encoding', coding);
  headers.set('content-length', String(chosen.size));
  const body = await readFile(coding === 'identity' ? file : file + SIBLING[coding]);
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/**
 * GET handler for everything that is not the API: a file of dist/ if there is one, a 404 for
 * a missing fingerprinted asset (an old tab asking for a chunk of a previous build must not
 * get HTML back), and index.html for every other path (client-side routes).
 */
export function serveDist(distDir: string): Handler {
  return async (c) => {
    const pathname = c.req.path === '/' ? '/index.html' : c.req.path;
    const isFileName = FILE_PATH.test(pathname) && !/\.(?:br|gz)$/.test(pathname);
    if (isFileName) {
      const relativePath = pathname.slice(1);
      const s = await fileStats(path.join(distDir, relativePath));
      if (s) return sendFile(c, distDir, relativePath, s);
    }
    if (pathname.startsWith('/assets/')) {
      c.header('cache-control', 'no-store');
      return c.text('Not found', 404);
    }
    const index = await fileStats(path.join(distDir, 'index.html'));
    if (!index) {
      return c.text('The app is not built. Run `npm run build` (npm start does it for you).', 503);
    }
    return sendFile(c, distDir, 'index.html', index);
  };
}
