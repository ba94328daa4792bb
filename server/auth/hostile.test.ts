// Hostile requests against /api with sign-in on: nothing without a valid session reaches the
// upstream, and with one, exactly the user's token goes up (never the browser's header or
// cookies). The upstream records every request it receives.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProxyBackend } from '../proxy/proxy-backend';
import {
  startRecordingUpstream,
  unusedOrigin,
  type RecordingUpstream,
} from '../proxy/test-support';
import { createSealer } from './sealed-cookie';
import { SECRET, startSignInServer, type SignInServer } from './test-support';

const API = '/api/v1/vcr/repository?projectId=prj_1&teamId=team_1';
const sealer = createSealer(SECRET);
const ALICE = { sub: 'user_a', username: 'alice', email: 'alice@acme.dev', name: 'Alice' };
const MALLORY = { sub: 'user_m', username: 'mallory', email: 'm@evil.example', name: 'Mallory' };

function sessionCookie(
  user: object,
  {
    at = 'vca_user_access_token_123456',
    expiresIn = 3_600_000,
    secret = sealer,
    name = 'vcr_session',
  } = {},
) {
  const now = Date.now();
  const value = secret.seal(
    name,
    { user, at, rt: 'vcr_user_refresh_token_123456', exp: now + expiresIn, got: now - 1000 },
    now + 86_400_000,
  );
  return `vcr_session=${value}`;
}

let upstream: RecordingUpstream;
let issuer: string;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  issuer = await unusedOrigin();
});
afterAll(() => upstream.close());
beforeEach(() => {
  upstream.requests.length = 0;
});

const env = (extra: Record<string, string> = {}) => ({
  VERCEL_APP_CLIENT_ID: 'cl_test',
  VERCEL_APP_CLIENT_SECRET: 'secret',
  VERCEL_OAUTH_ISSUER: issuer,
  ...extra,
});

describe('per user', () => {
  let server: SignInServer;
  beforeAll(async () => {
    server = await startSignInServer(createProxyBackend({ upstream: upstream.url }), env());
  });
  afterAll(() => server.close());

  const refused: Array<[string, () => Record<string, string>, number, string]> = [
    ['no session', () => ({}), 401, 'not_signed_in'],
    [
      'a bearer header but no session',
      () => ({ authorization: 'Bearer vcr_stolen_token_12345' }),
      401,
      'not_signed_in',
    ],
    [
      'a tampered session',
      () => ({ cookie: sessionCookie(ALICE).replace(/.{6}$/, 'AAAAAA') }),
      401,
      'not_signed_in',
    ],
    [
      'a session sealed with another secret',
      () => ({
        cookie: sessionCookie(ALICE, {
          secret: createSealer('another-secret-of-at-least-32-bytes!!'),
        }),
      }),
      401,
      'not_signed_in',
    ],
    [
      'another cookie kind replayed as the session',
      () => ({ cookie: sessionCookie(ALICE, { name: 'vcr_signin' }) }),
      401,
      'not_signed_in',
    ],
    [
      'an expired session whose renewal cannot reach the issuer',
      () => ({ cookie: sessionCookie(ALICE, { expiresIn: -1000 }) }),
      503,
      'sign_in_unavailable',
    ],
  ];

  it.each(refused)('%s: refused with 0 upstream calls', async (_label, headers, status, code) => {
    const res = await fetch(server.origin + API, { headers: headers() });
    expect(res.status).toBe(status);
    expect((await res.json()).error.code).toBe(code);
    expect(upstream.requests).toHaveLength(0);
  });

  it("a valid session sends exactly the user's token upstream, no browser header or cookie", async () => {
    const res = await fetch(server.origin + API, {
      headers: {
        cookie: `${sessionCookie(ALICE)}; other=1`,
        authorization: 'Bearer vcr_browser_sent_token_1234',
      },
    });
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    const sent = upstream.requests[0]!.headers;
    expect(sent.authorization).toBe('Bearer vca_user_access_token_123456');
    expect(sent.cookie).toBeUndefined();
    // The upstream's own cookie never reaches the browser either.
    expect(res.headers.getSetCookie()).toEqual([]);
    // Per-user answers are never for a shared cache.
    expect(res.headers.get('vary')).toMatch(/cookie/i);
    expect(res.headers.get('cache-control')).toMatch(/private|no-store/);
  });
});

describe('allow-list', () => {
  let server: SignInServer;
  beforeAll(async () => {
    server = await startSignInServer(
      createProxyBackend({ upstream: upstream.url, token: 'server_token_123456' }),
      env({ VERCEL_TOKEN: 'server_token_123456', ALLOWED_USERS: 'alice' }),
    );
  });
  afterAll(() => server.close());

  it('a signed-in user who is not listed gets 403 with 0 upstream calls', async () => {
    const res = await fetch(server.origin + API, { headers: { cookie: sessionCookie(MALLORY) } });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toEqual({
      code: 'not_allowed',
      message:
        "Signed in as Mallory · @mallory · m@evil.example, who is not on this dashboard's ALLOWED_USERS.",
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it("a listed user reads with the server's token, never their own", async () => {
    const res = await fetch(server.origin + API, { headers: { cookie: sessionCookie(ALICE) } });
    expect(res.status).toBe(200);
    expect(upstream.requests[0]!.headers.authorization).toBe('Bearer server_token_123456');
  });
});
