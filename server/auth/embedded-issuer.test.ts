// The authorization server embedded in the dashboard server (`npm start` in emulator mode):
// mounted under /__emulator/oauth with issuer = origin + that prefix, behind the dashboard's
// security headers. A certified OpenID client library (oauth4webapi) runs the whole flow
// against it, which is the best available evidence that a real client accepts it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { SECURITY_HEADERS } from '../security-headers';
import { createEmulatorBackend } from '../emulator-backend';
import { OAUTH_MOUNT } from '../../emulator';
import {
  E2E_CLIENT,
  FIXTURE_SEED_PATH,
  authorizeUrl,
  formFields,
  pkce,
} from '../../emulator/testing';

let origin: string;
let issuer: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const distDir = mkdtempSync(path.join(tmpdir(), 'vcr-oauth-'));
  writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><div id="root"></div>');
  const backend = createEmulatorBackend({ seedPath: FIXTURE_SEED_PATH });
  const app = createApp({
    backend,
    distDir,
    config: { mode: 'emulator', serverToken: true, defaultScope: null, writes: false },
  });
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      origin = `http://127.0.0.1:${info.port}`;
      issuer = `${origin}${OAUTH_MOUNT}`;
      close = () =>
        new Promise<void>((done) => {
          (server as unknown as { closeAllConnections(): void }).closeAllConnections();
          server.close(() => done());
        });
      resolve();
    });
  });
});
afterAll(() => close());

/** Opens the authorize page and submits it as a browser would (the form's own action). */
async function consent(url: string, username = 'alice', decision = 'allow') {
  const page = await fetch(url);
  const html = await page.text();
  expect(page.status).toBe(200);
  const action = /<form method="post" action="([^"]+)">/.exec(html)![1]!;
  const form = formFields(html);
  form.set('username', username);
  form.set('decision', decision);
  return fetch(new URL(action, origin), { method: 'POST', body: form, redirect: 'manual' });
}

