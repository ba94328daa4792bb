// `npm start`: one Node process serving the built app and the API under /api.
// Environment: PORT (0 = any free port), HOST, VCR_SEED (emulator seed file).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { createBackendFromEnv, describeScope } from './config';
import { createDashboardConfig } from './dashboard-config';
import { loadEnv } from './env-file';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  // `.env` fills in what the real environment lacks; the real environment always wins.
  const env = loadEnv(process.env, process.cwd());
  const backend = await createBackendFromEnv(env);
  const config = createDashboardConfig(env, process.cwd(), backend);
  const app = createApp({ backend, distDir: path.join(root, 'dist'), config });
  const port = Number(process.env.PORT ?? 5173);
  const hostname = process.env.HOST ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    // Tests and scripts read this exact line to find the URL when PORT=0.
    console.log(`VCR Dashboard listening on http://${hostname}:${info.port}/`);
    console.log(backend.describe());
    console.log(describeScope(config.defaultScope));
    console.log(
      config.writes
        ? 'Writes: ON (ALLOW_WRITES=1): delete image/repository, visibility and sharing are allowed'
        : 'Writes: off (read-only; ALLOW_WRITES=1 enables them)',
    );
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
