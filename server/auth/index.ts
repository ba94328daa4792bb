// Entry point for servers that mount sign-in (server/main.ts, a serverless handler): reads the
// settings from the environment and builds the Auth, or returns undefined when sign-in is off.
import type { Env } from '../config';
import { createAuth, type Auth } from './auth';
import { parseAuthSettings } from './auth-config';

export type { Auth, AuthDescription } from './auth';
export { parseAuthSettings } from './auth-config';

export function createAuthFromEnv(
  env: Env,
  localOrigin: () => string,
  log: (line: string) => void = (line) => console.error(line),
): Auth | undefined {
  const settings = parseAuthSettings(env);
  return settings ? createAuth({ settings, localOrigin, log }) : undefined;
}

/** One line for the start-up banner. */
export function describeAuth(auth: Auth | undefined): string {
  if (!auth) return 'Sign in with Vercel: off';
  const who =
    auth.mode === 'per-user'
      ? 'each user reads with their own Vercel access token'
      : "listed users (ALLOWED_USERS) read with the server's VERCEL_TOKEN";
  return `Sign in with Vercel: on, ${auth.mode} (${who}); redirect URI ${auth.redirectUri()}`;
}
