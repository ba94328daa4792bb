import { describe, expect, it } from 'vitest';
import { parseAuthSettings, signInNeedsRealApi } from './auth-config';

const SECRET = 'x'.repeat(32);
const BASE = {
  VERCEL_APP_CLIENT_ID: 'cl_demo',
  VERCEL_APP_CLIENT_SECRET: 'secret',
  SESSION_SECRET: SECRET,
};

describe('parseAuthSettings', () => {
  it('is off without the app credentials', () => {
    expect(parseAuthSettings({})).toBeNull();
    expect(parseAuthSettings({ PUBLIC_URL: 'https://vcr.example.com' })).toBeNull();
  });

  it('reads per-user mode with defaults', () => {
    const s = parseAuthSettings(BASE)!;
    expect(s.mode).toBe('per-user');
    expect(s.issuer).toBe('https://vercel.com');
    expect(s.publicUrl).toBeUndefined();
    expect(s.allowedUsers).toBeUndefined();
  });

  it('reads allow-list mode with VERCEL_TOKEN and ALLOWED_USERS', () => {
    const s = parseAuthSettings({
      ...BASE,
      VERCEL_TOKEN: 't',
      ALLOWED_USERS: 'alice,@example.com',
    })!;
    expect(s.mode).toBe('allow-list');
    expect(s.allowedUsers).toHaveLength(2);
  });

  it('reads PUBLIC_URL and an http loopback issuer', () => {
    const s = parseAuthSettings({
      ...BASE,
      PUBLIC_URL: 'https://vcr.example.com',
      VERCEL_OAUTH_ISSUER: 'http://127.0.0.1:4000/',
    })!;
    expect(s.publicUrl?.origin).toBe('https://vcr.example.com');
    expect(s.issuer).toBe('http://127.0.0.1:4000');
  });

  it.each([
    [
      'stray sign-in variable',
      { SESSION_SECRET: SECRET },
      /SESSION_SECRET is set but sign-in is off/,
    ],
    ['secret without id', { VERCEL_APP_CLIENT_SECRET: 's' }, /without VERCEL_APP_CLIENT_ID/],
    ['id without secret', { VERCEL_APP_CLIENT_ID: 'cl_x' }, /without VERCEL_APP_CLIENT_SECRET/],
    ['no SESSION_SECRET', { ...BASE, SESSION_SECRET: '' }, /SESSION_SECRET is required/],
    [
      'short SESSION_SECRET',
      { ...BASE, SESSION_SECRET: 'x'.repeat(31) },
      /SESSION_SECRET is too short/,
    ],
    ['token without list', { ...BASE, VERCEL_TOKEN: 't' }, /needs ALLOWED_USERS/],
    ['bad list', { ...BASE, VERCEL_TOKEN: 't', ALLOWED_USERS: 'a b' }, /ALLOWED_USERS: "a b"/],
    ['PUBLIC_URL not a URL', { ...BASE, PUBLIC_URL: 'vcr.example.com' }, /PUBLIC_URL is not a URL/],
    ['PUBLIC_URL with a path', { ...BASE, PUBLIC_URL: 'https://x.example/app' }, /origin only/],
    ['PUBLIC_URL http off loopback', { ...BASE, PUBLIC_URL: 'http://x.example' }, /must use https/],
    ['non-loopback HOST without PUBLIC_URL', { ...BASE, HOST: '0.0.0.0' }, /set PUBLIC_URL/],
    [
      'issuer http off loopback',
      { ...BASE, VERCEL_OAUTH_ISSUER: 'http://idp.example' },
      /must be https/,
    ],
    ['issuer not a URL', { ...BASE, VERCEL_OAUTH_ISSUER: 'vercel' }, /not a URL/],
    [
      'embedded issuer with a proxy',
      { ...BASE, VERCEL_OAUTH_ISSUER: 'embedded', VERCEL_API_URL: 'http://127.0.0.1:1' },
      /needs the embedded emulator/,
    ],
  ])('refuses %s in one line', (_label, env, message) => {
    let error: unknown;
    try {
      parseAuthSettings(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    // Never echo a secret back.
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('allows a non-loopback HOST when PUBLIC_URL says where teammates come from', () => {
    expect(
      parseAuthSettings({ ...BASE, HOST: '0.0.0.0', PUBLIC_URL: 'https://vcr.example.com' })?.mode,
    ).toBe('per-user');
  });
});

describe('signInNeedsRealApi', () => {
  it('sends sign-in without VERCEL_API_URL to api.vercel.com, except with the embedded issuer', () => {
    expect(signInNeedsRealApi(BASE)).toBe(true);
    expect(signInNeedsRealApi({ ...BASE, VERCEL_OAUTH_ISSUER: 'embedded' })).toBe(false);
    expect(signInNeedsRealApi({ ...BASE, VERCEL_API_URL: 'http://127.0.0.1:4000' })).toBe(false);
    expect(signInNeedsRealApi({})).toBe(false);
  });
});
