// The back-channel endpoints: token (authorization_code with PKCE S256, refresh_token with
// rotation), revoke, introspect and userinfo. Errors are RFC 6749 §5.2 JSON; the HTTP
// statuses are undocumented by Vercel, so they follow the RFC: 401 for invalid_client (with
// `WWW-Authenticate` when Basic was tried), 400 for everything else.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { EmulatorState } from '../state/state';
import { OAuthFailure, oauthError, oauthJson, readForm } from './http';
import type { SigningKey } from './keys';
import {
  ID_TOKEN_TTL_SECONDS,
  randomToken,
  s256,
  type Grant,
  type IssuedToken,
  type OAuthApp,
} from '../state/oauth-store';

const VERIFIER_RE = /^[A-Za-z0-9\-._~]{43,128}$/;

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

function formDecode(s: string): string {
  return decodeURIComponent(s.replace(/\+/g, ' '));
}

/**
 * client_secret_basic or client_secret_post (contract §1). `none` is not offered: every seed
 * app is a confidential client with a secret, as the dashboard's server is. Using both
 * methods at once is refused (RFC 6749 §2.3).
 */
export function authenticateClient(
  req: Request,
  form: URLSearchParams,
  state: EmulatorState,
): OAuthApp {
  const header = req.headers.get('authorization');
  let id: string | undefined;
  let secret: string | undefined;
  let basic = false;
  if (header !== null) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
    const decoded = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (!m || colon < 0) {
      throw new OAuthFailure(
        oauthError('invalid_client', 'The Authorization header is not valid Basic credentials.'),
      );
    }
    basic = true;
    try {
      id = formDecode(decoded.slice(0, colon));
      secret = formDecode(decoded.slice(colon + 1));
    } catch {
      throw new OAuthFailure(oauthError('invalid_client', 'The Basic credentials are malformed.'));
    }
    if (form.has('client_secret')) {
      throw new OAuthFailure(
        oauthError('invalid_request', 'Use one client authentication method, not two.'),
      );
    }
    const bodyId = form.get('client_id');
    if (bodyId !== null && bodyId !== id) {
      throw new OAuthFailure(
        oauthError('invalid_request', "Parameter 'client_id' does not match the Basic client."),
      );
    }
  } else {
    id = form.get('client_id') ?? undefined;
    secret = form.get('client_secret') ?? undefined;
  }
  if (!id) {
    throw new OAuthFailure(oauthError('invalid_client', "Parameter 'client_id'. Required"));
  }
  const app = state.oauth.apps.get(id);
  const challenge = basic ? { 'www-authenticate': 'Basic realm="vercel"' } : undefined;
  if (!app) {
    throw new OAuthFailure(oauthError('invalid_client', 'Unknown client.', 401, challenge));
  }
  if (secret === undefined) {
    throw new OAuthFailure(
      oauthError(
        'invalid_client',
        'Client authentication is required (client_secret_basic or client_secret_post).',
      ),
    );
  }
  if (!sameSecret(secret, app.clientSecret)) {
    throw new OAuthFailure(
      oauthError('invalid_client', 'Client authentication failed.', 401, challenge),
    );
  }
  return app;
}

function required(form: URLSearchParams, name: string): string {
  const v = form.get(name);
  if (!v) throw new OAuthFailure(oauthError('invalid_request', `Parameter '${name}'. Required`));
  return v;
}

export interface TokenContext {
  state: EmulatorState;
  issuer: string;
  key: () => Promise<SigningKey>;
}

