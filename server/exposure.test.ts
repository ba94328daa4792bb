import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/support/spawn-server';
import {
  isLoopbackHost,
  parseAllowSharedToken,
  sharedTokenRefusal,
  sharedTokenWarning,
} from './exposure';
import { rawGet, startRecordingUpstream, type RecordingUpstream } from './proxy/test-support';

const TOKEN = { VERCEL_TOKEN: 'vcr_server_token_1234' };
const SIGN_IN = { VERCEL_APP_CLIENT_ID: 'cl_1', VERCEL_APP_CLIENT_SECRET: 'secret' };

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST', '::ffff:127.0.0.1'])(
    '%s is loopback',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '', '192.168.1.5', '10.0.0.1', 'box.lan', 'localhost.example', '::2'])(
    '%j is not',
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('sharedTokenRefusal', () => {
  it('refuses a non-loopback HOST with a server token and no sign-in, in one line', () => {
    const line = sharedTokenRefusal(TOKEN, '0.0.0.0');
    expect(line).not.toBeNull();
    expect(line).not.toContain('\n');
    expect(line).toContain('HOST=0.0.0.0');
    expect(line).toContain('VERCEL_APP_CLIENT_ID and VERCEL_APP_CLIENT_SECRET');
    expect(line).toContain('ALLOW_SHARED_TOKEN=1');
    expect(line).not.toContain('vcr_server_token_1234');
  });

  it.each([
    ['loopback HOST', TOKEN, '127.0.0.1'],
    ['loopback HOST by name', TOKEN, 'localhost'],
    ['no server token (emulator, or tab tokens)', { VERCEL_API_URL: 'https://x' }, '0.0.0.0'],
    ['a blank server token', { VERCEL_TOKEN: '  ' }, '0.0.0.0'],
    ['sign-in configured', { ...TOKEN, ...SIGN_IN }, '0.0.0.0'],
    ['ALLOW_SHARED_TOKEN=1', { ...TOKEN, ALLOW_SHARED_TOKEN: '1' }, '0.0.0.0'],
    ['ALLOW_SHARED_TOKEN=true', { ...TOKEN, ALLOW_SHARED_TOKEN: 'true' }, '192.168.1.5'],
  ])('lets %s start', (_name, env, host) => {
    expect(sharedTokenRefusal(env, host)).toBeNull();
  });

  it('needs both halves of sign-in', () => {
    expect(
      sharedTokenRefusal({ ...TOKEN, VERCEL_APP_CLIENT_ID: 'cl_1' }, '0.0.0.0'),
    ).not.toBeNull();
    expect(
      sharedTokenRefusal({ ...TOKEN, VERCEL_APP_CLIENT_SECRET: 'secret' }, '0.0.0.0'),
    ).not.toBeNull();
  });

  it('refuses an ALLOW_SHARED_TOKEN it cannot read rather than guessing', () => {
    expect(parseAllowSharedToken('0')).toBe(false);
    expect(parseAllowSharedToken(undefined)).toBe(false);
    expect(() => sharedTokenRefusal({ ...TOKEN, ALLOW_SHARED_TOKEN: 'yes' }, '0.0.0.0')).toThrow(
      'ALLOW_SHARED_TOKEN must be 1 or 0, got "yes".',
    );
  });

  it('warns in the banner when the token is shared on purpose', () => {
    expect(sharedTokenWarning({ ...TOKEN, ALLOW_SHARED_TOKEN: '1' }, '0.0.0.0')).toMatch(
      /^Warning: ALLOW_SHARED_TOKEN=1: everyone who can reach HOST=0\.0\.0\.0/,
    );
    expect(sharedTokenWarning({ ...TOKEN, ALLOW_SHARED_TOKEN: '1' }, '127.0.0.1')).toBeNull();
    expect(sharedTokenWarning(TOKEN, '0.0.0.0')).toBeNull();
  });
});

describe('server/main.ts at start', () => {
  let upstream: RecordingUpstream;
  beforeAll(async () => {
    upstream = await startRecordingUpstream();
  });
  afterAll(() => upstream.close());

  it('exits non-zero with the one-line reason on HOST=0.0.0.0 with a shared token', async () => {
    const start = startServer({
      env: { HOST: '0.0.0.0', ...TOKEN, VERCEL_API_URL: upstream.url, ALLOW_SHARED_TOKEN: '' },
    });
    const err = (await start.then(
      () => new Error('started'),
      (e: unknown) => e,
    )) as Error;
    expect(err.message).toMatch(/exited \(code 1\) before listening/);
    const stderr = err.message.split('stderr:\n')[1]!;
    expect(stderr.split('\n')).toEqual([
      expect.stringMatching(
        /^vcr-dashboard: refusing to start: HOST=0\.0\.0\.0 .*Sign in with Vercel .*ALLOW_SHARED_TOKEN=1 to accept that everyone who can reach the server reads with that token\.$/,
      ),
    ]);
    expect(err.message).not.toContain('vcr_server_token_1234');
    expect(upstream.requests).toHaveLength(0);
  });

  it('starts with ALLOW_SHARED_TOKEN=1, says so, and still checks Host', async () => {
    const server = await startServer({
      env: { HOST: '0.0.0.0', ...TOKEN, VERCEL_API_URL: upstream.url, ALLOW_SHARED_TOKEN: '1' },
    });
    try {
      const port = Number(new URL(server.url).port);
      const foreign = await rawGet(port, '/api/v2/user', ['Host: attacker.example']);
      expect(foreign.status).toBe(421);
      // 0.0.0.0 is where it binds, not a name anyone reaches it by.
      const wildcard = await rawGet(port, '/api/v2/user', [`Host: 0.0.0.0:${port}`]);
      expect(wildcard.status).toBe(421);
      expect(upstream.requests).toHaveLength(0);
      const own = await rawGet(port, '/api/v2/user');
      expect(own.status).toBe(200);
      expect(upstream.requests).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });

  it('names a bad ALLOWED_HOSTS at start', async () => {
    await expect(
      startServer({ env: { ALLOWED_HOSTS: 'https://dash.example.com' } }),
    ).rejects.toThrow(/vcr-dashboard: ALLOWED_HOSTS: "https:\/\/dash\.example\.com" is a URL/);
  });

  it('answers the names in ALLOWED_HOSTS and PUBLIC_URL', async () => {
    const server = await startServer({
      env: { ALLOWED_HOSTS: 'box.lan', PUBLIC_URL: 'https://dash.example.com' },
    });
    try {
      const port = Number(new URL(server.url).port);
      for (const host of ['box.lan', `box.lan:${port}`, 'dash.example.com']) {
        const res = await rawGet(port, '/_dashboard/config', [`Host: ${host}`]);
        expect(res.status, host).toBe(200);
      }
      const other = await rawGet(port, '/_dashboard/config', ['Host: dash.example.com:8443']);
      expect(other.status).toBe(421);
    } finally {
      await server.stop();
    }
  });
});
