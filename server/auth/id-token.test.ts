// The ID token is trusted only if its RS256 signature verifies against the issuer's JWKS:
// an issuer whose JWKS holds another key (same kid) must not sign anyone in.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, standaloneFetch } from '../../emulator';
import { E2E_CLIENT, fixtureSeed } from '../../emulator/testing';
import { createProxyBackend } from '../proxy/proxy-backend';
import { Browser, startSignIn, startSignInServer, type SignInServer } from './test-support';

const TAG_PATH = '/repositories/web-app/tags/latest?projectId=prj_e2e&teamId=team_e2e';

let issuerServer: ReturnType<typeof serve>;
let issuer: string;
let dashboard: SignInServer;
let swapKeys = false;
let advertiseIss = false;
let foreignJwks: { keys: object[] };

beforeAll(async () => {
  let handler: (request: Request) => Promise<Response> = async () => new Response(null);
  issuerServer = await new Promise((resolve) => {
    const s = serve({ fetch: (r) => handler(r), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  const emulator = createEmulator({ seed: fixtureSeed() as never, oauthIssuer: issuer });
  const real = standaloneFetch(emulator);
  handler = async (request) => {
    if (swapKeys && new URL(request.url).pathname === '/.well-known/jwks') {
      return Response.json(foreignJwks);
    }
    const res = await real(request);
    if (advertiseIss && new URL(request.url).pathname === '/.well-known/openid-configuration') {
      const metadata = (await res.json()) as Record<string, unknown>;
      return Response.json({ ...metadata, authorization_response_iss_parameter_supported: true });
    }
    return res;
  };
  const realJwks = (await (await fetch(`${issuer}/.well-known/jwks`)).json()) as {
    keys: Array<{ kid: string }>;
  };
  const { publicKey } = await generateKeyPair('RS256', { extractable: true });
  foreignJwks = {
    keys: [
      { ...(await exportJWK(publicKey)), kid: realJwks.keys[0]!.kid, alg: 'RS256', use: 'sig' },
    ],
  };
});

// A fresh dashboard per case: the client caches the JWKS it has seen, as it should.
beforeEach(async () => {
  dashboard = await startSignInServer(createProxyBackend({ upstream: issuer }), {
    VERCEL_APP_CLIENT_ID: E2E_CLIENT.id,
    VERCEL_APP_CLIENT_SECRET: E2E_CLIENT.secret,
    VERCEL_OAUTH_ISSUER: issuer,
  });
});
afterEach(() => dashboard.close());

afterAll(async () => {
  (issuerServer as http.Server).closeAllConnections?.();
  await new Promise((resolve) => issuerServer.close(resolve));
});

describe('ID token signature', () => {
  it('refuses a token whose signature does not verify against the JWKS', async () => {
    swapKeys = true;
    const browser = new Browser();
    const callback = await startSignIn(browser, dashboard.origin, TAG_PATH, 'alice');
    const res = await browser.open(callback.href);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('Sign-in could not be verified');
    expect(browser.jar.has('vcr_session')).toBe(false);
    expect(dashboard.logs.join('\n')).toContain('unverified');
  });

  it('accepts it with the real key (the same setup otherwise)', async () => {
    swapKeys = false;
    const browser = new Browser();
    const callback = await startSignIn(browser, dashboard.origin, TAG_PATH, 'alice');
    const res = await browser.open(callback.href);
    expect(res.status).toBe(303);
    expect(browser.jar.has('vcr_session')).toBe(true);
  });

  it('signs in when the issuer advertises an `iss` response parameter but does not send it (as Vercel may)', async () => {
    swapKeys = false;
    advertiseIss = true;
    try {
      const browser = new Browser();
      const callback = await startSignIn(browser, dashboard.origin, TAG_PATH, 'alice');
      callback.searchParams.delete('iss');
      const res = await browser.open(callback.href);
      expect(res.status).toBe(303);
      expect(browser.jar.has('vcr_session')).toBe(true);
    } finally {
      advertiseIss = false;
    }
  });

  it('refuses an `iss` response parameter naming another issuer', async () => {
    const browser = new Browser();
    const callback = await startSignIn(browser, dashboard.origin, TAG_PATH, 'alice');
    callback.searchParams.set('iss', 'https://evil.example');
    const res = await browser.open(callback.href);
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('Sign-in could not be verified');
    expect(browser.jar.has('vcr_session')).toBe(false);
  });
});
