import { describe, expect, it } from 'vitest';
import { createBackendFromEnv, describeScope, parseCacheMs } from './config';

describe('createBackendFromEnv', () => {
  it('proxies with the server token when VERCEL_TOKEN is set, never printing it', async () => {
    const backend = await createBackendFromEnv({
      VERCEL_TOKEN: 'tok_secret_1234',
      VERCEL_API_URL: 'http://127.0.0.1:9',
    });
    expect(backend.mode).toBe('proxy');
    expect(backend.control).toBeUndefined();
    expect(backend.describe()).toBe('API: proxy to http://127.0.0.1:9 (token from VERCEL_TOKEN)');
    expect(backend.describe()).not.toContain('tok_secret_1234');
  });

  it('defaults the upstream to api.vercel.com', async () => {
    const backend = await createBackendFromEnv({ VERCEL_TOKEN: 'tok_secret_1234' });
    expect(backend.describe()).toContain('https://api.vercel.com');
  });

  it('proxies without a server token when only VERCEL_API_URL is set', async () => {
    const backend = await createBackendFromEnv({ VERCEL_API_URL: 'https://api.vercel.com' });
    expect(backend.mode).toBe('proxy');
    expect(backend.describe()).toContain('no server token');
  });

  it('refuses bad settings with a message naming them', async () => {
    await expect(
      createBackendFromEnv({ VERCEL_TOKEN: 't', VERCEL_API_URL: 'ftp://x' }),
    ).rejects.toThrow(/VERCEL_API_URL/);
    await expect(
      createBackendFromEnv({ VERCEL_TOKEN: 't', VERCEL_API_TIMEOUT_MS: 'soon' }),
    ).rejects.toThrow(/VERCEL_API_TIMEOUT_MS/);
  });
});

describe('describeScope', () => {
  it('names the scope and where it came from', () => {
    expect(describeScope({ projectId: 'prj_1', teamId: 'team_1', source: 'env' })).toBe(
      'Default scope: prj_1 / team_1 (from VERCEL_PROJECT_ID)',
    );
    expect(describeScope({ projectId: 'prj_1', source: 'vercel-project-json' })).toContain(
      '.vercel/project.json',
    );
    expect(describeScope(null)).toContain('none');
  });
});

describe('VERCEL_API_CACHE_MS', () => {
  it('takes 0 to 1000 ms and refuses anything else by name', () => {
    expect(parseCacheMs(undefined)).toBeUndefined();
    expect(parseCacheMs('0')).toBe(0);
    expect(parseCacheMs('1000')).toBe(1000);
    for (const bad of ['1001', '-1', '0.5', 'soon']) {
      expect(() => parseCacheMs(bad)).toThrow(/^VERCEL_API_CACHE_MS must be/);
    }
  });
});