async function idToken(ctx: TokenContext, grant: Grant, withNonce: boolean): Promise<string> {
  const user = ctx.state.oauth.users.get(grant.userId)!;
  const iat = Math.floor(ctx.state.clock() / 1000);
  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    sub: user.id,
    aud: grant.clientId,
    iat,
    nbf: iat,
    exp: iat + ID_TOKEN_TTL_SECONDS,
    jti: randomToken('', 24),
  };
  // A refreshed ID token carries no nonce: the nonce belongs to the authentication request.
  if (withNonce && grant.nonce !== undefined) claims.nonce = grant.nonce;
  if (grant.scopes.includes('email')) claims.email = user.email;
  if (grant.scopes.includes('profile')) {
    claims.name = user.name;
    claims.preferred_username = user.username;
  }
  return (await ctx.key()).sign(claims);
}

async function tokenResponse(ctx: TokenContext, grant: Grant, firstIssue: boolean) {
  const { access, refresh } = ctx.state.oauth.issueTokens(grant);
  return oauthJson(200, {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: Math.round((access.expiresAt - access.issuedAt) / 1000),
    scope: grant.scopes.join(' '),
    ...(grant.scopes.includes('openid') ? { id_token: await idToken(ctx, grant, firstIssue) } : {}),
    ...(refresh ? { refresh_token: refresh.token } : {}),
  });
}

async function authorizationCodeGrant(ctx: TokenContext, app: OAuthApp, form: URLSearchParams) {
  const store = ctx.state.oauth;
  const code = required(form, 'code');
  const redirectUri = required(form, 'redirect_uri');
  const verifier = required(form, 'code_verifier');
  const record = store.getCode(code);
  const invalid = (why: string) => new OAuthFailure(oauthError('invalid_grant', why));
  if (!record || record.clientId !== app.clientId) {
    throw invalid('The authorization code is invalid or was issued to another client.');
  }
  if (record.usedAt !== undefined) {
    // RFC 6749 §4.1.2: a replayed code revokes what it produced.
    if (record.grantId) store.revokeGrant(record.grantId);
    throw invalid('The authorization code has already been used.');
  }
  // Any redemption attempt uses the code up, so a wrong guess cannot be retried.
  record.usedAt = ctx.state.clock();
  if (record.expiresAt <= record.usedAt) throw invalid('The authorization code has expired.');
  if (record.redirectUri !== redirectUri) {
    throw invalid("Parameter 'redirect_uri' does not match the authorization request.");
  }
  if (!VERIFIER_RE.test(verifier)) {
    throw new OAuthFailure(
      oauthError(
        'invalid_request',
        "Parameter 'code_verifier'. Must be 43-128 characters of A-Z a-z 0-9 - . _ ~",
      ),
    );
  }
  if (s256(verifier) !== record.codeChallenge) {
    throw invalid('PKCE verification failed: code_verifier does not match code_challenge.');
  }
  if (!store.users.has(record.userId)) throw invalid('The user no longer exists.');
  return tokenResponse(ctx, store.createGrant(record), true);
}

async function refreshTokenGrant(ctx: TokenContext, app: OAuthApp, form: URLSearchParams) {
  const store = ctx.state.oauth;
  const value = required(form, 'refresh_token');
  const record = store.getToken(value);
  const invalid = (why: string) => new OAuthFailure(oauthError('invalid_grant', why));
  const grant = record && store.getGrant(record.grantId);
  if (!record || record.kind !== 'refresh' || !grant || grant.clientId !== app.clientId) {
    throw invalid('The refresh token is invalid or was issued to another client.');
  }
  if (record.usedAt !== undefined) {
    // Undocumented by Vercel. A rotated token presented again means two parties hold it, so
    // the whole grant ends (OAuth 2.0 Security BCP, RFC 9700 §4.14.2): sign in again.
    store.revokeGrant(grant.id);
    throw invalid('The refresh token has already been used; the grant is revoked.');
  }
  if (record.revoked || grant.revoked) throw invalid('The refresh token has been revoked.');
  if (record.expiresAt <= ctx.state.clock()) throw invalid('The refresh token has expired.');
  const scope = form.get('scope');
  if (scope !== null) {
    const extra = scope.split(' ').filter((s) => s && !grant.scopes.includes(s));
    if (extra.length) {
      throw new OAuthFailure(
        oauthError('invalid_scope', `Scope(s) not granted: ${extra.join(', ')}`),
      );
    }
  }
  if (!store.users.has(grant.userId)) throw invalid('The user no longer exists.');
  record.usedAt = ctx.state.clock();
  return tokenResponse(ctx, grant, false);
}

