import { describe, expect, it } from 'vitest';
import { createServerFromEnv } from './create-server';
import { deploymentHosts, resolveDeployment } from './deployment';

const HOSTS = {
  VERCEL_URL: 'vcr-abc123.vercel.app',
  VERCEL_BRANCH_URL: 'vcr-git-main-team.vercel.app',
  VERCEL_PROJECT_PRODUCTION_URL: 'Registry.Example.com',
};

describe('resolveDeployment', () => {
  it('serves the demo when nothing is configured', () => {
    expect(resolveDeployment(HOSTS).mode).toBe('demo');
    // Blank values (a copied .env) do not turn the demo into a proxy.
    const blank = resolveDeployment({ ...HOSTS, VERCEL_TOKEN: ' ', VERCEL_API_URL: '' });
    expect(blank.mode).toBe('demo');
    expect(blank.env.VERCEL_TOKEN).toBeUndefined();
    expect(blank.env.VERCEL_API_URL).toBeUndefined();
  });

  it('is sign-in when a Vercel app client id is set, even with a server token', () => {
    const signIn = { VERCEL_APP_CLIENT_ID: 'cl_1', PUBLIC_URL: 'https://vcr.example.com' };
    expect(resolveDeployment(signIn).mode).toBe('sign-in');
    expect(resolveDeployment({ ...signIn, VERCEL_TOKEN: 't' }).mode).toBe('sign-in');
  });

  it('asks sign-in for PUBLIC_URL, and refuses the embedded issuer, which is not deployed', () => {
    expect(() =>
      resolveDeployment({ VERCEL_APP_CLIENT_ID: 'cl_1', VERCEL_PROJECT_PRODUCTION_URL: 'x.app' }),
    ).toThrow(/PUBLIC_URL.*https:\/\/x\.app/);
    expect(() =>
      resolveDeployment({
        VERCEL_APP_CLIENT_ID: 'cl_1',
        PUBLIC_URL: 'https://vcr.example.com',
        VERCEL_OAUTH_ISSUER: 'embedded',
      }),
    ).toThrow(/VERCEL_OAUTH_ISSUER=embedded/);
  });

  it('shares a server token only with ALLOW_SHARED_TOKEN=1, naming the fix otherwise', () => {
    expect(() => resolveDeployment({ VERCEL_TOKEN: 'tok_123' })).toThrow(/ALLOW_SHARED_TOKEN=1/);
    expect(() => resolveDeployment({ VERCEL_TOKEN: 'tok_123', ALLOW_SHARED_TOKEN: '0' })).toThrow(
      /VERCEL_APP_CLIENT_ID/,
    );
    expect(() => resolveDeployment({ VERCEL_TOKEN: 'tok_123', ALLOW_SHARED_TOKEN: 'yes' })).toThrow(
      /ALLOW_SHARED_TOKEN must be 1 or 0/,
    );
    expect(resolveDeployment({ VERCEL_TOKEN: 'tok_123', ALLOW_SHARED_TOKEN: '1' }).mode).toBe(
      'shared-token',
    );
  });

  it('lets each tab bring its own token when only VERCEL_API_URL is set', () => {
    expect(resolveDeployment({ VERCEL_API_URL: 'https://api.vercel.com' }).mode).toBe(
      'token-per-tab',
    );
  });

  it('takes the scope from VCR_PROJECT_ID/VCR_TEAM_ID, never from Vercel’s own VERCEL_PROJECT_ID', () => {
    const own = resolveDeployment({ VERCEL_PROJECT_ID: 'prj_dashboard', VERCEL_ORG_ID: 'team_x' });
    expect(own.env.VERCEL_PROJECT_ID).toBeUndefined();
    expect(own.env.VERCEL_ORG_ID).toBeUndefined();
    const vcr = resolveDeployment({
      VERCEL_PROJECT_ID: 'prj_dashboard',
      VCR_PROJECT_ID: 'prj_registry',
      VCR_TEAM_ID: 'team_registry',
    });
    expect(vcr.env).toMatchObject({
      VERCEL_PROJECT_ID: 'prj_registry',
      VERCEL_ORG_ID: 'team_registry',
    });
  });
});

