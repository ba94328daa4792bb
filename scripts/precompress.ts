// The build's compression step (used by vite.config.ts): brotli (quality 11) and gzip
// (level 9) siblings, `x.js.br` and `x.js.gz`, of every text file Vite writes to dist/,
// the copies of public/ included. The server sends them by content negotiation
// (server/static/dist-files.ts). A sibling that would not be smaller than its original is
// skipped by the plugin; the server then sends the original.
import type { Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

export const PRECOMPRESSED_FILES = /\.(?:html|css|js|mjs|json|svg|txt|xml|webmanifest)$/;

export function precompress(): Plugin {
  return compression({
    include: PRECOMPRESSED_FILES,
    algorithms: ['brotliCompress', 'gzip'],
    logLevel: 'silent',
  });
}
