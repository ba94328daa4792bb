// Sign in with Vercel: which settings turn it on and what they must look like. Every mistake
// is refused at start with one line naming the variable and the fix, never at the first
// visitor's sign-in.
import type { Env } from '../env';
import { parseAllowedUsers, type AllowedEntry } from './allowed-users';
import { MIN_SECRET_BYTES } from './sealed-cookie';

export const DEFAULT_ISSUER = 'https://vercel.com';
/** VERCEL_OAUTH_ISSUER=embedded: the emulator's authorization server inside this server. */
export const EMBEDDED_ISSUER = 'embedded';
export const EMBEDDED_ISSUER_PATH = '/__emulator/oauth';
export const SCOPES = 'openid email profile offline_access';

/**
 * per-user: each request reads with the signed-in user's own access token.
 * allow-list: sign-in only proves who it is; listed users read with the server's VERCEL_TOKEN.
 */
export type SignInMode = 'per-user' | 'allow-list';

export interface AuthSettings {
  mode: SignInMode;
  clientId: string;
  clientSecret: string;
  /** The issuer URL, or 'embedded' (resolved against this server's own origin at run time). */
  issuer: string;
  /** The external origin from PUBLIC_URL; undefined = http://127.0.0.1:<port> (local use). */
  publicUrl: URL | undefined;
  sessionSecret: string;
  /** Who may use the dashboard; required in allow-list mode, optional per user. */
  allowedUsers: AllowedEntry[] | undefined;
}

const SIGN_IN_VARIABLES = [
  'VERCEL_OAUTH_ISSUER',
  'SESSION_SECRET',
  'ALLOWED_USERS',
  'PUBLIC_URL',
] as const;

export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function value(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

/** The external origin, as a URL with only scheme, host and port. */
export function parsePublicUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`PUBLIC_URL is not a URL: "${raw}". Example: https://vcr.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_URL must be an http(s) URL, got "${url.protocol}".`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(
      `PUBLIC_URL must be an origin only (scheme, host, port), without a path, query or credentials: "${raw}".`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHostname(url.hostname)) {
    throw new Error(
      `PUBLIC_URL must use https for a non-loopback host (${url.host}): session cookies must not travel in clear text.`,
    );
  }
  return url;
}

function parseIssuer(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_ISSUER;
  if (raw === EMBEDDED_ISSUER) return EMBEDDED_ISSUER;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `VERCEL_OAUTH_ISSUER is not a URL: "${raw}". Leave it unset for ${DEFAULT_ISSUER}.`,
    );
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && isLoopbackHostname(url.hostname))
  ) {
    throw new Error(
      `VERCEL_OAUTH_ISSUER must be https (http only on a loopback address), got "${raw}".`,
    );
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error('VERCEL_OAUTH_ISSUER must not carry credentials, a query or a fragment.');
  }
  return url.href.replace(/\/$/, '');
}

/** The sign-in settings, null when sign-in is off; throws one clear line when misconfigured. */
export function parseAuthSettings(env: Env): AuthSettings | null {
  const clientId = value(env, 'VERCEL_APP_CLIENT_ID');
  const clientSecret = value(env, 'VERCEL_APP_CLIENT_SECRET');
  if (!clientId && !clientSecret) {
    const stray = SIGN_IN_VARIABLES.filter((name) => name !== 'PUBLIC_URL' && value(env, name));
    if (stray.length > 0) {
      throw new Error(
        `${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but sign-in is off: set VERCEL_APP_CLIENT_ID and VERCEL_APP_CLIENT_SECRET (the Vercel App's credentials), or unset ${stray.length > 1 ? 'them' : 'it'}.`,
      );
    }
    return null;
  }
  if (!clientId) {
    throw new Error(
      'VERCEL_APP_CLIENT_SECRET is set without VERCEL_APP_CLIENT_ID: set both (the Vercel App\'s client id is "cl_…").',
    );
  }
  if (!clientSecret) {
    throw new Error(
      "VERCEL_APP_CLIENT_ID is set without VERCEL_APP_CLIENT_SECRET: set both (create a secret in the Vercel App's settings).",
    );
  }
  if (!/^[\x21-\x7e]{1,256}$/.test(clientId)) {
    throw new Error('VERCEL_APP_CLIENT_ID contains spaces or characters a client id cannot have.');
  }

  const sessionSecret = env.SESSION_SECRET ?? '';
  if (sessionSecret.trim() === '') {
    throw new Error(
      `SESSION_SECRET is required with sign-in (at least ${MIN_SECRET_BYTES} bytes; e.g. \`openssl rand -base64 48\`).`,
    );
  }
  if (Buffer.byteLength(sessionSecret, 'utf8') < MIN_SECRET_BYTES) {
    throw new Error(
      `SESSION_SECRET is too short: at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`).`,
    );
  }

  const rawPublic = value(env, 'PUBLIC_URL');
  const publicUrl = rawPublic ? parsePublicUrl(rawPublic) : undefined;
  const host = value(env, 'HOST');
  if (!publicUrl && host && !isLoopbackHostname(host)) {
    throw new Error(
      `HOST=${host} is not a loopback address: set PUBLIC_URL to the origin your teammates open (e.g. https://vcr.example.com), so sign-in can come back to it.`,
    );
  }

  const issuer = parseIssuer(value(env, 'VERCEL_OAUTH_ISSUER'));
  if (issuer === EMBEDDED_ISSUER && (value(env, 'VERCEL_TOKEN') || value(env, 'VERCEL_API_URL'))) {
    throw new Error(
      'VERCEL_OAUTH_ISSUER=embedded needs the embedded emulator: unset VERCEL_TOKEN and VERCEL_API_URL, or point VERCEL_OAUTH_ISSUER at a real issuer.',
    );
  }

  const rawAllowed = value(env, 'ALLOWED_USERS');
  const allowedUsers = rawAllowed ? parseAllowedUsers(rawAllowed) : undefined;
  const mode: SignInMode = value(env, 'VERCEL_TOKEN') ? 'allow-list' : 'per-user';
  if (mode === 'allow-list' && !allowedUsers) {
    throw new Error(
      "VERCEL_TOKEN with sign-in needs ALLOWED_USERS (usernames, emails or @domain, comma-separated): otherwise anyone with a Vercel account would read with the server's token. Or unset VERCEL_TOKEN so each user reads with their own.",
    );
  }

  return { mode, clientId, clientSecret, issuer, publicUrl, sessionSecret, allowedUsers };
}

/**
 * Sign-in without VERCEL_API_URL reads from api.vercel.com, never the embedded emulator:
 * its tokens come from a real issuer. Only the embedded issuer pairs with the emulator.
 */
export function signInNeedsRealApi(env: Env): boolean {
  return Boolean(
    value(env, 'VERCEL_APP_CLIENT_ID') &&
    !value(env, 'VERCEL_API_URL') &&
    value(env, 'VERCEL_OAUTH_ISSUER') !== EMBEDDED_ISSUER,
  );
}
