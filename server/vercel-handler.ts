// The Vercel Function's code: the same Hono app as `npm start` (server/create-server.ts),
// answering the routes vercel.ts rewrites to the function (/api/*, /auth/*, /_dashboard/*)
// with their original paths. The Node.js runtime calls the default export with Node's
// (req, res), as the Build Output API documents for `launcherType: "Nodejs"`;
// @hono/node-server turns those into the Request the app expects and writes its Response.
//
// The Vercel build command bundles this file into one ES module (scripts/bundle-function.ts) that
// api/dashboard.js re-exports: Node's ES module loader cannot follow the server's
// extensionless imports one compiled file at a time, which is how Vercel would ship them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Env } from './config';
import { createServerFromEnv } from './create-server';
import { shellFromDist, shellFromString } from './ssr/shell';

// The built index.html, put into the bundle by scripts/bundle-function.ts: the CDN holds
// dist/, the function does not, yet it frames the server-rendered deep link.
declare const __VCR_SHELL_HTML__: string | undefined;
const shell =
  typeof __VCR_SHELL_HTML__ === 'string'
    ? shellFromString(__VCR_SHELL_HTML__)
    : shellFromDist('dist');

type Listener = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export type VercelHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Builds the app once, on the first request of a function instance; later requests reuse
 * it, so the demo emulator's state lives exactly as long as the instance.
 */
export function createVercelHandler(env: Env): VercelHandler {
  let ready: Promise<Listener> | undefined;
  const listener = () =>
    (ready ??= createServerFromEnv(env, {
      host: 'vercel',
      // The CDN serves the built app; the function never reads it.
      distDir: 'dist',
      cwd: process.cwd(),
      shell,
    }).then(
      (server) => {
        for (const line of server.banner()) console.log(line);
        return getRequestListener(server.app.fetch);
      },
      (err: unknown) => misconfigured(err instanceof Error ? err.message : String(err)),
    ));
  return async (req, res) => {
    await (
      await listener()
    )(req, res);
  };
}

// A bad setting answers every request with its one-line reason (it names variables, never
// their values), rather than a bare 500 from a function that failed to load.
function misconfigured(reason: string): Listener {
  console.error(`vcr-dashboard: ${reason}`);
  const body = JSON.stringify({
    error: {
      code: 'deployment_misconfigured',
      message: `This deployment is misconfigured: ${reason}`,
    },
  });
  return (_req, res) => {
    res.writeHead(500, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}

export default createVercelHandler(process.env);
