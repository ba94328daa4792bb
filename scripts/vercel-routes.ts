// Where a request lands in a Build Output API v3 deployment: `config.json` `routes`
// evaluated as the Build Output API documents them, against the files of `.vercel/output`.
// Used by the artifact test to check the routing Vercel will do, without Vercel.
//
// - Routes run in order. A matching route adds its `headers`; with `dest` it rewrites the
//   path (`$1`… are the `src` groups); with `status` and no `dest` it answers there (a
//   redirect). `continue: true` goes on to the next route; otherwise the first match ends
//   the phase.
// - `{ handle: 'filesystem' }` serves the path if it names a static file or a function.
// - Routes after it are rewrites tried on a miss; `check: true` serves the rewritten path
//   only if it exists, else goes on.
// - Routes after `{ handle: 'error' | 'miss' | 'hit' | … }` belong to other phases: the
//   request is a 404 by then.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export interface BuildOutputRoute {
  src?: string;
  dest?: string;
  headers?: Record<string, string>;
  status?: number;
  continue?: boolean;
  check?: boolean;
  handle?: string;
}

export interface RouteOutcome {
  /** `static`: a file of static/; `function`: a .func; `status`: answered by the route. */
  kind: 'static' | 'function' | 'status' | 'not-found';
  /** The path it was served from (after rewrites). */
  path: string;
  status: number;
  headers: Record<string, string>;
}

export function resolveRoute(
  outputDir: string,
  routes: readonly BuildOutputRoute[],
  pathname: string,
): RouteOutcome {
  const headers: Record<string, string> = {};
  let current = pathname;
  let phase: 'before' | 'rewrites' = 'before';

  for (const route of routes) {
    if (route.handle) {
      if (route.handle !== 'filesystem') break;
      const hit = lookup(outputDir, current);
      if (hit) return { kind: hit, path: current, status: 200, headers };
      phase = 'rewrites';
      continue;
    }
    if (!route.src) continue;
    const match = new RegExp(route.src).exec(current);
    if (!match) continue;
    const fill = (s: string) => s.replace(/\$(\d+)/g, (_, n: string) => match[Number(n)] ?? '');
    for (const [name, value] of Object.entries(route.headers ?? {})) {
      headers[name.toLowerCase()] = fill(value);
    }
    if (route.status !== undefined && route.dest === undefined) {
      return { kind: 'status', path: current, status: route.status, headers };
    }
    if (route.dest !== undefined) {
      const next = fill(route.dest).split('?')[0]!;
      if (phase === 'rewrites' && route.check) {
        const hit = lookup(outputDir, next);
        if (hit) return { kind: hit, path: next, status: 200, headers };
        continue;
      }
      current = next;
    }
    if (!route.continue) {
      const hit = lookup(outputDir, current);
      if (hit) return { kind: hit, path: current, status: 200, headers };
    }
  }
  return { kind: 'not-found', path: current, status: 404, headers };
}

function lookup(outputDir: string, pathname: string): 'static' | 'function' | null {
  const rel = pathname === '/' ? '/index.html' : pathname;
  const file = path.join(outputDir, 'static', rel);
  if (existsSync(file) && statSync(file).isFile()) return 'static';
  if (existsSync(path.join(outputDir, 'functions', `${rel}.func`))) return 'function';
  return null;
}
