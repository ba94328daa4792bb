// The two entry points, as real processes started by e2e/support/spawn-server.ts: the
// standalone emulator (API at the root, no token added) and the dashboard server in
// emulator mode (API under /api with the seed's first token, control routes at the root).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/support/spawn-server';
import { fixtureSeed } from './test-support';

describe('npm run emulator (emulator/main.ts)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      entry: 'emulator/main.ts',
      seed: 'e2e/fixtures/seed.json',
    });
  });
  afterAll(() => server.stop());

  it('serves the API at the root, like api.vercel.com, and wants a token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const path = `${server.url}v1/vcr/repository/web-app/tags/latest?projectId=prj_e2e`;
    expect((await fetch(path)).status).toBe(401);
    const res = await fetch(path, { headers: { authorization: 'Bearer vcr_e2e_token' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { tag: { tag: string } }).tag.tag).toBe('latest');
  });
  it('has the control routes', async () => {
    const res = await fetch(`${server.url}__emulator/push`, {
      method: 'POST',
      body: JSON.stringify({ repository: 'web-app', tag: 'from-test' }),
    });
    expect(res.status).toBe(200);
  });
});

describe('npm start in emulator mode (server/main.ts)', () => {
  it('answers /api with the seed token and mounts /__emulator; stop() ends it', async () => {
    const server = await startServer({ seed: fixtureSeed() });
    try {
      const res = await fetch(`${server.url}api/v1/vcr/repository?projectId=prj_e2e`);
      expect(res.status).toBe(200);
      const faults = await fetch(`${server.url}__emulator/faults`);
      expect(await faults.json()).toEqual({ faults: [] });
    } finally {
      await server.stop();
    }
    expect(server.process.exitCode !== null || server.process.signalCode !== null).toBe(true);
  });
  it('refuses a bad seed at start with the field path, carried in the error', async () => {
    const seed = fixtureSeed() as { projects: { repositories: { tags: { kind: string }[] }[] }[] };
    seed.projects[0]!.repositories[0]!.tags[2]!.kind = 'tarball';
    await expect(startServer({ seed })).rejects.toThrow(
      'VCR_SEED: projects[0].repositories[0].tags[2].kind: must be one of index, manifest, attestation (got "tarball")',
    );
  });
});
