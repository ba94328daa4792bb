// Sign in with Vercel for the dashboard server: the /auth routes, the session cookie, the
// gate in front of pages and /api, and the choice of the token that calls the API. Mounted
// by app.ts only when VERCEL_APP_CLIENT_ID/SECRET are set (auth-config.ts).
//
//   GET  /auth/login?returnTo=/path?query  starts sign-in (PKCE S256, state, nonce)
//   GET  /auth/callback                     finishes it, then goes back to returnTo exactly
//   POST /auth/logout                       revokes the tokens at the issuer, clears the session
//   GET  /auth/signed-out                   "you are signed out", with a way back in
//
// The session is a sealed cookie (sealed-cookie.ts), so any number of server instances can
// serve one browser. Tokens live only inside it: never in a page, a URL, a log or a body.
import { createHash } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import * as oauth from 'oauth4webapi';
import { parse as parseCookies, serialize as serializeCookie } from 'hono/utils/cookie';
import type { ApiBackend } from '../backend';
import { isAllowed } from './allowed-users';
import {
  EMBEDDED_ISSUER,
  EMBEDDED_ISSUER_PATH,
  type AuthSettings,
  type SignInMode,
} from './auth-config';
import {
  createOidcClient,
  SignInError,
  type Identity,
  type OidcClient,
  type TokenSet,
} from './oidc-client';
import { loginHref, renderPage, STYLESHEET, STYLESHEET_PATH, type PageInput } from './pages';
import { safeReturnTo } from './return-to';
import { createSealer, type Sealer } from './sealed-cookie';

/** Renew the access token this long before it expires, so no request runs on a dying one. */
export const REFRESH_MARGIN_MS = 2 * 60_000;
/** A sign-in must come back within this time. */
const TRANSACTION_TTL_MS = 10 * 60_000;
/** Parallel sign-ins (several tabs opening shared links) each keep their own transaction. */
const MAX_TRANSACTIONS = 4;
/** The refresh token's life at Vercel: the session cannot outlive it. */
const SESSION_TTL_MS = 30 * 24 * 60 * 60_000;
/** How long a finished refresh is remembered for requests still carrying the old cookie. */
const REFRESH_REUSE_MS = 60_000;

export interface AuthUser {
  name: string;
  username?: string;
  email?: string;
  initials: string;
}

/** What the page may know about sign-in (served in /_dashboard/config): never a token. */
export interface AuthDescription {
  mode: 'none' | SignInMode;
  user?: AuthUser;
  /** False when the signed-in account is not on ALLOWED_USERS. */
  allowed?: boolean;
}

export interface AuthOptions {
  settings: AuthSettings;
  /** This server's own origin (http://127.0.0.1:<port>), known once it listens. */
  localOrigin: () => string;
  log?: (line: string) => void;
  now?: () => number;
  /** For tests: the OIDC client (default: oauth4webapi against the configured issuer). */
  client?: OidcClient;
  timeoutMs?: number;
}

export interface Auth {
  mode: SignInMode;
  /** The /auth/* routes. */
  routes: Hono;
  /** In front of page navigations: no session → sign-in, not allowed → the access page. */
  pageGuard: MiddlewareHandler;
  /** The API backend behind the session: 401 without one, the right token with one. */
  wrapBackend(backend: ApiBackend): ApiBackend;
  describe(request: Request): AuthDescription;
  /** The redirect URI registered with the Vercel App. */
  redirectUri(): string;
}

interface SessionData {
  user: Identity;
  at: string;
  rt?: string;
  /** Access token expiry, epoch ms. */
  exp: number;
  /** When that access token was issued, epoch ms (short-lived tokens renew sooner). */
  got: number;
}

interface Transaction {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
  createdAt: number;
}

type Resolved =
  | { kind: 'none' }
  | { kind: 'ok'; session: SessionData; setCookie?: string }
  /** The session cannot be renewed (refresh token dead): sign in again. */
  | { kind: 'ended' }
  /** The issuer is down and the access token has run out: try again later. */
  | { kind: 'unavailable' };

