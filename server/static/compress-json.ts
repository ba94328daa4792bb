// Compresses the JSON answers of /api and /_dashboard (a page of 100 tags is ~37 kB raw):
// brotli where the client accepts it, else gzip. Hono's compress() cannot do brotli on Node
// 20 (it uses CompressionStream, which has gzip/deflate only) and compresses bodies of
// unknown length whatever their size, so this uses node:zlib on the buffered body instead;
// API answers are small and already fully in memory when they get here.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { negotiateEncoding, varyOnAcceptEncoding } from './accept-encoding';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Below this a compressed body saves less than the cost of compressing it. */
export const JSON_COMPRESSION_THRESHOLD = 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export function compressJson(threshold = JSON_COMPRESSION_THRESHOLD): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      res.headers.has('content-encoding') ||
      !JSON_TYPE.test(res.headers.get('content-type') ?? '') ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('cache-control') ?? '')
    )
      return;
    const raw = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    // Whatever this answer's size, the next one for the same URL may be compressed.
    varyOnAcceptEncoding(headers);
    const coding =
      raw.byteLength < threshold
        ? 'identity'
        : negotiateEncoding(c.req.header('accept-encoding'), ['br', 'gzip']);
    let body: Uint8Array = raw;
    if (coding === 'br') {
      body = await brotli(raw, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          // 5: most of brotli's gain over gzip at gzip's speed; 11 is for build time.
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength,
        },
      });
    } else if (coding === 'gzip') {
      body = await gz(raw, { level: 6 });
    }
    if (coding !== 'identity') {
      headers.set('content-encoding', coding);
      const etag = headers.get('etag');
      if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
    }
    headers.set('content-length', String(body.byteLength));
    // Reset first: assigning over a finalized response would copy the old headers
    // (content-length included) onto the new one.
    c.res = undefined;
    c.res = new Response(new Uint8Array(body), {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  };
}
