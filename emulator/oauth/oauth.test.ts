// The authorization server over real HTTP, on the standalone emulator (root mount, issuer =
// origin): discovery, the authorize page, the token endpoint's grants and errors, userinfo,
// revoke, introspect, and `vca_` tokens on the REST API.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../emulator';
import { validateSeed } from '../state/seed-schema';
import { fixtureSeed, listen } from '../test-support';
import {
  E2E_CLIENT,
  authorizeUrl,
  basic,
  pkce,
  signIn,
  submitConsent,
  tokenRequest,
} from './test-flow';

let offsetMs = 0;
let emulator: Emulator;
let server: { url: string; close: () => Promise<void> };
let issuer: string;

beforeAll(async () => {
  emulator = createEmulator({
    seed: validateSeed(fixtureSeed()),
    clock: () => Date.now() + offsetMs,
  });
  server = await listen(emulator);
  issuer = server.url;
});
afterAll(() => server.close());
beforeEach(() => {
  offsetMs = 0;
  emulator.reset();
});

async function userinfo(token: string | null, method = 'GET') {
  const res = await fetch(`${issuer}/login/oauth/userinfo`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function rest(path: string, token: string) {
  const res = await fetch(`${issuer}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

async function backChannel(path: string, body: Record<string, string>) {
  const res = await fetch(`${issuer}/login/oauth/token/${path}`, {
    method: 'POST',
    headers: { authorization: basic(E2E_CLIENT.id, E2E_CLIENT.secret) },
    body: new URLSearchParams(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('discovery and keys', () => {
  it('publishes OIDC metadata whose issuer is the origin the client used', async () => {
    for (const doc of ['openid-configuration', 'oauth-authorization-server']) {
      const res = await fetch(`${issuer}/.well-known/${doc}`);
      expect(res.status).toBe(200);
      const meta = await res.json();
      expect(meta).toMatchObject({
        issuer,
        authorization_endpoint: `${issuer}/oauth/authorize`,
        token_endpoint: `${issuer}/login/oauth/token`,
        userinfo_endpoint: `${issuer}/login/oauth/userinfo`,
        revocation_endpoint: `${issuer}/login/oauth/token/revoke`,
        introspection_endpoint: `${issuer}/login/oauth/token/introspect`,
        jwks_uri: `${issuer}/.well-known/jwks`,
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
  });
  it('serves one RS256 public key with a kid, the same after reset', async () => {
    const { keys } = await (await fetch(`${issuer}/.well-known/jwks`)).json();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0].kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(keys[0].d).toBeUndefined();
    emulator.reset();
    expect((await (await fetch(`${issuer}/.well-known/jwks`)).json()).keys).toEqual(keys);
  });
  it('leaves REST paths to the API', async () => {
    expect((await fetch(`${issuer}/v2/user`)).status).toBe(401);
  });
});

describe('authorization code with PKCE', () => {
  it('issues vca_/vcr_ tokens and an ID token that verifies against the JWKS', async () => {
    const tokens = await signIn(issuer, { username: 'alice' });
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(tokens.scope).toBe('openid email profile offline_access');
    expect(tokens.access_token).toMatch(/^vca_[A-Za-z0-9]{48}$/);
    expect(tokens.refresh_token).toMatch(/^vcr_[A-Za-z0-9]{48}$/);
    const jwks = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, jwks, {
      issuer,
      audience: E2E_CLIENT.id,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: issuer,
      aud: E2E_CLIENT.id,
      sub: 'user_alice01',
      nonce: tokens.nonce,
      email: 'alice@acme.dev',
      name: 'Alice Martin',
      preferred_username: 'alice',
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.nbf).toBe(payload.iat);
    expect(payload.jti).toEqual(expect.any(String));
  });

  it('gives claims by scope: openid alone has no email, name or refresh token', async () => {
    const tokens = await signIn(issuer, { scope: 'openid' });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.scope).toBe('openid');
    const payload = JSON.parse(
      Buffer.from(tokens.id_token!.split('.')[1]!, 'base64url').toString(),
    );
    expect(payload.email).toBeUndefined();
    expect(payload.name).toBeUndefined();
    expect((await userinfo(tokens.access_token)).body).toEqual({ sub: 'user_alice01' });
  });

  it('drops unknown scopes and refuses a request without openid', async () => {
    const tokens = await signIn(issuer, { scope: 'openid email read:project' });
    expect(tokens.scope).toBe('openid email');
    const { response } = await fetch(
      authorizeUrl(issuer, { scope: 'email', state: 'st', challenge: pkce().challenge }),
      { redirect: 'manual' },
    ).then((response) => ({ response }));
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('st');
  });

  async function codeFor(opts: Parameters<typeof submitConsent>[1] = {}) {
    const { verifier, challenge } = pkce();
    const { location } = await submitConsent(issuer, { ...opts, challenge, state: 'abc' });
    return { code: location!.searchParams.get('code')!, verifier, location: location! };
  }
  const exchange = (code: string, verifier: string, redirectUri = E2E_CLIENT.redirectUri) =>
    tokenRequest(issuer, {
      grant_type: 'authorization_code',
      client_id: E2E_CLIENT.id,
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    });

  it('redirects with the code, the original state and iss (RFC 9207, as advertised)', async () => {
    const { location } = await codeFor();
    expect(location.origin + location.pathname).toBe(E2E_CLIENT.redirectUri);
    expect(location.searchParams.get('state')).toBe('abc');
    expect(location.searchParams.get('iss')).toBe(issuer);
    const meta = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
    expect(meta.authorization_response_iss_parameter_supported).toBe(true);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it('refuses a wrong code_verifier with invalid_grant, and the code is then used up', async () => {
    const { code, verifier } = await codeFor();
    const wrong = await exchange(code, pkce().verifier);
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'invalid_grant' });
    expect(wrong.body.error_description).toMatch(/PKCE/);
    expect((await exchange(code, verifier)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a reused code and revokes the tokens the first exchange made', async () => {
    const { code, verifier } = await codeFor();
    const first = await exchange(code, verifier);
    expect(first.status).toBe(200);
    const again = await exchange(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
    expect((await userinfo(first.body.access_token as string)).status).toBe(401);
  });

  it('refuses a redirect_uri other than the authorization request’s', async () => {
    const { code, verifier } = await codeFor();
    const res = await exchange(code, verifier, 'http://127.0.0.1:5200/auth/callback');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an expired code (60 s)', async () => {
    const { code, verifier } = await codeFor();
    offsetMs = 61_000;
    const res = await exchange(code, verifier);
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
    expect(res.body.error_description).toMatch(/expired/);
  });

  it('refuses a code issued to another client', async () => {
    const { code, verifier } = await codeFor();
    const res = await tokenRequest(
      issuer,
      {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: E2E_CLIENT.redirectUri,
      },
      { id: 'cl_e2eshortlived', secret: 'e2e_short_secret_0123456789' },
    );
    expect(res.body).toMatchObject({ error: 'invalid_grant' });
  });
});

describe('token endpoint errors', () => {
  it.each([
    ['a wrong secret (Basic)', { id: E2E_CLIENT.id, secret: 'nope-nope-nope' }],
    ['an unknown client (Basic)', { id: 'cl_unknown', secret: E2E_CLIENT.secret }],
  ])('answers invalid_client 401 for %s, with a Basic challenge', async (_, auth) => {
    const res = await tokenRequest(
      issuer,
      { grant_type: 'refresh_token', refresh_token: 'x' },
      auth,
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });
  it('accepts client_secret_post and refuses a wrong one with invalid_client', async () => {
    const ok = await tokenRequest(
      issuer,
      {
        grant_type: 'refresh_token',
        refresh_token: 'vcr_unknown',
        client_id: E2E_CLIENT.id,
        client_secret: E2E_CLIENT.secret,
      },
      null,
    );
    expect(ok.body).toMatchObject({ error: 'invalid_grant' });
    const bad = await tokenRequest(
      issuer,
      { grant_type: 'refresh_token', client_id: E2E_CLIENT.id, client_secret: 'wrong-secret' },
      null,
    );
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: 'invalid_client' });
  });
  it('wants client authentication (no `none`)', async () => {
    const res = await tokenRequest(
      issuer,
      { grant_type: 'refresh_token', client_id: E2E_CLIENT.id, refresh_token: 'x' },
      null,
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: 'invalid_client' });
  });
  it('answers unsupported_grant_type, invalid_request for missing fields, JSON bodies and GET', async () => {
    const grant = await tokenRequest(issuer, { grant_type: 'client_credentials' });
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type' });
    const missing = await tokenRequest(issuer, { grant_type: 'authorization_code' });
    expect(missing.body).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'code'. Required",
    });
    const json = await fetch(`${issuer}/login/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect((await json.json()).error).toBe('invalid_request');
    const get = await fetch(`${issuer}/login/oauth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
  it('refuses two client authentication methods at once, and repeated parameters', async () => {
    const both = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_secret: E2E_CLIENT.secret,
    });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ error: 'invalid_request' });
    const res = await fetch(`${issuer}/login/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: basic(E2E_CLIENT.id, E2E_CLIENT.secret),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=refresh_token&refresh_token=a&refresh_token=b',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'refresh_token' is included more than once.",
    });
  });
  it('marks token responses no-store', async () => {
    const res = await tokenRequest(issuer, { grant_type: 'client_credentials' });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('refresh tokens', () => {
  const refresh = (token: string) =>
    tokenRequest(issuer, {
      grant_type: 'refresh_token',
      client_id: E2E_CLIENT.id,
      refresh_token: token,
    });

  it('rotates: a new pair each time, and the old refresh token is refused', async () => {
    const first = await signIn(issuer);
    const second = await refresh(first.refresh_token!);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(second.body.refresh_token).toMatch(/^vcr_/);
    expect(second.body.refresh_token).not.toBe(first.refresh_token);
    expect(second.body.access_token).not.toBe(first.access_token);
    expect((await userinfo(second.body.access_token as string)).status).toBe(200);
    // A refreshed ID token has no nonce: that belongs to the authentication request.
    const payload = JSON.parse(
      Buffer.from((second.body.id_token as string).split('.')[1]!, 'base64url').toString(),
    );
    expect(payload).toMatchObject({ sub: 'user_alice01', aud: E2E_CLIENT.id });
    expect(payload.nonce).toBeUndefined();

    const reused = await refresh(first.refresh_token!);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });
    // Reuse ends the grant: the rotated token is dead too.
    expect((await refresh(second.body.refresh_token as string)).body).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses an expired refresh token (30 days)', async () => {
    const { refresh_token } = await signIn(issuer);
    offsetMs = 30 * 86_400_000 + 1000;
    expect((await refresh(refresh_token!)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('keeps refreshing after the test hook expires every access token', async () => {
    const tokens = await signIn(issuer);
    const expired = await fetch(`${issuer}/__emulator/oauth/expire`, { method: 'POST' });
    expect(await expired.json()).toEqual({ expired: 1 });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect((await rest('/v2/user', tokens.access_token)).status).toBe(401);
    const next = await refresh(tokens.refresh_token!);
    expect(next.status).toBe(200);
    expect((await rest('/v2/user', next.body.access_token as string)).status).toBe(200);
  });

  it('ends the session when the test hook expires refresh tokens too', async () => {
    const tokens = await signIn(issuer);
    const res = await fetch(`${issuer}/__emulator/oauth/expire`, {
      method: 'POST',
      body: JSON.stringify({ refreshTokens: true }),
    });
    expect(await res.json()).toEqual({ expired: 2 });
    expect((await refresh(tokens.refresh_token!)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it.each([
    ['not json', 'body must be JSON'],
    ['[]', 'JSON object'],
    ['{"accessTokens":true}', 'unknown field(s): accessTokens'],
    ['{"refreshTokens":"yes"}', 'refreshTokens must be true or false'],
  ])('the expire hook refuses %s', async (body, message) => {
    const res = await fetch(`${issuer}/__emulator/oauth/expire`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain(message);
  });

  it('honours an app’s accessTokenTtlSeconds', async () => {
    const tokens = await signIn(issuer, { clientId: 'cl_e2eshortlived' });
    expect(tokens.expires_in).toBe(5);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    offsetMs = 5_000;
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });
});

describe('revoke and introspect', () => {
  it('revoking the access token also kills its refresh token', async () => {
    const tokens = await signIn(issuer);
    const res = await backChannel('revoke', { token: tokens.access_token });
    expect(res.status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    const refreshed = await tokenRequest(issuer, {
      grant_type: 'refresh_token',
      client_id: E2E_CLIENT.id,
      refresh_token: tokens.refresh_token!,
    });
    expect(refreshed.body).toMatchObject({ error: 'invalid_grant' });
  });
  it('answers 200 for an unknown token, and needs client authentication', async () => {
    expect((await backChannel('revoke', { token: 'vca_nothing' })).status).toBe(200);
    const anonymous = await fetch(`${issuer}/login/oauth/token/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: 'x' }),
    });
    expect(anonymous.status).toBe(401);
  });
  it('keeps one client’s tokens out of another client’s reach', async () => {
    const tokens = await signIn(issuer);
    const other = { authorization: basic('cl_e2eshortlived', 'e2e_short_secret_0123456789') };
    const introspect = await fetch(`${issuer}/login/oauth/token/introspect`, {
      method: 'POST',
      headers: other,
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(await introspect.json()).toEqual({ active: false });
    const revoke = await fetch(`${issuer}/login/oauth/token/revoke`, {
      method: 'POST',
      headers: other,
      body: new URLSearchParams({ token: tokens.access_token }),
    });
    expect(revoke.status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
  });
  it('introspects live access and refresh tokens, and inactive ones as {active:false}', async () => {
    const tokens = await signIn(issuer);
    const res = await backChannel('introspect', { token: tokens.access_token });
    expect(res.body).toMatchObject({
      active: true,
      client_id: E2E_CLIENT.id,
      token_type: 'bearer',
      sub: 'user_alice01',
      iss: issuer,
      scope: 'openid email profile offline_access',
    });
    expect(res.body.exp - res.body.iat).toBe(3600);
    expect(res.body.jti).toEqual(expect.any(String));
    expect(res.body.session_id).toMatch(/^sess_/);
    const rt = await backChannel('introspect', { token: tokens.refresh_token! });
    expect(rt.body).toMatchObject({ active: true, session_id: res.body.session_id });
    expect((await backChannel('introspect', { token: 'vca_nope' })).body).toEqual({
      active: false,
    });
    await backChannel('revoke', { token: tokens.refresh_token! });
    expect((await backChannel('introspect', { token: tokens.access_token })).body).toEqual({
      active: false,
    });
  });
});

describe('userinfo', () => {
  it('answers 401 with a Bearer challenge without a valid token', async () => {
    const none = await userinfo(null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await userinfo('vca_bogus');
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: 'invalid_token' });
    expect(bad.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
  });
  it('answers GET and POST with the consented claims', async () => {
    const tokens = await signIn(issuer, { username: 'carol' });
    const expected = {
      sub: 'user_carol01',
      email: 'carol@acme.dev',
      email_verified: true,
      name: 'Carol Diaz',
      preferred_username: 'carol',
    };
    for (const method of ['GET', 'POST']) {
      const res = await userinfo(tokens.access_token, method);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(expected);
    }
  });
  it('refuses a refresh token as a bearer token', async () => {
    const tokens = await signIn(issuer);
    expect((await userinfo(tokens.refresh_token!)).status).toBe(401);
  });
});

describe('REST API with an access token', () => {
  const repos = (project: string) => `/v1/vcr/repository?projectId=${project}`;
  it('reads the teams where the app is installed, 403 elsewhere', async () => {
    const carol = await signIn(issuer, { username: 'carol' });
    const own = await rest(repos('prj_e2e'), carol.access_token);
    expect(own.status).toBe(200);
    expect(own.body.repositories.length).toBeGreaterThan(0);
    // Carol is in team_other too, but the app is not installed there.
    const other = await rest(repos('prj_other'), carol.access_token);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'forbidden', message: expect.any(String) });
    const team = await rest('/v2/teams/other-co', carol.access_token);
    expect(team.status).toBe(403);
  });
  it('gives a user outside the installed teams 403 on them', async () => {
    const olivia = await signIn(issuer, { username: 'olivia' });
    const res = await rest(repos('prj_e2e'), olivia.access_token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
  it('/v2/user answers the signed-in user', async () => {
    const tokens = await signIn(issuer, { username: 'carol' });
    const res = await rest('/v2/user', tokens.access_token);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: 'user_carol01',
      username: 'carol',
      email: 'carol@acme.dev',
      name: 'Carol Diaz',
    });
  });
  it('stops working once revoked', async () => {
    const tokens = await signIn(issuer);
    await backChannel('revoke', { token: tokens.access_token });
    expect((await rest(repos('prj_e2e'), tokens.access_token)).status).toBe(401);
  });
});

describe('the authorize endpoint', () => {
  it('shows the app, the scopes, a Username field and Allow/Deny buttons', async () => {
    const res = await fetch(authorizeUrl(issuer, { challenge: pkce().challenge, state: 'x' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('VCR Dashboard (e2e)');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toMatch(/<button type="submit" name="decision" value="allow">Allow<\/button>/);
    expect(html).toMatch(/value="deny" formnovalidate>Deny<\/button>/);
    expect(html).toContain('See your email address');
    expect(html).not.toMatch(/<script|style=/);
    // Standalone, the page brings its own policy: no script, no framing.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('Deny redirects with access_denied, Vercel’s description and the state', async () => {
    const { response, location } = await submitConsent(issuer, {
      decision: 'deny',
      state: 'keep-me',
    });
    expect(response.status).toBe(303);
    expect(location!.origin + location!.pathname).toBe(E2E_CLIENT.redirectUri);
    expect(Object.fromEntries(location!.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The user canceled the authorization process',
      state: 'keep-me',
      iss: issuer,
    });
  });

  it('escapes what it echoes, and returns the state byte for byte', async () => {
    const state = '"><script>alert(1)</script>&amp;\'';
    const { location, page, response } = await submitConsent(issuer, {
      state,
      username: '<b>alice',
    });
    expect(page).not.toContain('<script>');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;amp;&#39;');
    // The username did not match, so the form came back; it must not render markup either.
    expect(location).toBeNull();
    const retry = await response.text();
    expect(retry).toContain('No user &quot;&lt;b&gt;alice&quot;');
    expect(retry).not.toMatch(/<b>|<script>/);
    const again = await submitConsent(issuer, { state });
    expect(again.location!.searchParams.get('state')).toBe(state);
  });

  it('shows the form again for an unknown username', async () => {
    const { response, location } = await submitConsent(issuer, { username: 'mallory' });
    expect(response.status).toBe(200);
    expect(location).toBeNull();
    const html = await response.text();
    expect(html).toContain('No user &quot;mallory&quot; in this emulator&#39;s seed');
    expect(html).toContain('aria-invalid="true"');
  });

  it('lets only the owning team sign in to a team-only app (access_denied with the state)', async () => {
    const { location } = await submitConsent(issuer, {
      clientId: 'cl_e2eteamonly',
      username: 'olivia',
      state: 'st-team',
    });
    expect(Object.fromEntries(location!.searchParams)).toEqual({
      error: 'access_denied',
      error_description:
        'Only members of Acme Inc can sign in to VCR Dashboard (Acme members only)',
      state: 'st-team',
      iss: issuer,
    });
    const alice = await signIn(issuer, { clientId: 'cl_e2eteamonly', username: 'alice' });
    expect(alice.access_token).toMatch(/^vca_/);
  });

  it('signs in by email too, case-insensitively', async () => {
    const tokens = await signIn(issuer, { username: 'Alice@Acme.dev' });
    expect((await userinfo(tokens.access_token)).body.sub).toBe('user_alice01');
  });

  it('shows an error page for a repeated redirect_uri, and redirects for a repeated scope', async () => {
    const url = new URL(authorizeUrl(issuer, { challenge: pkce().challenge, state: 's' }));
    url.searchParams.append('redirect_uri', 'http://127.0.0.1:9/auth/callback');
    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Parameter &#39;redirect_uri&#39;. Repeated');
    const url2 = new URL(authorizeUrl(issuer, { challenge: pkce().challenge, state: 's' }));
    url2.searchParams.append('scope', 'openid');
    const redirect = await fetch(url2, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(new URL(redirect.headers.get('location')!).searchParams.get('error_description')).toBe(
      "Parameter 'scope'. Included more than once",
    );
  });

  it.each([
    ['no client_id', { client_id: '' }, 'client_id'],
    ['an unknown client_id', { client_id: 'cl_nope' }, 'cl_nope'],
    ['an unregistered redirect_uri', { redirect_uri: 'http://evil.example/cb' }, 'not registered'],
    [
      'a non-loopback host on the loopback path',
      { redirect_uri: 'http://127.0.0.2/auth/callback' },
      'not registered',
    ],
    [
      'a different loopback path',
      { redirect_uri: 'http://127.0.0.1:4000/auth/other' },
      'not registered',
    ],
  ])('shows an error page without redirecting for %s', async (_, override, text) => {
    const url = new URL(authorizeUrl(issuer, { challenge: pkce().challenge, state: 's' }));
    for (const [k, v] of Object.entries(override)) url.searchParams.set(k, v);
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain(text);
  });

  it.each([
    ['response_type=token', { response_type: 'token' }, "Parameter 'response_type'"],
    ['no response_type', { response_type: null }, "Parameter 'response_type'. Required"],
    ['a short code_challenge', { code_challenge: 'abc' }, "Parameter 'code_challenge'"],
    ['method plain', { code_challenge_method: 'plain' }, "Parameter 'code_challenge_method'"],
    ['prompt=none', { prompt: 'none' }, "Parameter 'prompt'"],
  ])('redirects invalid_request with the state for %s', async (_, override, description) => {
    const url = new URL(authorizeUrl(issuer, { challenge: pkce().challenge, state: 'st8' }));
    for (const [k, v] of Object.entries(override)) {
      if (v === null) url.searchParams.delete(k);
      else url.searchParams.set(k, v);
    }
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(E2E_CLIENT.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toContain(description);
    expect(location.searchParams.get('state')).toBe('st8');
    expect(location.searchParams.get('iss')).toBe(issuer);
  });

  it('accepts prompt=consent and prompt=login', async () => {
    for (const prompt of ['consent', 'login']) {
      const res = await fetch(
        authorizeUrl(issuer, { challenge: pkce().challenge, extra: { prompt } }),
      );
      expect(res.status).toBe(200);
    }
  });

  it.each([
    'http://127.0.0.1:1/auth/callback',
    'http://127.0.0.1:65535/auth/callback',
    'http://localhost:8080/auth/callback',
    'http://127.0.0.1/auth/callback',
  ])('matches the loopback redirect URI %s on any port', async (redirectUri) => {
    const { location } = await submitConsent(issuer, { redirectUri });
    expect(location!.href.startsWith(`${redirectUri}?code=`)).toBe(true);
  });
});

describe('memory', () => {
  it('forgets expired codes, tokens and their grants, keeping what still works', async () => {
    const store = () => emulator.state().oauth;
    const kept = await signIn(issuer);
    await submitConsent(issuer, {}); // a code never redeemed
    expect(store().size()).toMatchObject({ codes: 2, grants: 1, tokens: 2 });
    // 31 days on, everything above has expired; a new sign-in triggers the clean-up.
    offsetMs = 31 * 86_400_000;
    const fresh = await signIn(issuer);
    expect(store().size()).toEqual({ codes: 1, grants: 1, tokens: 2 });
    expect((await userinfo(fresh.access_token)).status).toBe(200);
    expect((await userinfo(kept.access_token)).status).toBe(401);
  });
  it('keeps a used refresh token until it expires, so its reuse is still caught', async () => {
    const first = await signIn(issuer);
    const refresh = (token: string) =>
      tokenRequest(issuer, { grant_type: 'refresh_token', refresh_token: token });
    const second = await refresh(first.refresh_token!);
    offsetMs = 2 * 3_600_000; // access tokens expired, refresh tokens not
    await signIn(issuer, { username: 'carol' }); // prunes
    expect((await refresh(first.refresh_token!)).body).toMatchObject({ error: 'invalid_grant' });
    expect((await refresh(second.body.refresh_token as string)).body).toMatchObject({
      error: 'invalid_grant',
    });
  });
});

describe('a returning user', () => {
  /** Signs alice in through the form and returns the AS session cookie it set. */
  async function firstVisit(scope = 'openid email') {
    const { response } = await submitConsent(issuer, { scope, state: 'one' });
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^vercel_emulator_session=\w+; Path=\/; HttpOnly; SameSite=Lax$/);
    return setCookie.split(';')[0]!;
  }
  const visit = (cookie: string, o: { scope?: string; extra?: Record<string, string> } = {}) =>
    fetch(
      authorizeUrl(issuer, {
        challenge: pkce().challenge,
        state: 'two',
        scope: o.scope ?? 'openid email',
        ...(o.extra ? { extra: o.extra } : {}),
      }),
      { headers: { cookie }, redirect: 'manual' },
    );

  it('goes straight back with a code when the app was already allowed', async () => {
    const cookie = await firstVisit();
    const res = await visit(cookie);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(location.searchParams.get('state')).toBe('two');
  });

  it('sees the form again (name filled in) with prompt=login or prompt=consent', async () => {
    const cookie = await firstVisit();
    for (const prompt of ['login', 'consent']) {
      const res = await visit(cookie, { extra: { prompt } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/id="username"[^>]*value="alice"/);
    }
  });

  it('is asked again for scopes not yet allowed, and after a reset', async () => {
    const cookie = await firstVisit('openid');
    expect((await visit(cookie, { scope: 'openid email' })).status).toBe(200);
    expect((await visit(cookie, { scope: 'openid' })).status).toBe(302);
    emulator.reset();
    expect((await visit(cookie, { scope: 'openid' })).status).toBe(200);
  });

  it('is not let through by an unknown session cookie', async () => {
    expect((await visit('vercel_emulator_session=forged')).status).toBe(200);
  });
});
