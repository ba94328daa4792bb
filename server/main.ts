// `npm start`: one Node process serving the built app and the API under /api.
// Environment: PORT (0 = any free port), HOST, VCR_SEED (emulator seed file).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { loadEnv } from './env-file';

// React's production build for the server-rendered pages (server/ssr): the development build
// renders several times slower and checks things only a developer needs. Set before the app's
// modules load, since react-dom/server picks its build when it is first imported.
process.env.NODE_ENV ??= 'production';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  // `.env` fills in what the real environment lacks; the real environment always wins.
  const env = loadEnv(process.env, process.cwd());
  const hostname = process.env.HOST ?? '127.0.0.1';
  const { createServerFromEnv } = await import('./create-server');
  const { app, backend, listening, banner, warning } = await createServerFromEnv(env, {
    host: 'node',
    distDir: path.join(root, 'dist'),
    cwd: process.cwd(),
    bindHost: hostname,
  });
  const port = Number(process.env.PORT ?? 5173);
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    listening(info.port);
    // Tests and scripts read this exact line to find the URL when PORT=0.
    console.log(`VCR Dashboard listening on http://${hostname}:${info.port}/`);
    for (const line of banner()) console.log(line);
    if (warning) console.warn(warning);
  });
  const stop = () => {
    server.close();
    void backend.close?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  // A clear one-line reason (a bad seed, a bad setting) rather than a stack trace.
  console.error(`vcr-dashboard: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
