// The whole Sign in with Vercel flow over HTTP: the dashboard server (server/app.ts with
// server/auth) in front of the emulator, which is both the REST API and the issuer.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator';
import { E2E_CLIENT, fixtureSeed, formFields, listen } from '../../emulator/testing';
import { createProxyBackend } from '../proxy/proxy-backend';
import { unusedOrigin } from '../proxy/test-support';
import { createSealer } from './sealed-cookie';
import {
  Browser,
  SECRET,
  locationOf,
  signIn,
  startSignIn,
  startSignInServer,
  type SignInServer,
} from './test-support';

const PROJECT = 'prj_e2e';
const TEAM = 'team_e2e';
const TAG_PATH = `/repositories/web-app/tags/latest?projectId=${PROJECT}&teamId=${TEAM}`;
const API = `/api/v1/vcr/repository?projectId=${PROJECT}&teamId=${TEAM}`;

let emulator: Emulator;
let upstream: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  emulator = createEmulator({ seed: fixtureSeed() as never });
  upstream = await listen(emulator);
});
afterAll(() => upstream.close());

function appEnv(extra: Record<string, string> = {}) {
  return {
    VERCEL_APP_CLIENT_ID: E2E_CLIENT.id,
    VERCEL_APP_CLIENT_SECRET: E2E_CLIENT.secret,
    VERCEL_OAUTH_ISSUER: upstream.url,
    ...extra,
  };
}

async function introspect(token: string): Promise<boolean> {
  const res = await fetch(`${upstream.url}/login/oauth/token/introspect`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${E2E_CLIENT.id}:${E2E_CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ token }),
  });
  return ((await res.json()) as { active: boolean }).active;
}