describe('embedded in the dashboard server', () => {
  it('publishes discovery at issuer + /.well-known/openid-configuration', async () => {
    const res = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/login/oauth/token`,
      jwks_uri: `${issuer}/.well-known/jwks`,
    });
  });

  it('serves the authorize page under the dashboard CSP, with its form and stylesheet on the mount', async () => {
    const res = await fetch(authorizeUrl(issuer, { challenge: pkce().challenge }));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers.get(name), name).toBe(value);
    }
    const html = await res.text();
    expect(html).toContain(`<form method="post" action="${OAUTH_MOUNT}/oauth/authorize">`);
    expect(html).toContain(`<link rel="stylesheet" href="${OAUTH_MOUNT}/oauth/emulator.css">`);
    const css = await fetch(`${issuer}/oauth/emulator.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('redirects to a same-origin callback with 303, and to another origin through a page', async () => {
    const same = `${origin}/auth/callback`;
    const direct = await consent(
      authorizeUrl(issuer, { redirectUri: same, challenge: pkce().challenge, state: 'a' }),
    );
    expect(direct.status).toBe(303);
    // The AS's own session cookie stays on its mount: the dashboard's routes never see it.
    expect(direct.headers.get('set-cookie')).toMatch(
      new RegExp(`^vercel_emulator_session=\\w+; Path=${OAUTH_MOUNT}; HttpOnly; SameSite=Lax$`),
    );
    const location = new URL(direct.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(same);
    expect(location.searchParams.get('state')).toBe('a');
    expect(location.searchParams.get('iss')).toBe(issuer);

    // localhost ≠ 127.0.0.1: CSP form-action 'self' would block a cross-origin redirect.
    const other = `http://localhost:${new URL(origin).port}/auth/callback`;
    const viaPage = await consent(
      authorizeUrl(issuer, { redirectUri: other, challenge: pkce().challenge, state: 'b' }),
      'alice',
      'deny',
    );
    expect(viaPage.status).toBe(200);
    const html = await viaPage.text();
    const target = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(html)![1]!;
    const url = new URL(target.replace(/&amp;/g, '&'));
    expect(url.origin + url.pathname).toBe(other);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('b');
    expect(html).toContain(`<a href="${target}">`);
  });

  it('serves a certified client (oauth4webapi) end to end: code, refresh, userinfo, introspect, revoke', async () => {
    const insecure = { [oauth.allowInsecureRequests]: true };
    const as = await oauth.processDiscoveryResponse(
      new URL(issuer),
      await oauth.discoveryRequest(new URL(issuer), { algorithm: 'oidc', ...insecure }),
    );
    const client: oauth.Client = { client_id: E2E_CLIENT.id };
    const auth = oauth.ClientSecretBasic(E2E_CLIENT.secret);
    const redirectUri = `${origin}/auth/callback`;
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const authorizationUrl = new URL(as.authorization_endpoint!);
    authorizationUrl.search = new URLSearchParams({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid email profile offline_access',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    }).toString();

    const redirect = await consent(authorizationUrl.href, 'carol');
    const callback = new URL(redirect.headers.get('location')!);
    const params = oauth.validateAuthResponse(as, client, callback, state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      client,
      await oauth.authorizationCodeGrantRequest(
        as,
        client,
        auth,
        params,
        redirectUri,
        verifier,
        insecure,
      ),
      { expectedNonce: nonce, requireIdToken: true },
    );
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    expect(claims).toMatchObject({ iss: issuer, aud: E2E_CLIENT.id, sub: 'user_carol01', nonce });
    // oauth4webapi trusts TLS for the token response; check the signature against the JWKS.
    await jwtVerify(tokens.id_token!, createRemoteJWKSet(new URL(as.jwks_uri!)), {
      issuer,
      audience: E2E_CLIENT.id,
    });

    const info = await oauth.processUserInfoResponse(
      as,
      client,
      claims.sub,
      await oauth.userInfoRequest(as, client, tokens.access_token, insecure),
    );
    expect(info).toMatchObject({ sub: 'user_carol01', email: 'carol@acme.dev' });

    // The dashboard's /api answers with the user's own token.
    const api = await fetch(`${origin}/api/v1/vcr/repository?projectId=prj_e2e`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(api.status).toBe(200);
    const other = await fetch(`${origin}/api/v1/vcr/repository?projectId=prj_other`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(other.status).toBe(403);

    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      client,
      await oauth.refreshTokenGrantRequest(as, client, auth, tokens.refresh_token!, insecure),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(oauth.getValidatedIdTokenClaims(refreshed)?.sub).toBe('user_carol01');

    const introspection = await oauth.processIntrospectionResponse(
      as,
      client,
      await oauth.introspectionRequest(as, client, auth, refreshed.access_token, insecure),
    );
    expect(introspection).toMatchObject({ active: true, sub: 'user_carol01' });

    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, auth, refreshed.access_token, insecure),
    );
    const afterRevoke = await oauth.refreshTokenGrantRequest(
      as,
      client,
      auth,
      refreshed.refresh_token!,
      insecure,
    );
    await expect(oauth.processRefreshTokenResponse(as, client, afterRevoke)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('lets a certified client read Deny as access_denied', async () => {
    const as = await oauth.processDiscoveryResponse(
      new URL(issuer),
      await oauth.discoveryRequest(new URL(issuer), { [oauth.allowInsecureRequests]: true }),
    );
    const redirect = await consent(
      authorizeUrl(issuer, {
        redirectUri: `${origin}/auth/callback`,
        challenge: pkce().challenge,
        state: 'st',
      }),
      'alice',
      'deny',
    );
    expect(() =>
      oauth.validateAuthResponse(
        as,
        { client_id: E2E_CLIENT.id },
        new URL(redirect.headers.get('location')!),
        'st',
      ),
    ).toThrow(expect.objectContaining({ error: 'access_denied' }));
  });

  it('expires access tokens through the control route', async () => {
    const res = await fetch(`${origin}${OAUTH_MOUNT}/expire`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ expired: expect.any(Number) });
  });
});