describe('deploymentHosts and the allow-list', () => {
  it('lists the deployment’s system hosts and ALLOWED_HOSTS, lower-cased, once each', () => {
    expect(
      deploymentHosts({ ...HOSTS, ALLOWED_HOSTS: ' a.example , vcr-abc123.vercel.app,,' }),
    ).toEqual([
      'vcr-abc123.vercel.app',
      'vcr-git-main-team.vercel.app',
      'registry.example.com',
      'a.example',
    ]);
  });

  it('accepts those hosts and PUBLIC_URL’s, and no other', () => {
    const { hosts } = resolveDeployment({
      ...HOSTS,
      PUBLIC_URL: 'https://dash.example.com',
      ALLOWED_HOSTS: '.northwind.example',
    });
    for (const host of [
      'vcr-abc123.vercel.app',
      'VCR-GIT-MAIN-TEAM.vercel.app',
      'registry.example.com',
      'dash.example.com',
      'eu.northwind.example',
    ]) {
      expect(hosts.allows(host), host).toBe(true);
    }
    for (const host of ['evil.example', 'vercel.app', 'dash.example.com:8443', 'example.com']) {
      expect(hosts.allows(host), host).toBe(false);
    }
    expect(hosts.allowsOrigin('https://registry.example.com')).toBe(true);
    expect(hosts.allowsOrigin('https://evil.example')).toBe(false);
  });

  it('refuses a PUBLIC_URL or ALLOWED_HOSTS entry that is not one, naming it', () => {
    expect(() => resolveDeployment({ PUBLIC_URL: 'dash.example.com' })).toThrow(/PUBLIC_URL/);
    expect(() => resolveDeployment({ ALLOWED_HOSTS: 'https://x.example' })).toThrow(
      /ALLOWED_HOSTS/,
    );
  });
});

describe('createServerFromEnv on the vercel host', () => {
  it('serves the demo without the emulator control routes, and only on its hosts', async () => {
    const server = await createServerFromEnv(HOSTS, { host: 'vercel', distDir: 'dist', cwd: '.' });
    const host = { host: 'vcr-abc123.vercel.app' };
    const config = await server.app.request('/_dashboard/config', { headers: host });
    expect(await config.json()).toMatchObject({ mode: 'emulator', deployment: 'demo' });
    const reset = await server.app.request('/__emulator/reset', { method: 'POST', headers: host });
    expect(reset.status).toBe(404);
    const foreign = await server.app.request('/_dashboard/config', {
      headers: { host: 'evil.example' },
    });
    expect(foreign.status).toBe(421);
    expect(foreign.headers.get('x-content-type-options')).toBe('nosniff');
    expect(server.banner()[0]).toMatch(/^Vercel deployment: demo/);
  });

  it('puts /api behind Sign in with Vercel in sign-in mode', async () => {
    const server = await createServerFromEnv(
      {
        ...HOSTS,
        VERCEL_APP_CLIENT_ID: 'cl_dashboard',
        VERCEL_APP_CLIENT_SECRET: 'secret_dashboard',
        SESSION_SECRET: 'x'.repeat(48),
        PUBLIC_URL: 'https://registry.example.com',
        VERCEL_API_URL: 'http://127.0.0.1:9',
      },
      { host: 'vercel', distDir: 'dist', cwd: '.' },
    );
    expect(server.auth?.redirectUri()).toBe('https://registry.example.com/auth/callback');
    const host = { host: 'registry.example.com' };
    const api = await server.app.request('/api/v2/user', { headers: host });
    expect(api.status).toBe(401);
    const config = await server.app.request('/_dashboard/config', { headers: host });
    expect(await config.json()).toMatchObject({
      deployment: 'sign-in',
      auth: { mode: 'per-user' },
    });
  });
});