describe('sign-in per user', () => {
  let server: SignInServer;
  beforeEach(async () => {
    await fetch(`${upstream.url}/__emulator/reset`, { method: 'POST' });
    server = await startSignInServer(createProxyBackend({ upstream: upstream.url }), appEnv());
  });
  afterEach(() => server.close());

  it('without a session: /api is 401 in the API error shape, a page goes to sign-in with its URL', async () => {
    const browser = new Browser();
    const api = await browser.fetch(server.origin + API);
    expect(api.status).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: 'not_signed_in', message: 'Sign in with Vercel to use this dashboard.' },
    });
    const page = await browser.open(server.origin + TAG_PATH);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(
      `/auth/login?returnTo=${encodeURIComponent(TAG_PATH)}`,
    );
    // The config stays reachable (the shell needs it) but tells a stranger nothing.
    const config = await browser.fetch(`${server.origin}/_dashboard/config`);
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({ defaultScope: null, auth: { mode: 'per-user' } });
  });

  it('a shared link signs in (PKCE, state, nonce) and comes back to exactly that URL', async () => {
    const browser = new Browser();
    const callback = await startSignIn(browser, server.origin, TAG_PATH, 'alice');
    expect(callback.origin + callback.pathname).toBe(`${server.origin}/auth/callback`);
    expect(callback.searchParams.get('code')).toBeTruthy();
    const back = await browser.open(callback.href);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(TAG_PATH);

    const session = browser.setCookies.find((c) => c.startsWith('vcr_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/i); // plain http on loopback
    expect(session).not.toMatch(/vca_|vcr_[A-Za-z0-9]{8}/);

    const page = await browser.open(server.origin + TAG_PATH);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app shell');

    const api = await browser.fetch(server.origin + API);
    expect(api.status).toBe(200);
    const body = await api.text();
    expect(body).toContain('web-app');
    expect(body).not.toMatch(/vca_|vcr_[a-z0-9]{16}/i);

    const config = await (await browser.fetch(`${server.origin}/_dashboard/config`)).json();
    expect(config.auth).toEqual({
      mode: 'per-user',
      user: { name: 'Alice Martin', username: 'alice', email: 'alice@acme.dev', initials: 'AM' },
      allowed: true,
    });
    expect(config.defaultScope).toEqual({
      projectId: 'prj_e2e',
      teamId: 'team_e2e',
      source: 'env',
    });
    expect(JSON.stringify(config)).not.toMatch(/vca_|vcr_/);
    // Nothing about tokens in the logs either.
    expect(server.logs.join('\n')).not.toMatch(/vca_|vcr_/);
  });

  it("uses the user's own token, never a browser-sent Authorization header", async () => {
    const anonymous = new Browser();
    const forged = await anonymous.fetch(server.origin + API, {
      headers: { authorization: 'Bearer vcr_e2e_token' },
    });
    expect(forged.status).toBe(401);

    const olivia = new Browser();
    await signIn(olivia, server.origin, TAG_PATH, 'olivia');
    const res = await olivia.fetch(server.origin + API, {
      headers: { authorization: 'Bearer vcr_e2e_token' },
    });
    // olivia is not in team_e2e: her own token is refused, the seed token was not used.
    expect(res.status).toBe(403);
    const { error } = await res.json();
    expect(error.code).toBe('signin_forbidden');
    expect(error.message).toContain('team team_e2e');
    expect(error.message).toContain('@olivia');
    expect(error.message).toContain(`vercel oauth-apps install --client-id ${E2E_CLIENT.id}`);
  });

  it('refreshes an access token that Vercel ended early, without the user noticing', async () => {
    const browser = new Browser();
    await signIn(browser, server.origin, TAG_PATH, 'alice');
    const before = browser.jar.get('vcr_session');
    const expired = await fetch(`${upstream.url}/__emulator/oauth/expire`, { method: 'POST' });
    expect((await expired.json()).expired).toBeGreaterThan(0);

    // Parallel requests of one page, all with the old cookie: one refresh, all answered.
    const oldCookie = browser.cookieHeader();
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        fetch(server.origin + API, { headers: { cookie: oldCookie } }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const renewed = answers.map((r) =>
      r.headers.getSetCookie().find((c) => c.startsWith('vcr_session=')),
    );
    expect(renewed.every(Boolean)).toBe(true);

    await browser.fetch(server.origin + API).then((r) => expect(r.status).toBe(200));
    expect(browser.jar.get('vcr_session')).not.toBe(before);
    // The rotated session keeps working.
    expect((await browser.fetch(server.origin + API)).status).toBe(200);
  });

  it('sign out revokes the tokens at the issuer and clears the session', async () => {
    const browser = new Browser();
    await signIn(browser, server.origin, TAG_PATH, 'alice');
    const oldCookie = browser.cookieHeader();
    // Read the tokens out of the sealed session the way only the server can, to check them.
    const tokens = await captureTokens(oldCookie);
    expect(await introspect(tokens.at)).toBe(true);
    expect(await introspect(tokens.rt)).toBe(true);

    const out = await browser.fetch(`${server.origin}/auth/logout`, { method: 'POST' });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/auth/signed-out');
    expect(browser.jar.has('vcr_session')).toBe(false);
    expect(await introspect(tokens.at)).toBe(false);
    expect(await introspect(tokens.rt)).toBe(false);

    expect((await browser.fetch(server.origin + API)).status).toBe(401);
    // A copy of the old cookie is worthless now: Vercel refuses its tokens.
    const replay = await fetch(server.origin + API, { headers: { cookie: oldCookie } });
    expect(replay.status).toBe(401);
    expect((await replay.json()).error.code).toBe('session_expired');

    // Opening the link asks again, and the issuer is told to ask who is signing in.
    const page = await browser.open(server.origin + TAG_PATH);
    expect(page.status).toBe(302);
    const toIssuer = await browser.open(locationOf(page, server.origin).href);
    expect(locationOf(toIssuer, server.origin).searchParams.get('prompt')).toBe('login');

    const signedOut = await browser.open(`${server.origin}/auth/signed-out`);
    expect(await signedOut.text()).toContain('You are signed out');
  });

  it('Deny gives a clear page with a way to try again', async () => {
    const browser = new Browser();
    const callback = await startSignIn(browser, server.origin, TAG_PATH, 'alice', 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const res = await browser.open(callback.href);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('Sign-in was cancelled');
    expect(html).toContain(
      `href="/auth/login?returnTo=${encodeURIComponent(TAG_PATH).replace(/&/g, '&#38;')}"`,
    );
    expect(html).not.toMatch(/<script|style=/);
    expect(browser.jar.has('vcr_session')).toBe(false);
  });

  it('a forged or foreign state is refused before any code exchange', async () => {
    const browser = new Browser();
    const callback = await startSignIn(browser, server.origin, TAG_PATH, 'alice');
    callback.searchParams.set('state', 'forged');
    const res = await browser.open(callback.href);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('This sign-in link is no longer valid');
    // Another browser (no sign-in transaction) cannot use the real one either.
    callback.searchParams.delete('state');
    expect((await new Browser().open(callback.href)).status).toBe(400);
    expect(browser.jar.has('vcr_session')).toBe(false);
  });

  it('a reused code gets the expired-link page', async () => {
    const browser = new Browser();
    const callback = await startSignIn(browser, server.origin, TAG_PATH, 'alice');
    const txCookie = browser.cookieHeader();
    expect((await browser.open(callback.href)).status).toBe(303);
    // The same callback again with the transaction cookie as it was (a replay).
    const again = await fetch(callback, { headers: { cookie: txCookie }, redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This sign-in link has expired');
  });

  it('keeps parallel sign-ins of one browser apart (two shared links in two tabs)', async () => {
    const browser = new Browser();
    const first = await startSignIn(browser, server.origin, TAG_PATH, 'alice');
    const other = `/repositories/web-app?projectId=${PROJECT}&teamId=${TEAM}`;
    const second = await startSignIn(browser, server.origin, other, 'alice');
    const a = await browser.open(first.href);
    expect(a.headers.get('location')).toBe(TAG_PATH);
    const b = await browser.open(second.href);
    expect(b.headers.get('location')).toBe(other);
  });

  it('never redirects off-origin after sign-in', async () => {
    const browser = new Browser();
    const login = await browser.open(
      `${server.origin}/auth/login?returnTo=${encodeURIComponent('//evil.example/x')}`,
    );
    expect(login.status).toBe(302);
    const callback = await (async () => {
      const authorize = locationOf(login, server.origin);
      const fields = formFields(await (await fetch(authorize)).text());
      fields.set('username', 'alice');
      fields.set('decision', 'allow');
      const res = await fetch(new URL(authorize.pathname, authorize), {
        method: 'POST',
        body: fields,
        redirect: 'manual',
      });
      return locationOf(res, authorize.origin);
    })();
    const back = await browser.open(callback.href);
    expect(back.headers.get('location')).toBe('/');
  });
});

describe('sign-in with the allow-list and the server token', () => {
  let server: SignInServer;
  beforeAll(async () => {
    server = await startSignInServer(
      createProxyBackend({ upstream: upstream.url, token: 'vcr_e2e_token' }),
      appEnv({ VERCEL_TOKEN: 'vcr_e2e_token', ALLOWED_USERS: 'alice,@nowhere.example' }),
    );
  });
  afterAll(() => server.close());

  it('a listed user reads with the server token', async () => {
    const browser = new Browser();
    const back = await signIn(browser, server.origin, TAG_PATH, 'alice');
    expect(back.headers.get('location')).toBe(TAG_PATH);
    expect((await browser.fetch(server.origin + API)).status).toBe(200);
    const config = await (await browser.fetch(`${server.origin}/_dashboard/config`)).json();
    expect(config.auth.mode).toBe('allow-list');
  });

  it('anyone else gets an access page naming the account, and 403 on /api', async () => {
    const browser = new Browser();
    await signIn(browser, server.origin, TAG_PATH, 'olivia');
    const page = await browser.open(server.origin + TAG_PATH);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain('No access to this dashboard');
    expect(html).toContain('Olivia Park · @olivia · olivia@other-co.dev');
    expect(html).toContain('action="/auth/logout"');
    const config = await (await browser.fetch(`${server.origin}/_dashboard/config`)).json();
    expect(config).toMatchObject({ defaultScope: null, auth: { allowed: false } });
    const api = await browser.fetch(server.origin + API);
    expect(api.status).toBe(403);
    expect((await api.json()).error.code).toBe('not_allowed');
  });
});

describe('a wrong client secret', () => {
  it('gets the sign-in-failed page naming the redirect URI, and no session', async () => {
    const server = await startSignInServer(
      createProxyBackend({ upstream: upstream.url }),
      appEnv({ VERCEL_APP_CLIENT_SECRET: 'not-the-secret' }),
    );
    try {
      const browser = new Browser();
      const callback = await startSignIn(browser, server.origin, TAG_PATH, 'alice');
      const res = await browser.open(callback.href);
      expect(res.status).toBe(502);
      const html = await res.text();
      expect(html).toContain('Sign-in failed');
      expect(html).toContain('invalid_client');
      expect(html).toContain(`${server.origin}/auth/callback`);
      expect(html).not.toContain('not-the-secret');
      expect(browser.jar.has('vcr_session')).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe('an issuer that is down', () => {
  it('gets a clear page with a way to try again', async () => {
    const server = await startSignInServer(
      createProxyBackend({ upstream: upstream.url }),
      appEnv({ VERCEL_OAUTH_ISSUER: await unusedOrigin() }),
    );
    try {
      const res = await new Browser().open(`${server.origin}/auth/login?returnTo=%2Fsettings`);
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('Vercel sign-in is not reachable');
      expect(html).toContain('href="/auth/login?returnTo=%2Fsettings"');
    } finally {
      await server.close();
    }
  });
});

/** Reads the tokens sealed in a session cookie, as the server would (test only). */
function captureTokens(cookie: string): { at: string; rt: string } {
  const value = /vcr_session=([^;]+)/.exec(cookie)![1];
  return createSealer(SECRET).unseal<{ at: string; rt: string }>('vcr_session', value)!;
}
