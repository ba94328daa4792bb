import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServerFromEnv } from './create-server';

const dirs: string[] = [];
const emptyDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-create-server-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('createServerFromEnv on the node host', () => {
  it('serves the embedded emulator with no configuration, and describes itself', async () => {
    const cwd = emptyDir();
    const server = await createServerFromEnv({}, { host: 'node', distDir: cwd, cwd });
    expect(server.backend.mode).toBe('emulator');
    expect(server.banner()).toEqual([
      server.backend.describe(),
      expect.stringMatching(/^Default scope: prj_\w+ \/ team_\w+ \(from the emulator seed\)$/),
      'Sign in with Vercel: off',
      expect.stringMatching(/^Allowed hosts: localhost, 127\.0\.0\.1, \[::1\]/),
      'Writes: off (read-only; ALLOW_WRITES=1 enables them)',
      expect.stringMatching(
        /^Registry: .*\/v2\/ takes pushes \(loopback only\), e\.g\. skopeo copy /,
      ),
    ]);
    const res = await server.app.request('/_dashboard/config');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mode: 'emulator', serverToken: true });
    const tags = await server.app.request(
      `/api/v1/vcr/repository/web/tags/latest?projectId=${server.config.defaultScope!.projectId}`,
    );
    expect(tags.status).toBe(200);
    await server.backend.close?.();
  });

  it('proxies when VERCEL_TOKEN is set and takes the scope from the environment', async () => {
    const cwd = emptyDir();
    const server = await createServerFromEnv(
      {
        VERCEL_TOKEN: 'tok_x',
        VERCEL_API_URL: 'http://127.0.0.1:9',
        VERCEL_PROJECT_ID: 'prj_env',
        VERCEL_ORG_ID: 'team_env',
      },
      { host: 'node', distDir: cwd, cwd },
    );
    expect(server.config).toMatchObject({
      mode: 'proxy',
      serverToken: true,
      defaultScope: { projectId: 'prj_env', teamId: 'team_env', source: 'env' },
    });
    expect(server.banner()[1]).toBe('Default scope: prj_env / team_env (from VERCEL_PROJECT_ID)');
    await server.backend.close?.();
  });
});
