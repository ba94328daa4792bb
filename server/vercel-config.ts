// The project configuration `vercel build` and `vercel deploy` read (through vercel.ts):
// the built SPA from the CDN, the dynamic routes from the one function, and the server's
// security headers on every response, static files included. The headers come from
// server/security-headers.ts itself, so the CDN and the Node server cannot drift apart.
import { SECURITY_HEADERS } from './security-headers';
import { PROJECT_SETTINGS } from './vercel-link';

/** The function's entry; Vercel serves it at /api/dashboard. */
export const FUNCTION_ENTRY = 'api/dashboard.js';
export const FUNCTION_PATH = '/api/dashboard';
/** Where the build writes the bundled function code that the entry re-exports. */
export const FUNCTION_BUNDLE = 'api/_bundle/handler.mjs';

/** Path prefixes the function answers (everything else is the CDN's). */
export const FUNCTION_PREFIXES = ['/api', '/auth', '/_dashboard'] as const;

/** The tag deep link, which the function renders with the reader's data (server/ssr). */
export const SERVER_RENDERED_SOURCE = '/repositories/([^/]+)/tags/([^/]+)';

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

interface Header {
  key: string;
  value: string;
}

export function vercelConfig() {
  const securityHeaders: Header[] = Object.entries(SECURITY_HEADERS).map(([key, value]) => ({
    key,
    value,
  }));
  return {
    framework: PROJECT_SETTINGS.framework,
    buildCommand: PROJECT_SETTINGS.buildCommand,
    outputDirectory: PROJECT_SETTINGS.outputDirectory,
    functions: {
      // The CDN serves dist/; the function bundle must not carry a copy.
      [FUNCTION_ENTRY]: { maxDuration: 30, excludeFiles: 'dist/**' },
    },
    rewrites: [
      // The dashboard's own /api shares its prefix with Vercel's api/ folder: every path
      // under it goes to the one function, which sees the original path. The group is
      // unnamed on purpose: a named one (`:path*`) is appended to the query the function
      // sees, and would be forwarded to the Vercel API.
      ...FUNCTION_PREFIXES.map((prefix) => ({
        source: `${prefix}/(.*)`,
        destination: FUNCTION_PATH,
      })),
      // A shared tag link arrives rendered, as from `npm start`: the function renders it (and
      // sends the shell itself when it does not). Its answer is private (Cache-Control), so
      // the CDN never keeps one reader's page for another.
      { source: SERVER_RENDERED_SOURCE, destination: FUNCTION_PATH },
      // SPA fallback: any other path is a client-side route. A missing /assets/ file stays a
      // 404 instead of an HTML page cached forever under an asset's name.
      { source: '/((?!assets/).*)', destination: '/index.html' },
    ],
    headers: [
      { source: '/(.*)', headers: securityHeaders },
      // Vite fingerprints asset names, so they can be cached forever (as the Node server does).
      {
        source: '/assets/(.*)',
        headers: [{ key: 'cache-control', value: IMMUTABLE_CACHE }],
      },
    ],
  };
}
