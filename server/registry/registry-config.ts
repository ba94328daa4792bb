// VCR_REGISTRY_URL: where the proxy reads registry manifests (default vcr.vercel.com). Same
// rules as VERCEL_API_URL: http(s), no credentials, query or fragment.
import type { Env } from '../env';
import { DEFAULT_REGISTRY_URL, type RegistryUpstream } from './registry-route';

export function registryUpstreamFromEnv(
  env: Env,
  serverToken: string | undefined,
): RegistryUpstream {
  const raw = env.VCR_REGISTRY_URL?.trim() || DEFAULT_REGISTRY_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`VCR_REGISTRY_URL is not a URL: "${raw}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VCR_REGISTRY_URL must be an http(s) URL, got "${url.protocol}".`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(
      'VCR_REGISTRY_URL must be an origin only (no path, credentials, query or fragment).',
    );
  }
  return { url: url.origin, ...(serverToken ? { serverToken } : {}) };
}
