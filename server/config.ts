// Chooses what answers /api: the real Vercel API when a token is configured, else the
// embedded emulator. Nothing else in the server knows which one it is talking to.
import type { ApiBackend } from './backend';

export type Env = Record<string, string | undefined>;

export async function createBackendFromEnv(env: Env): Promise<ApiBackend> {
  if (env.VERCEL_TOKEN) {
    const { createProxyBackend } = await import('./proxy/proxy-backend');
    return createProxyBackend({
      token: env.VERCEL_TOKEN,
      upstream: env.VERCEL_API_URL ?? 'https://api.vercel.com',
    });
  }
  const { createEmulatorBackend } = await import('./emulator/emulator-backend');
  return createEmulatorBackend({ seedPath: env.VCR_SEED });
}
