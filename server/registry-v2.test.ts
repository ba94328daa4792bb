// The emulator's registry on the dashboard's own origin (`/v2/`): served in emulator mode
// only; pushes accepted on a loopback bind or with ALLOW_WRITES=1, else DENIED with how to
// enable them; closed (404, registry error shape) in proxy and sign-in modes.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURE_SEED_PATH } from '../emulator/testing';
import { createServerFromEnv } from './create-server';
import type { Env } from './env';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-v2-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const BASIC = `Basic ${Buffer.from('team_e2e:vcr_e2e_token').toString('base64')}`;
const NAME = 'acme/storefront/pushed';
// Larger than the dashboard's 1 MB body limit for /api: layers must stream past it.
const LAYER = Buffer.alloc(1024 * 1024 + 10, 7);
const DIGEST = `sha256:${createHash('sha256').update(LAYER).digest('hex')}`;

async function server(env: Env, bindHost = '127.0.0.1') {
  const cwd = tempDir();
  const s = await createServerFromEnv(
    { VCR_SEED: FIXTURE_SEED_PATH, VCR_DATA_DIR: tempDir(), ...env },
    { host: 'node', distDir: cwd, cwd, bindHost },
  );
  s.listening(5173);
  const request = (p: string, init: RequestInit = {}) =>
    s.app.request(`http://127.0.0.1:5173${p}`, {
      ...init,
      headers: { authorization: BASIC, ...(init.headers as Record<string, string>) },
    });
  const push = () =>
    request(`/v2/${NAME}/blobs/uploads/?digest=${DIGEST}`, {
      method: 'POST',
      body: new Uint8Array(LAYER),
    });
  return { s, request, push };
}

describe('/v2/ on the dashboard origin', () => {
  it('emulator mode on loopback: the challenge names this origin, and a push lands', async () => {
    const { request, push } = await server({});
    const ping = await request('/v2/', { headers: { authorization: '' } });
    expect(ping.status).toBe(401);
    expect(ping.headers.get('www-authenticate')).toBe(
      'Bearer realm="http://127.0.0.1:5173/v2/token",service="127.0.0.1:5173"',
    );
    expect((await push()).status).toBe(201);
    const head = await request(`/v2/${NAME}/blobs/${DIGEST}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(LAYER.length));
  });

  it('beyond loopback, pushes are DENIED with how to enable them; reads still work', async () => {
    const { request, push } = await server({ ALLOWED_HOSTS: '127.0.0.1' }, '0.0.0.0');
    const res = await push();
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0]!.code).toBe('DENIED');
    expect(body.errors[0]!.message).toContain('ALLOW_WRITES=1');
    expect((await request('/v2/acme/storefront/web-app/tags/list')).status).toBe(200);
  });

  it('refuses cross-site browser requests to /v2/ (a page elsewhere can neither push nor read)', async () => {
    const { request } = await server({});
    const write = await request(`/v2/${NAME}/blobs/uploads/`, {
      method: 'POST',
      headers: { origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' },
    });
    expect(write.status).toBe(403);
    // Reads too: /v2/ is never fetched by another site's page.
    const read = await request('/v2/acme/storefront/web-app/tags/list', {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
    });
    expect(read.status).toBe(403);
  });

  it('beyond loopback with ALLOW_WRITES=1, pushes are accepted', async () => {
    const { push } = await server({ ALLOWED_HOSTS: '127.0.0.1', ALLOW_WRITES: '1' }, '0.0.0.0');
    expect((await push()).status).toBe(201);
  });

  it('a Vercel deployment of the demo keeps /v2/ closed (its visitors share one emulator)', async () => {
    const cwd = tempDir();
    const s = await createServerFromEnv(
      { VERCEL_URL: 'vcr-abc123.vercel.app' },
      { host: 'vercel', distDir: cwd, cwd },
    );
    const res = await s.app.request('https://vcr-abc123.vercel.app/v2/', {
      headers: { authorization: BASIC },
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors: { code: string }[] };
    expect(body.errors[0]!.code).toBe('UNSUPPORTED');
  });

  it.each([
    ['proxy', { VCR_SEED: '', VERCEL_TOKEN: 'tok_x', VERCEL_API_URL: 'http://127.0.0.1:9' }],
    [
      'sign-in',
      {
        VERCEL_APP_CLIENT_ID: 'cl_e2edashboard',
        VERCEL_APP_CLIENT_SECRET: 'x'.repeat(20),
        VERCEL_OAUTH_ISSUER: 'embedded',
        SESSION_SECRET: 's'.repeat(48),
      },
    ],
  ])('%s mode keeps /v2/ closed', async (_mode, env) => {
    const { request, push } = await server(env);
    for (const res of [await request('/v2/'), await push()]) {
      expect(res.status).toBe(404);
      const body = (await res.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0]!.code).toBe('UNSUPPORTED');
      expect(body.errors[0]!.message).toContain('only in emulator mode');
    }
  });
});
