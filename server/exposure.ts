// Whether starting would hand the server's own Vercel token to everyone on the network.
// A server bound beyond loopback, holding VERCEL_TOKEN, and without Sign in with Vercel
// answers every reachable client with that token: it refuses to start unless told that
// this is what is wanted (ALLOW_SHARED_TOKEN=1).
import type { Env } from './config';

/** Loopback bind addresses: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return (
    h === 'localhost' ||
    h === '::1' ||
    h === '0:0:0:0:0:0:0:1' ||
    /^127\.(?:\d{1,3}\.){2}\d{1,3}$/.test(h) ||
    /^::ffff:127\.(?:\d{1,3}\.){2}\d{1,3}$/.test(h)
  );
}

/** ALLOW_SHARED_TOKEN: 1/true or 0/false/empty; anything else is refused, not guessed. */
export function parseAllowSharedToken(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  throw new Error(`ALLOW_SHARED_TOKEN must be 1 or 0, got "${(value ?? '').slice(0, 40)}".`);
}

/** Sign in with Vercel is configured when the app's client id and secret are both set. */
export function signInConfigured(env: Env): boolean {
  return Boolean(env.VERCEL_APP_CLIENT_ID?.trim() && env.VERCEL_APP_CLIENT_SECRET?.trim());
}

/**
 * The one-line reason the server must not start with this environment, or null. `host` is
 * the address the server binds (HOST, default 127.0.0.1).
 */
export function sharedTokenRefusal(env: Env, host: string): string | null {
  const allowed = parseAllowSharedToken(env.ALLOW_SHARED_TOKEN);
  if (isLoopbackHost(host) || !env.VERCEL_TOKEN?.trim() || signInConfigured(env) || allowed) {
    return null;
  }
  return (
    `refusing to start: HOST=${host.slice(0, 100)} lets other machines reach this server, and without sign-in ` +
    `every one of them would read the Vercel API with the server's VERCEL_TOKEN. Either configure ` +
    `Sign in with Vercel (VERCEL_APP_CLIENT_ID and VERCEL_APP_CLIENT_SECRET), or set ` +
    `ALLOW_SHARED_TOKEN=1 to accept that everyone who can reach the server reads with that token.`
  );
}

/** A banner line when the token is shared on purpose; null otherwise. */
export function sharedTokenWarning(env: Env, host: string): string | null {
  if (isLoopbackHost(host) || !env.VERCEL_TOKEN?.trim() || signInConfigured(env)) return null;
  return parseAllowSharedToken(env.ALLOW_SHARED_TOKEN)
    ? `Warning: ALLOW_SHARED_TOKEN=1: everyone who can reach HOST=${host.slice(0, 100)} reads the Vercel API with the server's token.`
    : null;
}
