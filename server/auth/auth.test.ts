import { describe, expect, it } from 'vitest';
import { createAuth, initialsOf, teamOfRequest } from './auth';
import { parseAuthSettings } from './auth-config';
import type { OidcClient } from './oidc-client';

describe('initialsOf', () => {
  it.each([
    [{ sub: 's', name: 'Alice Martin' }, 'AM'],
    [{ sub: 's', name: 'Jean-Luc  de la Cruz' }, 'JC'],
    [{ sub: 's', name: 'Cher' }, 'CH'],
    [{ sub: 's', username: 'olivia' }, 'OL'],
    [{ sub: 's', email: 'bob.smith@acme.dev' }, 'BS'],
    [{ sub: 's', name: '  ' }, '?'],
    [{ sub: 's' }, '?'],
  ])('%o → %s', (user, expected) => {
    expect(initialsOf(user)).toBe(expected);
  });
});

describe('teamOfRequest', () => {
  it('reads the team from the query or a /teams path', () => {
    expect(teamOfRequest(new URL('http://x/v1/vcr/repository?projectId=p&teamId=team_1'))).toBe(
      'team_1',
    );
    expect(teamOfRequest(new URL('http://x/v1/vcr/repository?projectId=p&slug=acme'))).toBe('acme');
    expect(teamOfRequest(new URL('http://x/v2/teams/team_2'))).toBe('team_2');
    expect(teamOfRequest(new URL('http://x/teams/team_3'))).toBe('team_3');
    expect(teamOfRequest(new URL('http://x/v2/user'))).toBeUndefined();
  });
});

describe('cookies on an https PUBLIC_URL', () => {
  const client: OidcClient = {
    authorizationUrl: async ({ state }) =>
      new URL(`https://issuer.example/oauth/authorize?state=${state}`),
    exchangeCode: async () => ({
      tokens: { accessToken: 'vca_x', refreshToken: 'vcr_x', expiresAt: Date.now() + 3_600_000 },
      identity: { sub: 'user_1', username: 'alice', name: 'Alice' },
    }),
    refresh: async () => {
      throw new Error('not used');
    },
    revoke: async () => {},
  };
  const settings = parseAuthSettings({
    VERCEL_APP_CLIENT_ID: 'cl_x',
    VERCEL_APP_CLIENT_SECRET: 's',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://vcr.example.com',
  })!;
  const auth = createAuth({ settings, localOrigin: () => 'http://127.0.0.1:1', client });

  it('are Secure and prefixed (__Host- for the session), and the redirect URI is PUBLIC_URL’s', async () => {
    expect(auth.redirectUri()).toBe('https://vcr.example.com/auth/callback');
    const login = await auth.routes.fetch(
      new Request('https://vcr.example.com/auth/login?returnTo=%2Fsettings'),
    );
    expect(login.status).toBe(302);
    const [tx] = login.headers.getSetCookie();
    expect(tx).toMatch(
      /^__Secure-vcr_signin=[\w-]+; Max-Age=600; Path=\/auth\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const state = new URL(login.headers.get('location')!).searchParams.get('state');

    const callback = await auth.routes.fetch(
      new Request(`https://vcr.example.com/auth/callback?code=c&state=${state}`, {
        headers: { cookie: tx!.split(';')[0]! },
      }),
    );
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/settings');
    const session = callback.headers
      .getSetCookie()
      .find((c) => c.startsWith('__Host-vcr_session='));
    expect(session).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });
});
