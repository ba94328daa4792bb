// The seed's `users` and `oauthApps` are checked like the rest of the seed: a mistake is
// refused at start with the field's path.
import { describe, expect, it } from 'vitest';
import { buildDemoSeed, DEMO_OAUTH_CLIENT_ID } from './demo-seed';
import { validateSeed } from './seed-schema';
import { fixtureSeed } from '../test-support';
import { redirectUriMatches } from '../oauth/redirect-uri';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

function refusal(mutate: (seed: AnyJson) => void): string {
  const seed = fixtureSeed() as AnyJson;
  mutate(seed);
  try {
    validateSeed(seed);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the seed was accepted');
}

describe('seed users and oauthApps', () => {
  it('are optional, and the demo seed has two users (one outside northwind) and an app', () => {
    const seed = fixtureSeed() as AnyJson;
    delete seed.users;
    delete seed.oauthApps;
    expect(() => validateSeed(seed)).not.toThrow();
    const demo = validateSeed(buildDemoSeed());
    expect(demo.users?.map((u) => [u.username, u.teamIds])).toEqual([
      ['maya', ['team_northwind']],
      ['oscar', []],
    ]);
    expect(demo.oauthApps).toEqual([
      expect.objectContaining({
        clientId: DEMO_OAUTH_CLIENT_ID,
        redirectUris: ['http://127.0.0.1/auth/callback', 'http://localhost/auth/callback'],
        installedTeamIds: ['team_northwind'],
      }),
    ]);
  });

  it.each<[string, (s: AnyJson) => void, string]>([
    [
      'a bad user id',
      (s) => (s.users[0].id = 'alice'),
      'VCR_SEED: users[0].id: must look like user_<alphanumerics>',
    ],
    [
      'a duplicate username',
      (s) => (s.users[2].username = 'alice'),
      'VCR_SEED: users[2].username: duplicate username "alice"',
    ],
    [
      'a bad email',
      (s) => (s.users[1].email = 'olivia'),
      'VCR_SEED: users[1].email: must be an email address',
    ],
    [
      'a user in an unknown team',
      (s) => s.users[2].teamIds.push('team_ghost'),
      'VCR_SEED: users[2].teamIds[2]: unknown team "team_ghost" (not in teams)',
    ],
    [
      'an unknown user field',
      (s) => (s.users[0].password = 'hunter2'),
      'VCR_SEED: users[0]: unknown field "password"',
    ],
    ['a missing username', (s) => delete s.users[1].username, 'VCR_SEED: users[1].username:'],
    [
      'a bad client id',
      (s) => (s.oauthApps[0].clientId = 'dashboard'),
      'VCR_SEED: oauthApps[0].clientId: must look like cl_<alphanumerics>',
    ],
    [
      'a short client secret',
      (s) => (s.oauthApps[1].clientSecret = 'abc'),
      'VCR_SEED: oauthApps[1].clientSecret: must be 8–512 printable characters without spaces',
    ],
    [
      'no redirect URIs',
      (s) => (s.oauthApps[0].redirectUris = []),
      'VCR_SEED: oauthApps[0].redirectUris: needs at least one redirect URI',
    ],
    [
      'an http redirect URI off loopback',
      (s) => (s.oauthApps[0].redirectUris[1] = 'http://dash.example/auth/callback'),
      'VCR_SEED: oauthApps[0].redirectUris[1]: must be https, or http on a loopback host',
    ],
    [
      'a relative redirect URI',
      (s) => (s.oauthApps[0].redirectUris[0] = '/auth/callback'),
      'VCR_SEED: oauthApps[0].redirectUris[0]: must be an absolute URL',
    ],
    [
      'a redirect URI with a fragment',
      (s) => (s.oauthApps[0].redirectUris[0] = 'https://dash.example/cb#x'),
      'VCR_SEED: oauthApps[0].redirectUris[0]: must not have a fragment',
    ],
    [
      'an app installed on an unknown team',
      (s) => (s.oauthApps[0].installedTeamIds = ['team_ghost']),
      'VCR_SEED: oauthApps[0].installedTeamIds[0]: unknown team "team_ghost" (not in teams)',
    ],
    [
      'a team-only app for an unknown team',
      (s) => (s.oauthApps[2].signInTeamId = 'team_ghost'),
      'VCR_SEED: oauthApps[2].signInTeamId: unknown team "team_ghost" (not in teams)',
    ],
    [
      'a zero access-token lifetime',
      (s) => (s.oauthApps[1].accessTokenTtlSeconds = 0),
      'VCR_SEED: oauthApps[1].accessTokenTtlSeconds: must be a whole number of seconds from 1 to 86400',
    ],
    [
      'a redirectUris that is not a list',
      (s) => (s.oauthApps[0].redirectUris = 'http://127.0.0.1/cb'),
      'VCR_SEED: oauthApps[0].redirectUris:',
    ],
  ])('refuses %s, naming the field', (_, mutate, message) => {
    expect(refusal(mutate)).toContain(message);
  });
});

describe('redirectUriMatches', () => {
  const registered = [
    'http://127.0.0.1/auth/callback',
    'http://[::1]/auth/callback',
    'https://dash.example/auth/callback',
  ];
  it.each([
    ['http://127.0.0.1/auth/callback', true],
    ['http://127.0.0.1:43123/auth/callback', true],
    ['http://[::1]:8080/auth/callback', true],
    ['https://dash.example/auth/callback', true],
    // Exact for everything else: no port, path, query, case or scheme changes.
    ['https://dash.example:8443/auth/callback', false],
    ['https://dash.example/auth/callback/', false],
    ['https://dash.example/auth/callback?x=1', false],
    ['https://DASH.example/auth/callback', false],
    ['https://127.0.0.1/auth/callback', false],
    ['http://127.0.0.1:43123/auth/callback?next=/', false],
    ['http://127.0.0.1:43123/auth/callback#frag', false],
    ['http://localhost:43123/auth/callback', false],
    ['http://user@127.0.0.1:43123/auth/callback', false],
    ['not a url', false],
  ])('%s → %s', (uri, expected) => {
    expect(redirectUriMatches(registered, uri)).toBe(expected);
  });
});
