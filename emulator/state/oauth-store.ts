// The authorization server's memory: seed users and apps, and every code, grant and token it
// has issued. It lives in EmulatorState, so the REST API resolves `vca_…` tokens from the
// same place and `POST /__emulator/reset` signs everybody out.
//
// A grant is one user's consent to one app (one authorization-code exchange). Its access and
// refresh tokens hang off it, which is what lets "revoke the access token" also kill its
// refresh token (Vercel's docs) and a reused refresh token end the whole grant.
import { createHash, randomBytes } from 'node:crypto';
import type { SeedOAuthApp, SeedUser } from './oauth-seed';

export const ACCESS_TOKEN_TTL_SECONDS = 3600;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 86_400;
export const ID_TOKEN_TTL_SECONDS = 3600;
/**
 * Undocumented by Vercel. One minute: the exchange happens right after the redirect, and
 * RFC 6749 §4.1.2 asks for a short lifetime (10 minutes at most).
 */
export const CODE_TTL_SECONDS = 60;

/** How often the store forgets what can no longer be used (a long-running `npm start`). */
export const PRUNE_INTERVAL_MS = 60_000;

export const SUPPORTED_SCOPES = ['openid', 'email', 'profile', 'offline_access'] as const;

export interface OAuthUser {
  id: string;
  username: string;
  email: string;
  name: string;
  teamIds: string[];
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  installedTeamIds: string[];
  name: string;
  accessTokenTtlSeconds: number;
  /** Only members of this team may sign in (Vercel's team-only Sign-In Access). */
  signInTeamId?: string;
}

export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  scopes: string[];
  userId: string;
  expiresAt: number;
  /** Set once redeemed (or tried): codes are single use. */
  usedAt?: number;
  /** The grant its exchange created, revoked if the code is presented again (RFC 6749 §4.1.2). */
  grantId?: string;
}

export interface Grant {
  /** Doubles as introspection's `session_id`. */
  id: string;
  clientId: string;
  userId: string;
  scopes: string[];
  nonce?: string;
  createdAt: number;
  revoked: boolean;
}

