// `npm run emulator` as a real process: the authorization server at the root, issuer = the
// origin the client used, and a token it issues working on the REST API beside it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../e2e/support/spawn-server';
import { signIn } from './test-flow';

let server: RunningServer;
let issuer: string;
beforeAll(async () => {
  server = await startServer({ entry: 'emulator/main.ts', seed: 'e2e/fixtures/seed.json' });
  issuer = server.url.replace(/\/$/, '');
});
afterAll(() => server.stop());

describe('npm run emulator as an authorization server', () => {
  it('serves discovery at the root with the origin as issuer, and the embedded mount too', async () => {
    const root = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(root.issuer).toBe(issuer);
    const mounted = await fetch(`${issuer}/__emulator/oauth/.well-known/openid-configuration`);
    expect((await mounted.json()).issuer).toBe(`${issuer}/__emulator/oauth`);
  });
  it('signs a seed user in, and the access token reads the REST API', async () => {
    const tokens = await signIn(issuer, { username: 'alice' });
    const res = await fetch(`${issuer}/v1/vcr/repository?projectId=prj_e2e`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(res.status).toBe(200);
  });
});