export async function handleToken(req: Request, ctx: TokenContext): Promise<Response> {
  const form = await readForm(req);
  const app = authenticateClient(req, form, ctx.state);
  const grantType = form.get('grant_type');
  if (!grantType) return oauthError('invalid_request', "Parameter 'grant_type'. Required");
  if (grantType === 'authorization_code') return authorizationCodeGrant(ctx, app, form);
  if (grantType === 'refresh_token') return refreshTokenGrant(ctx, app, form);
  return oauthError(
    'unsupported_grant_type',
    `Grant type '${grantType}' is not supported (authorization_code, refresh_token).`,
  );
}

/** A token this client may revoke or introspect; another client's tokens stay invisible. */
function ownToken(state: EmulatorState, app: OAuthApp, value: string): IssuedToken | undefined {
  const record = state.oauth.getToken(value);
  const grant = record && state.oauth.getGrant(record.grantId);
  return grant?.clientId === app.clientId ? record : undefined;
}

/**
 * RFC 7009. Revoking either token ends its grant, so revoking the access token also kills its
 * refresh token (Vercel's docs). Unknown tokens answer 200 too, as RFC 7009 §2.2 requires.
 * The body is undocumented; the emulator sends an empty JSON object.
 */
export async function handleRevoke(req: Request, ctx: TokenContext): Promise<Response> {
  const form = await readForm(req);
  const app = authenticateClient(req, form, ctx.state);
  const value = required(form, 'token');
  const record = ownToken(ctx.state, app, value);
  if (record) ctx.state.oauth.revokeGrant(record.grantId);
  return oauthJson(200, {});
}

/** RFC 7662, with the fields Vercel documents (contract §2). */
export async function handleIntrospect(req: Request, ctx: TokenContext): Promise<Response> {
  const form = await readForm(req);
  const app = authenticateClient(req, form, ctx.state);
  const value = required(form, 'token');
  const own = ownToken(ctx.state, app, value);
  const live = own && ctx.state.oauth.liveToken(value);
  const grant = live && ctx.state.oauth.getGrant(live.grantId);
  if (!live || !grant) return oauthJson(200, { active: false });
  return oauthJson(200, {
    active: true,
    client_id: app.clientId,
    token_type: live.kind === 'access' ? 'bearer' : 'refresh_token',
    scope: grant.scopes.join(' '),
    exp: Math.floor(live.expiresAt / 1000),
    iat: Math.floor(live.issuedAt / 1000),
    sub: grant.userId,
    iss: ctx.issuer,
    jti: live.jti,
    session_id: grant.id,
  });
}

/** OIDC userinfo: GET or POST with a Bearer access token; claims follow the granted scopes. */
export function handleUserinfo(req: Request, state: EmulatorState): Response {
  const header = req.headers.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const live = m ? state.oauth.liveToken(m[1]!, 'access') : undefined;
  const grant = live && state.oauth.getGrant(live.grantId);
  const user = grant && state.oauth.users.get(grant.userId);
  if (!grant || !user) {
    const description = m
      ? 'The access token is invalid, expired or revoked.'
      : 'A Bearer access token is required.';
    return oauthError('invalid_token', description, 401, {
      'www-authenticate': m
        ? `Bearer error="invalid_token", error_description="${description}"`
        : 'Bearer',
    });
  }
  return oauthJson(200, {
    sub: user.id,
    ...(grant.scopes.includes('email') ? { email: user.email, email_verified: true } : {}),
    ...(grant.scopes.includes('profile')
      ? { name: user.name, preferred_username: user.username }
      : {}),
  });
}
