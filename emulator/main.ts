// `npm run emulator`: the emulator alone, serving the API at the root path exactly as
// api.vercel.com does (point the SDK's serverURL or the CLI's API URL here), plus the
// /__emulator control routes. Environment: PORT (default 4000; 0 = any free port),
// HOST (default 127.0.0.1), VCR_SEED (seed file; the demo seed when unset), VCR_DATA_DIR
// (pushed blobs; a temp directory removed at exit when unset), VCR_PUSH_PREPARE_MS, ALLOWED_HOSTS
// (names besides localhost/127.0.0.1/[::1] on its port that it answers for; others get 421).
// No token is added here: clients send `Authorization: Bearer <a seed token>`.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { hostAllowListFromEnv, hostGuard } from '../server/host-guard';
import { createEmulator, pushOptionsFromEnv, standaloneFetch } from './emulator';
import { loadSeed } from './state/load-seed';

function main() {
  const { seed, label } = loadSeed(process.env.VCR_SEED || undefined);
  const emulator = createEmulator({ seed, ...pushOptionsFromEnv(process.env) });
  const port = Number(process.env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${process.env.PORT}"`);
  }
  const hostname = process.env.HOST ?? '127.0.0.1';
  const hosts = hostAllowListFromEnv(
    { ALLOWED_HOSTS: process.env.ALLOWED_HOSTS },
    { bindHost: hostname },
  );
  const standalone = standaloneFetch(emulator);
  // The same DNS-rebinding guard as the dashboard. Its API serves SDKs and CLIs, never a
  // page on another site: any cross-site browser request but a top-level navigation is refused.
  const app = new Hono();
  app.use('*', hostGuard(hosts, { crossSiteRefused: [], crossSiteNavigable: ['/'] }));
  app.all('*', (c) => standalone(c.req.raw));
  const fetch = app.fetch;
  const server = serve({ fetch, port, hostname }, (info) => {
    // Scripts and tests read this exact line to find the URL when PORT=0.
    console.log(`VCR emulator listening on http://${hostname}:${info.port}/`);
    const { projectId, teamId } = emulator.defaultScope();
    hosts.setPort(info.port);
    console.log(hosts.describe());
    console.log(
      `Seed: ${label}. Try: curl -H 'Authorization: Bearer ${emulator.firstToken()}' 'http://${hostname}:${info.port}/v1/vcr/repository?projectId=${projectId}&teamId=${teamId}'`,
    );
    console.log(
      `Sign in with Vercel: issuer http://${hostname}:${info.port} (discovery /.well-known/openid-configuration)`,
    );
    const team = emulator.state().teams.get(teamId)!;
    const project = emulator.state().projects.get(projectId)!;
    const repo = [...project.repositories.values()].find((r) => r.tags.size > 0);
    if (repo) {
      // The registry protocol shares this root (see registry/registry.ts).
      console.log(
        `Registry: skopeo inspect --raw --tls-verify=false --creds ${teamId}:${emulator.firstToken()} docker://${hostname}:${info.port}/${team.slug}/${project.name}/${repo.name}:${repo.tags.has('latest') ? 'latest' : repo.tags.keys().next().value}`,
      );
      console.log(
        `Push: skopeo copy --dest-tls-verify=false --dest-creds ${teamId}:${emulator.firstToken()} oci:DIR:TAG docker://${hostname}:${info.port}/${team.slug}/${project.name}/${repo.name}:mine`,
      );
    }
  });
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

try {
  main();
} catch (err) {
  console.error(`vcr-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
