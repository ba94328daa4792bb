// server/main.ts as a real process: sign-in misconfigurations stop the start with one clear
// line, and a good configuration prints the mode and the redirect URI of the actual port.
import { describe, expect, it } from 'vitest';
import { startServer } from '../../e2e/support/spawn-server';

const SIGN_IN = {
  VERCEL_APP_CLIENT_ID: 'cl_e2edashboard',
  VERCEL_APP_CLIENT_SECRET: 'e2e_client_secret_0123456789',
  VERCEL_OAUTH_ISSUER: 'embedded',
  SESSION_SECRET: 'start-test-session-secret-0123456789abcdef',
};

async function refusal(env: Record<string, string>): Promise<string> {
  const error = await startServer({ seed: 'e2e/fixtures/seed.json', env }).then(
    async (server) => {
      await server.stop();
      throw new Error('the server started');
    },
    (err: unknown) => err as Error,
  );
  const stderr = error.message.split('stderr:\n')[1] ?? '';
  return stderr.trim();
}

describe('npm start with sign-in', () => {
  it('refuses VERCEL_TOKEN without ALLOWED_USERS in one line', async () => {
    const line = await refusal({
      ...SIGN_IN,
      VERCEL_OAUTH_ISSUER: 'https://vercel.com',
      VERCEL_TOKEN: 'vcr_e2e_token',
    });
    expect(line).toMatch(/^vcr-dashboard: VERCEL_TOKEN with sign-in needs ALLOWED_USERS/);
    expect(line.split('\n')).toHaveLength(1);
  }, 30_000);

  it('refuses a short SESSION_SECRET in one line, without echoing it', async () => {
    const line = await refusal({ ...SIGN_IN, SESSION_SECRET: 'short-secret-value' });
    expect(line).toBe(
      'vcr-dashboard: SESSION_SECRET is too short: at least 32 bytes (e.g. `openssl rand -base64 48`).',
    );
  }, 30_000);

  it('starts on the embedded issuer and names the redirect URI of the real port', async () => {
    const server = await startServer({ seed: 'e2e/fixtures/seed.json', env: SIGN_IN });
    try {
      const port = new URL(server.url).port;
      const discovery = await fetch(
        `${server.url}__emulator/oauth/.well-known/openid-configuration`,
      );
      expect(((await discovery.json()) as { issuer: string }).issuer).toBe(
        `http://127.0.0.1:${port}/__emulator/oauth`,
      );
      const login = await fetch(`${server.url}auth/login?returnTo=%2F`, { redirect: 'manual' });
      expect(login.status).toBe(302);
      const authorize = new URL(login.headers.get('location')!);
      expect(authorize.searchParams.get('redirect_uri')).toBe(
        `http://127.0.0.1:${port}/auth/callback`,
      );
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('scope')).toBe('openid email profile offline_access');
      expect(authorize.searchParams.get('state')).toBeTruthy();
      expect(authorize.searchParams.get('nonce')).toBeTruthy();
    } finally {
      await server.stop();
    }
  }, 30_000);
});