export interface IssuedToken {
  token: string;
  kind: 'access' | 'refresh';
  grantId: string;
  jti: string;
  issuedAt: number;
  expiresAt: number;
  /** A rotated refresh token: presenting it again is reuse. */
  usedAt?: number;
  revoked: boolean;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random opaque value: `prefix` + `length` alphanumerics (≈ 5.95 bits each). */
export function randomToken(prefix: string, length = 48): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; i < bytes.length && out.length < length; i++) {
    // Rejection sampling keeps the alphabet uniform.
    if (bytes[i]! < 248) out += ALNUM[bytes[i]! % 62];
  }
  return out.length === length ? `${prefix}${out}` : randomToken(prefix, length);
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class OAuthStore {
  readonly users = new Map<string, OAuthUser>();
  readonly usersByName = new Map<string, OAuthUser>();
  readonly apps = new Map<string, OAuthApp>();
  private codes = new Map<string, AuthorizationCode>();
  private grants = new Map<string, Grant>();
  private tokens = new Map<string, IssuedToken>();
  private lastPrune = 0;
  /** Sign-in sessions at the authorization server (its cookie) → user id. */
  private sessions = new Map<string, string>();
  /** What each user allowed each app: `${userId} ${clientId}` → scopes. */
  private consents = new Map<string, Set<string>>();

  constructor(
    seed: { users?: SeedUser[]; oauthApps?: SeedOAuthApp[] },
    private readonly clock: () => number,
  ) {
    for (const u of seed.users ?? []) {
      const user = { ...u, teamIds: [...u.teamIds] };
      this.users.set(u.id, user);
      this.usersByName.set(u.username, user);
    }
    for (const a of seed.oauthApps ?? []) {
      this.apps.set(a.clientId, {
        clientId: a.clientId,
        clientSecret: a.clientSecret,
        redirectUris: [...a.redirectUris],
        installedTeamIds: [...a.installedTeamIds],
        name: a.name ?? a.clientId,
        accessTokenTtlSeconds: a.accessTokenTtlSeconds ?? ACCESS_TOKEN_TTL_SECONDS,
        ...(a.signInTeamId !== undefined ? { signInTeamId: a.signInTeamId } : {}),
      });
    }
  }

  /** A seed user by username or email, case-insensitively (what a person would type). */
  findUser(login: string): OAuthUser | undefined {
    const wanted = login.trim().toLowerCase();
    if (!wanted) return undefined;
    return (
      this.usersByName.get(wanted) ??
      [...this.users.values()].find((u) => u.email.toLowerCase() === wanted)
    );
  }

  issueCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt'>): AuthorizationCode {
    this.prune();
    const record: AuthorizationCode = {
      ...input,
      code: randomToken('', 40),
      expiresAt: this.clock() + CODE_TTL_SECONDS * 1000,
    };
    this.codes.set(record.code, record);
    return record;
  }

  getCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  createGrant(code: AuthorizationCode): Grant {
    const grant: Grant = {
      id: randomToken('sess_', 24),
      clientId: code.clientId,
      userId: code.userId,
      scopes: [...code.scopes],
      ...(code.nonce !== undefined ? { nonce: code.nonce } : {}),
      createdAt: this.clock(),
      revoked: false,
    };
    this.grants.set(grant.id, grant);
    code.grantId = grant.id;
    return grant;
  }

  getGrant(id: string): Grant | undefined {
    return this.grants.get(id);
  }

  /** A new access token (and refresh token when `offline_access` was granted). */
  issueTokens(grant: Grant): { access: IssuedToken; refresh?: IssuedToken } {
    const now = this.clock();
    const app = this.apps.get(grant.clientId)!;
    const access = this.addToken('access', grant, now, app.accessTokenTtlSeconds);
    const refresh = grant.scopes.includes('offline_access')
      ? this.addToken('refresh', grant, now, REFRESH_TOKEN_TTL_SECONDS)
      : undefined;
    // After adding: the grant now has live tokens, so pruning keeps it.
    this.prune();
    return refresh ? { access, refresh } : { access };
  }

  private addToken(kind: IssuedToken['kind'], grant: Grant, now: number, ttl: number) {
    const record: IssuedToken = {
      token: randomToken(kind === 'access' ? 'vca_' : 'vcr_'),
      kind,
      grantId: grant.id,
      jti: randomToken('', 24),
      issuedAt: now,
      expiresAt: now + ttl * 1000,
      revoked: false,
    };
    this.tokens.set(record.token, record);
    return record;
  }

  getToken(token: string): IssuedToken | undefined {
    return this.tokens.get(token);
  }

  /** The token, if it is live now: issued, not expired, not revoked, grant intact. */
  liveToken(token: string, kind?: IssuedToken['kind']): IssuedToken | undefined {
    const record = this.tokens.get(token);
    if (!record || (kind && record.kind !== kind)) return undefined;
    if (record.revoked || record.usedAt !== undefined) return undefined;
    if (record.expiresAt <= this.clock()) return undefined;
    if (this.grants.get(record.grantId)?.revoked !== false) return undefined;
    return record;
  }

  /**
   * Forgets expired codes and tokens, and grants with no token left, at most once a minute.
   * A used refresh token is kept until it would have expired, so its reuse is still caught.
   */
  prune(force = false): void {
    const now = this.clock();
    if (!force && now - this.lastPrune < PRUNE_INTERVAL_MS) return;
    this.lastPrune = now;
    for (const [k, c] of this.codes) if (c.expiresAt <= now) this.codes.delete(k);
    const live = new Set<string>();
    for (const [k, t] of this.tokens) {
      if (t.expiresAt <= now) this.tokens.delete(k);
      else live.add(t.grantId);
    }
    // Grants are created right before their first tokens (no pruning in between).
    for (const k of this.grants.keys()) if (!live.has(k)) this.grants.delete(k);
  }

  /** How many codes, grants and tokens are held (tests of pruning). */
  size(): { codes: number; grants: number; tokens: number } {
    return { codes: this.codes.size, grants: this.grants.size, tokens: this.tokens.size };
  }

  /** Signs a user in at the authorization server; the id goes in its session cookie. */
  startSession(userId: string): string {
    const id = randomToken('', 32);
    this.sessions.set(id, userId);
    return id;
  }

  sessionUser(id: string | undefined): OAuthUser | undefined {
    const userId = id === undefined ? undefined : this.sessions.get(id);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  rememberConsent(userId: string, clientId: string, scopes: string[]): void {
    const key = `${userId} ${clientId}`;
    const set = this.consents.get(key) ?? new Set<string>();
    for (const s of scopes) set.add(s);
    this.consents.set(key, set);
  }

  hasConsent(userId: string, clientId: string, scopes: string[]): boolean {
    const set = this.consents.get(`${userId} ${clientId}`);
    return !!set && scopes.every((s) => set.has(s));
  }

  /** Ends a grant: every token issued under it stops working. */
  revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant) grant.revoked = true;
    for (const t of this.tokens.values()) if (t.grantId === grantId) t.revoked = true;
  }

  /** Test hook: every live access token (and refresh token, if asked) expires now. */
  expireTokens(refreshTokensToo = false): number {
    const now = this.clock();
    let n = 0;
    for (const t of this.tokens.values()) {
      if ((t.kind === 'access' || refreshTokensToo) && !t.revoked && t.expiresAt > now) {
        t.expiresAt = now;
        n++;
      }
    }
    return n;
  }

  /** The teams an access token may read: the user's teams on which the app is installed. */
  tokenTeams(grant: Grant): string[] {
    const user = this.users.get(grant.userId);
    const app = this.apps.get(grant.clientId);
    if (!user || !app) return [];
    return user.teamIds.filter((id) => app.installedTeamIds.includes(id));
  }
}