export function initialsOf(user: Identity): string {
  const source = user.name?.trim() || user.username || user.email || '?';
  const words = source
    .replace(/@.*$/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters =
    words.length >= 2
      ? [words[0]![0], words[words.length - 1]![0]]
      : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

function displayUser(user: Identity): AuthUser {
  return {
    name: user.name ?? user.username ?? user.email ?? 'Signed in',
    ...(user.username ? { username: user.username } : {}),
    ...(user.email ? { email: user.email } : {}),
    initials: initialsOf(user),
  };
}

function accountLabel(user: Identity): string {
  const parts = [user.name, user.username ? `@${user.username}` : undefined, user.email].filter(
    Boolean,
  );
  return parts.length > 0 ? parts.join(' · ') : user.sub;
}

function apiError(status: number, code: string, message: string, headers?: Record<string, string>) {
  const h = new Headers(headers);
  h.set('content-type', 'application/json; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(JSON.stringify({ error: { code, message } }), { status, headers: h });
}

function htmlPage(status: number, page: PageInput, headers?: Headers): Response {
  const h = headers ?? new Headers();
  h.set('content-type', 'text/html; charset=utf-8');
  h.set('cache-control', 'no-store');
  return new Response(renderPage(page), { status, headers: h });
}

function redirect(location: string, status: 302 | 303, headers?: Headers): Response {
  const h = headers ?? new Headers();
  h.set('location', location);
  h.set('cache-control', 'no-store');
  return new Response(null, { status, headers: h });
}

const hashKey = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Team named by an API request: `teamId`/`slug` in the query, or a `/teams/{id}` path. */
export function teamOfRequest(url: URL): string | undefined {
  const fromQuery = url.searchParams.get('teamId') ?? url.searchParams.get('slug');
  if (fromQuery) return fromQuery;
  const match = /^\/(?:v2\/)?teams\/([^/]+)/.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

export function createAuth(options: AuthOptions): Auth {
  const { settings } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const sealer: Sealer = createSealer(settings.sessionSecret);
  const secure = settings.publicUrl?.protocol === 'https:';
  // `__Host-` pins the cookie to this exact origin (https only); on plain loopback http the
  // browser refuses prefixed cookies, so the plain name is used there.
  const SESSION_COOKIE = secure ? '__Host-vcr_session' : 'vcr_session';
  const TX_COOKIE = secure ? '__Secure-vcr_signin' : 'vcr_signin';
  const SIGNED_OUT_COOKIE = 'vcr_signed_out';

  const origin = () => settings.publicUrl?.origin ?? options.localOrigin();
  const redirectUri = () => `${origin()}/auth/callback`;
  const issuer = () =>
    settings.issuer === EMBEDDED_ISSUER
      ? `${options.localOrigin()}${EMBEDDED_ISSUER_PATH}`
      : settings.issuer;
  const client =
    options.client ??
    createOidcClient({
      issuer,
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      now,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });

  function cookie(name: string, value: string, maxAgeSeconds: number, path = '/'): string {
    return serializeCookie(name, value, {
      path,
      httpOnly: true,
      sameSite: 'Lax',
      secure,
      maxAge: Math.max(0, Math.floor(maxAgeSeconds)),
    });
  }
  const clearCookie = (name: string, path = '/') => cookie(name, '', 0, path);

  function cookiesOf(headers: Headers): Record<string, string> {
    const raw = headers.get('cookie');
    return raw ? parseCookies(raw) : {};
  }

  function sessionCookie(session: SessionData): string {
    const expiresAt = session.rt ? now() + SESSION_TTL_MS : session.exp;
    return cookie(
      SESSION_COOKIE,
      sealer.seal(SESSION_COOKIE, session, expiresAt),
      (expiresAt - now()) / 1000,
    );
  }

  function readSession(headers: Headers): SessionData | undefined {
    return sealer.unseal<SessionData>(SESSION_COOKIE, cookiesOf(headers)[SESSION_COOKIE], now());
  }

  // One refresh per refresh token in this instance: parallel requests of one browser share
  // it, and requests still carrying the old cookie for a moment get the same new tokens
  // (the issuer rotates refresh tokens, so a second refresh with the old one would fail).
  const refreshes = new Map<string, { promise: Promise<TokenSet>; settledAt?: number }>();
  function refreshOnce(refreshToken: string): Promise<TokenSet> {
    const t = now();
    for (const [key, entry] of refreshes) {
      if (entry.settledAt !== undefined && t - entry.settledAt > REFRESH_REUSE_MS) {
        refreshes.delete(key);
      }
    }
    const key = hashKey(refreshToken);
    const existing = refreshes.get(key);
    if (existing) return existing.promise;
    const entry: { promise: Promise<TokenSet>; settledAt?: number } = {
      promise: client.refresh(refreshToken),
    };
    entry.promise.then(
      () => (entry.settledAt = now()),
      () => refreshes.delete(key),
    );
    refreshes.set(key, entry);
    return entry.promise;
  }

  /**
   * The request's session, renewed when its access token is about to run out, or at once with
   * `rejected` (Vercel has just refused the access token: it ended early).
   */
  async function resolveSession(headers: Headers, rejected?: SessionData): Promise<Resolved> {
    const session = rejected ?? readSession(headers);
    if (!session) return { kind: 'none' };
    const margin = Math.min(REFRESH_MARGIN_MS, (session.exp - session.got) / 4);
    if (!rejected && session.exp - now() > margin) return { kind: 'ok', session };
    const stillValid = !rejected && session.exp > now();
    if (!session.rt) return stillValid ? { kind: 'ok', session } : { kind: 'ended' };
    try {
      const tokens = await refreshOnce(session.rt);
      const renewed: SessionData = {
        user: session.user,
        at: tokens.accessToken,
        // Rotation: the issuer's new refresh token, or (if it sent none) the old one.
        rt: tokens.refreshToken ?? session.rt,
        exp: tokens.expiresAt,
        got: now(),
      };
      return { kind: 'ok', session: renewed, setCookie: sessionCookie(renewed) };
    } catch (err) {
      const kind = err instanceof SignInError ? err.kind : 'issuer_error';
      log(`auth: session renewal failed (${kind})`);
      // Another instance may have rotated the token first; while the access token still
      // works, carry on with it and let that instance's answer update the cookie.
      if (stillValid) return { kind: 'ok', session };
      if (kind === 'issuer_unreachable') return { kind: 'unavailable' };
      return { kind: 'ended' };
    }
  }

  const isAllowedUser = (user: Identity) =>
    !settings.allowedUsers || isAllowed(settings.allowedUsers, user);

  function accessPage(user: Identity): Response {
    return htmlPage(403, {
      title: 'No access to this dashboard',
      danger: true,
      paragraphs: [
        `You are signed in with Vercel as ${accountLabel(user)}.`,
        'This account is not on the list of people who may use this dashboard. Ask whoever runs it to add your username or email to ALLOWED_USERS, or sign out and sign in with another Vercel account.',
      ],
      actions: [{ kind: 'sign-out', label: 'Sign out' }],
    });
  }

  // --- /auth routes -------------------------------------------------------------------

  const routes = new Hono();

  routes.get(STYLESHEET_PATH, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    c.header('cache-control', 'public, max-age=3600');
    return c.body(STYLESHEET);
  });

  routes.get('/auth/login', async (c) => {
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    const cookies = cookiesOf(c.req.raw.headers);
    const tx: Transaction = {
      state: oauth.generateRandomState(),
      nonce: oauth.generateRandomNonce(),
      verifier: oauth.generateRandomCodeVerifier(),
      returnTo,
      createdAt: now(),
    };
    let authorizeUrl: URL;
    try {
      authorizeUrl = await client.authorizationUrl({
        redirectUri: redirectUri(),
        state: tx.state,
        nonce: tx.nonce,
        codeVerifier: tx.verifier,
        // After an explicit sign-out, the issuer asks who is signing in instead of reusing
        // its own session silently.
        ...(cookies[SIGNED_OUT_COOKIE] ? { prompt: 'login' as const } : {}),
      });
    } catch (err) {
      return failurePage(err, returnTo);
    }
    const pending = (
      sealer.unseal<Transaction[]>(TX_COOKIE, cookies[TX_COOKIE], now()) ?? []
    ).filter((t) => now() - t.createdAt < TRANSACTION_TTL_MS);
    const kept = [...pending.slice(-(MAX_TRANSACTIONS - 1)), tx];
    const headers = new Headers();
    headers.append(
      'set-cookie',
      cookie(
        TX_COOKIE,
        sealer.seal(TX_COOKIE, kept, now() + TRANSACTION_TTL_MS),
        TRANSACTION_TTL_MS / 1000,
        '/auth/',
      ),
    );
    return redirect(authorizeUrl.href, 302, headers);
  });

  routes.get('/auth/callback', async (c) => {
    const url = new URL(c.req.url);
    const cookies = cookiesOf(c.req.raw.headers);
    const pending = sealer.unseal<Transaction[]>(TX_COOKIE, cookies[TX_COOKIE], now()) ?? [];
    const state = url.searchParams.get('state');
    const tx = state ? pending.find((t) => t.state === state) : undefined;
    if (!tx || now() - tx.createdAt >= TRANSACTION_TTL_MS) {
      // Checked before anything else: an answer to a sign-in this browser did not start
      // (or one already finished) is never acted on.
      log('auth: callback without a matching sign-in (state mismatch or expired)');
      return htmlPage(400, {
        title: 'This sign-in link is no longer valid',
        danger: true,
        paragraphs: [
          'The answer from Vercel does not match a sign-in started in this browser: it was already used, it took longer than 10 minutes, or it was started elsewhere.',
          'Start again; it only takes a moment.',
        ],
        actions: [{ kind: 'link', href: loginHref('/'), label: 'Sign in again' }],
      });
    }
    const rest = pending.filter((t) => t !== tx);
    const headers = new Headers();
    headers.append(
      'set-cookie',
      rest.length > 0
        ? cookie(
            TX_COOKIE,
            sealer.seal(TX_COOKIE, rest, now() + TRANSACTION_TTL_MS),
            TRANSACTION_TTL_MS / 1000,
            '/auth/',
          )
        : clearCookie(TX_COOKIE, '/auth/'),
    );
    // The callback URL as registered (the request's own URL may carry another host form).
    const callback = new URL(redirectUri());
    callback.search = url.search;
    let result: { tokens: TokenSet; identity: Identity };
    try {
      result = await client.exchangeCode(callback, {
        state: tx.state,
        nonce: tx.nonce,
        codeVerifier: tx.verifier,
        redirectUri: redirectUri(),
      });
    } catch (err) {
      return failurePage(err, tx.returnTo, headers);
    }
    const session: SessionData = {
      user: result.identity,
      at: result.tokens.accessToken,
      ...(result.tokens.refreshToken ? { rt: result.tokens.refreshToken } : {}),
      exp: result.tokens.expiresAt,
      got: now(),
    };
    headers.append('set-cookie', sessionCookie(session));
    headers.append('set-cookie', cookie(SIGNED_OUT_COOKIE, '', 0));
    log(`auth: signed in ${result.identity.username ?? result.identity.sub}`);
    return redirect(tx.returnTo, 303, headers);
  });

  routes.post('/auth/logout', async (c) => {
    const session = readSession(c.req.raw.headers);
    if (session) {
      // Revoking the refresh token first: revoking the access token also ends it at Vercel,
      // but the emulator and other servers may not link the two.
      for (const token of [session.rt, session.at]) {
        if (!token) continue;
        try {
          await client.revoke(token);
        } catch (err) {
          log(`auth: revoking a token failed (${err instanceof SignInError ? err.kind : 'error'})`);
        }
      }
      log(`auth: signed out ${session.user.username ?? session.user.sub}`);
    }
    const headers = new Headers();
    headers.append('set-cookie', clearCookie(SESSION_COOKIE));
    headers.append('set-cookie', cookie(SIGNED_OUT_COOKIE, '1', 24 * 60 * 60));
    return redirect('/auth/signed-out', 303, headers);
  });

  routes.get('/auth/logout', () =>
    // Sign-out changes state, so it is a POST; a GET (a prefetch, a pasted link) only asks.
    htmlPage(200, {
      title: 'Sign out?',
      paragraphs: [
        'Signing out ends your session on this dashboard and revokes its access to Vercel.',
      ],
      actions: [
        { kind: 'sign-out', label: 'Sign out' },
        { kind: 'link', href: '/', label: 'Back to the dashboard' },
      ],
    }),
  );

  routes.get('/auth/signed-out', (c) => {
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    return htmlPage(200, {
      title: 'You are signed out',
      paragraphs: [
        'Your session on this dashboard has ended and its access to your Vercel account was revoked.',
      ],
      actions: [{ kind: 'link', href: loginHref(returnTo), label: 'Sign in again' }],
    });
  });

  routes.all('/auth/*', (c) =>
    htmlPage(404, {
      title: 'Page not found',
      paragraphs: [`There is no sign-in page at ${new URL(c.req.url).pathname}.`],
      actions: [{ kind: 'link', href: '/', label: 'Go to the dashboard' }],
    }),
  );

  function failurePage(err: unknown, returnTo: string, headers?: Headers): Response {
    const e = err instanceof SignInError ? err : new SignInError('issuer_error', 'Sign-in failed.');
    log(`auth: sign-in failed (${e.kind}${e.issuerCode ? `: ${e.issuerCode}` : ''})`);
    const retry = { kind: 'link' as const, href: loginHref(returnTo), label: 'Try again' };
    switch (e.kind) {
      case 'access_denied':
        return htmlPage(
          403,
          {
            title: 'Sign-in was cancelled',
            paragraphs: [
              'Vercel did not sign you in: the request was denied (Deny or Cancel was chosen), or this Vercel App does not let your account sign in.',
              'To use the dashboard, sign in again and choose Allow. If you did, ask the dashboard’s owner whether the app accepts accounts outside their team.',
            ],
            actions: [retry],
            note: e.message,
          },
          headers,
        );
      case 'invalid_grant':
        return htmlPage(
          400,
          {
            title: 'This sign-in link has expired',
            danger: true,
            paragraphs: [
              'The code Vercel sent back has expired or was already used (a reload or the back button can do that). Nothing was signed in.',
            ],
            actions: [retry],
            note: e.message,
          },
          headers,
        );
      case 'issuer_unreachable':
        return htmlPage(
          503,
          {
            title: 'Vercel sign-in is not reachable',
            danger: true,
            paragraphs: [
              `The dashboard could not reach the sign-in service at ${issuer()}. It may be down or this server may be offline.`,
              'Try again in a minute.',
            ],
            actions: [retry],
            note: e.message,
          },
          headers,
        );
      case 'unverified':
        return htmlPage(
          502,
          {
            title: 'Sign-in could not be verified',
            danger: true,
            paragraphs: [
              'Vercel’s answer did not pass the identity checks (issuer, signature, audience or nonce), so it was not trusted and nobody was signed in.',
            ],
            actions: [retry],
            note: e.message,
          },
          headers,
        );
      default:
        return htmlPage(
          502,
          {
            title: 'Sign-in failed',
            danger: true,
            paragraphs: [
              'Vercel refused the sign-in. If this keeps happening, the dashboard’s Vercel App settings (client id, secret, redirect URI) may be wrong.',
              `The redirect URI this dashboard uses is ${redirectUri()}.`,
            ],
            actions: [retry],
            note: e.message,
          },
          headers,
        );
    }
  }

  // --- gates ----------------------------------------------------------------------------

  const UNGATED = ['/auth/', '/api/', '/_dashboard/', '/assets/', '/__emulator/'];
  const wantsHtml = (req: Request) => {
    const dest = req.headers.get('sec-fetch-dest');
    if (dest) return dest === 'document' || dest === 'iframe';
    return (req.headers.get('accept') ?? '').includes('text/html');
  };

  const pageGuard: MiddlewareHandler = async (c, next) => {
    const url = new URL(c.req.url);
    if (
      (c.req.method !== 'GET' && c.req.method !== 'HEAD') ||
      UNGATED.some((p) => url.pathname.startsWith(p)) ||
      !wantsHtml(c.req.raw)
    ) {
      return next();
    }
    const resolved = await resolveSession(c.req.raw.headers);
    if (resolved.kind !== 'ok') {
      const headers = new Headers();
      if (resolved.kind === 'ended') headers.append('set-cookie', clearCookie(SESSION_COOKIE));
      // A shared link survives sign-in: the whole path and query come back afterwards.
      return redirect(loginHref(safeReturnTo(url.pathname + url.search)), 302, headers);
    }
    if (!isAllowedUser(resolved.session.user)) return accessPage(resolved.session.user);
    await next();
    if (resolved.setCookie) c.res.headers.append('set-cookie', resolved.setCookie);
  };

  function wrapBackend(backend: ApiBackend): ApiBackend {
    return {
      ...backend,
      async fetch(request) {
        const resolved = await resolveSession(request.headers);
        if (resolved.kind === 'none') {
          return apiError(401, 'not_signed_in', 'Sign in with Vercel to use this dashboard.');
        }
        if (resolved.kind === 'ended') {
          return apiError(
            401,
            'session_expired',
            'Your sign-in has ended. Sign in with Vercel again.',
            { 'set-cookie': clearCookie(SESSION_COOKIE) },
          );
        }
        if (resolved.kind === 'unavailable') {
          return apiError(
            503,
            'sign_in_unavailable',
            'Your session needs renewing but Vercel sign-in is not reachable. Retrying.',
            { 'retry-after': '5' },
          );
        }
        let { session, setCookie } = resolved;
        if (!isAllowedUser(session.user)) {
          return apiError(
            403,
            'not_allowed',
            `Signed in as ${accountLabel(session.user)}, who is not on this dashboard's ALLOWED_USERS.`,
          );
        }
        // A fresh set of credentials: the browser's own Authorization (if any) and its
        // cookies never go further.
        const forward = (token: string) => {
          const headers = new Headers(request.headers);
          headers.delete('authorization');
          headers.delete('cookie');
          if (settings.mode === 'per-user') headers.set('authorization', `Bearer ${token}`);
          return backend.fetch(new Request(request, { headers }));
        };
        let res = await forward(session.at);
        let ended = false;
        if (settings.mode === 'per-user' && res.status === 401 && request.method === 'GET') {
          // Vercel refused a token this server thought alive (expired early, clock skew):
          // renew once and retry, so the user does not notice.
          const retried = await resolveSession(request.headers, session);
          if (retried.kind === 'ok') {
            await res.body?.cancel();
            session = retried.session;
            setCookie = retried.setCookie;
            res = await forward(session.at);
          }
        }
        if (settings.mode === 'per-user') {
          // Per user, a 401 means Vercel dropped this sign-in: the session goes with it.
          ended = res.status === 401;
          res = await explainRefusal(res, request, session);
        }
        const out = new Response(res.body, res);
        // The answer depends on who is signed in: no shared cache may hand it to another.
        out.headers.append('vary', 'Cookie');
        if (!out.headers.has('cache-control'))
          out.headers.set('cache-control', 'private, no-cache');
        if (ended) out.headers.append('set-cookie', clearCookie(SESSION_COOKIE));
        else if (setCookie) out.headers.append('set-cookie', setCookie);
        return out;
      },
    };
  }

  /** Per user, a 401/403 from Vercel means something specific: say it. */
  async function explainRefusal(
    res: Response,
    request: Request,
    session: SessionData,
  ): Promise<Response> {
    if (res.status !== 401 && res.status !== 403) return res;
    const headers = new Headers();
    for (const name of ['x-vercel-id', 'retry-after']) {
      const v = res.headers.get(name);
      if (v) headers.set(name, v);
    }
    await res.body?.cancel();
    if (res.status === 401) {
      return apiError(
        401,
        'session_expired',
        'Vercel no longer accepts this sign-in (it was revoked or has expired). Sign in with Vercel again.',
        Object.fromEntries(headers),
      );
    }
    const team = teamOfRequest(new URL(request.url));
    const where = team ? `team ${team}` : 'the team that owns this project';
    return apiError(
      403,
      'signin_forbidden',
      `Vercel refused ${accountLabel(session.user)} access to ${where}. Either this account is not a member of ${where}, or the dashboard's Vercel App is not installed on ${where} with read permissions: a team owner runs \`vercel oauth-apps install --client-id ${settings.clientId} --permission read:project --scope ${team ?? '<team>'}\`.`,
      Object.fromEntries(headers),
    );
  }

  return {
    mode: settings.mode,
    routes,
    pageGuard,
    wrapBackend,
    redirectUri,
    describe(request) {
      const session = readSession(request.headers);
      if (!session) return { mode: settings.mode };
      return {
        mode: settings.mode,
        user: displayUser(session.user),
        allowed: isAllowedUser(session.user),
      };
    },
  };
}
