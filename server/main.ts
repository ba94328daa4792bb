// `npm start`: one Node process serving the built app and the API under /api.
// Environment: PORT (0 = any free port), HOST, VCR_SEED (emulator seed file).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { createAuthFromEnv, describeAuth } from './auth';
import { isLoopbackHostname } from './auth/auth-config';
import { createBackendFromEnv, describeScope } from './config';
import { createDashboardConfig } from './dashboard-config';
import { loadEnv } from './env-file';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  // `.env` fills in what the real environment lacks; the real environment always wins.
  const env = loadEnv(process.env, process.cwd());
  const port = Number(process.env.PORT ?? 5173);
  const hostname = process.env.HOST ?? '127.0.0.1';
  // Sign-in settings are checked before anything starts; the local origin (for the default
  // redirect URI and the embedded issuer) is known once the server listens (PORT=0).
  let localOrigin = '';
  const auth = createAuthFromEnv({ ...env, HOST: hostname }, () => localOrigin);
  const backend = await createBackendFromEnv(env);
  const config = createDashboardConfig(env, process.cwd(), backend);
  const app = createApp({ backend, distDir: path.join(root, 'dist'), config, auth });
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    const loopback = isLoopbackHostname(hostname) ? hostname : '127.0.0.1';
    localOrigin = `http://${loopback.includes(':') ? `[${loopback}]` : loopback}:${info.port}`;
    // Tests and scripts read this exact line to find the URL when PORT=0.
    console.log(`VCR Dashboard listening on http://${hostname}:${info.port}/`);
    console.log(backend.describe());
    console.log(describeScope(config.defaultScope));
    console.log(describeAuth(auth));
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
