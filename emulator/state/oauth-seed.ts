// The seed's OAuth additions: the people who can sign in (`users`) and the Vercel Apps they
// sign in to (`oauthApps`). Both are optional, so a seed without sign-in stays valid.
// seed-schema.ts composes these shapes into the seed and calls checkOAuthSeed for the rules
// a shape cannot say (known teams, unique ids, redirect URIs that are real URLs).
import * as z from 'zod/mini';
import { SLUG_RE } from '../../src/api/schemas';
import { isLoopbackHost } from '../oauth/redirect-uri';

export const USER_ID_RE = /^user_[A-Za-z0-9]+$/;
/** Vercel App client ids look like `cl_…` (Settings → Apps). */
export const CLIENT_ID_RE = /^cl_[A-Za-z0-9]+$/;
export const MAX_ACCESS_TOKEN_TTL_SECONDS = 86_400;

export const seedUserSchema = z.strictObject({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string(),
  teamIds: z.array(z.string()),
});

export const seedOAuthAppSchema = z.strictObject({
  clientId: z.string(),
  clientSecret: z.string(),
  redirectUris: z.array(z.string()),
  installedTeamIds: z.array(z.string()),
  /** Shown on the authorize page; the client id when absent. */
  name: z.optional(z.string()),
  /** Emulator-only: access-token lifetime (default 3600, Vercel's); short ones test refresh. */
  accessTokenTtlSeconds: z.optional(z.number()),
  /**
   * Vercel's "Sign-In Access: members of the owning team only" (contract §3): when set, only
   * members of this team may sign in; anyone else gets `access_denied`.
   */
  signInTeamId: z.optional(z.string()),
});

export type SeedUser = z.infer<typeof seedUserSchema>;
export type SeedOAuthApp = z.infer<typeof seedOAuthAppSchema>;

interface CheckSink {
  check(ok: boolean, path: string, reason: string): void;
}

function redirectUriProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL';
  }
  if (url.hash || raw.includes('#')) return 'must not have a fragment (RFC 6749 §3.1.2)';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  return 'must be https, or http on a loopback host (127.0.0.1, [::1], localhost)';
}

export function checkOAuthSeed(
  seed: { users?: SeedUser[]; oauthApps?: SeedOAuthApp[] },
  teamIds: ReadonlySet<string>,
  c: CheckSink,
): void {
  const ids = new Set<string>();
  const usernames = new Set<string>();
  const emails = new Set<string>();
  (seed.users ?? []).forEach((u, i) => {
    const at = `users[${i}]`;
    c.check(USER_ID_RE.test(u.id), `${at}.id`, 'must look like user_<alphanumerics>');
    c.check(!ids.has(u.id), `${at}.id`, `duplicate user id "${u.id}"`);
    c.check(
      SLUG_RE.test(u.username),
      `${at}.username`,
      'must be lowercase letters, digits and "-" (at most 48 characters)',
    );
    c.check(!usernames.has(u.username), `${at}.username`, `duplicate username "${u.username}"`);
    c.check(/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(u.email), `${at}.email`, 'must be an email address');
    c.check(!emails.has(u.email), `${at}.email`, `duplicate email "${u.email}"`);
    c.check(u.name.trim().length > 0, `${at}.name`, 'must not be empty');
    u.teamIds.forEach((id, j) => {
      c.check(teamIds.has(id), `${at}.teamIds[${j}]`, `unknown team "${id}" (not in teams)`);
    });
    ids.add(u.id);
    usernames.add(u.username);
    emails.add(u.email);
  });

  const clientIds = new Set<string>();
  (seed.oauthApps ?? []).forEach((a, i) => {
    const at = `oauthApps[${i}]`;
    c.check(CLIENT_ID_RE.test(a.clientId), `${at}.clientId`, 'must look like cl_<alphanumerics>');
    c.check(!clientIds.has(a.clientId), `${at}.clientId`, `duplicate clientId "${a.clientId}"`);
    clientIds.add(a.clientId);
    c.check(
      /^[\x21-\x7e]{8,512}$/.test(a.clientSecret),
      `${at}.clientSecret`,
      'must be 8–512 printable characters without spaces',
    );
    c.check(a.redirectUris.length > 0, `${at}.redirectUris`, 'needs at least one redirect URI');
    a.redirectUris.forEach((uri, j) => {
      const problem = redirectUriProblem(uri);
      c.check(problem === undefined, `${at}.redirectUris[${j}]`, problem ?? '');
    });
    a.installedTeamIds.forEach((id, j) => {
      c.check(
        teamIds.has(id),
        `${at}.installedTeamIds[${j}]`,
        `unknown team "${id}" (not in teams)`,
      );
    });
    if (a.name !== undefined) {
      c.check(a.name.trim().length > 0, `${at}.name`, 'must not be empty');
    }
    if (a.signInTeamId !== undefined) {
      c.check(
        teamIds.has(a.signInTeamId),
        `${at}.signInTeamId`,
        `unknown team "${a.signInTeamId}" (not in teams)`,
      );
    }
    if (a.accessTokenTtlSeconds !== undefined) {
      c.check(
        Number.isInteger(a.accessTokenTtlSeconds) &&
          a.accessTokenTtlSeconds >= 1 &&
          a.accessTokenTtlSeconds <= MAX_ACCESS_TOKEN_TTL_SECONDS,
        `${at}.accessTokenTtlSeconds`,
        `must be a whole number of seconds from 1 to ${MAX_ACCESS_TOKEN_TTL_SECONDS}`,
      );
    }
  });
}
