// The emulator as Vercel's OAuth 2.0 / OpenID Connect authorization server ("Sign in with
// Vercel", contract: ../shared/sign-in-with-vercel.md), over the emulator's one state.
//
// Interface (for the dashboard's sign-in client and its tests):
//
//   Mounts. The same server is reachable at two places; tokens and codes are shared.
//     standalone (`npm run emulator`, emulator/main.ts): at the ROOT, as vercel.com
//       lays it out; issuer = the request's origin, e.g. `http://127.0.0.1:4000`.
//     embedded (`npm start` without VERCEL_TOKEN/VERCEL_API_URL; also on the standalone
//       emulator): under OAUTH_MOUNT = `/__emulator/oauth`; issuer = origin + that prefix,
//       e.g. `http://127.0.0.1:5173/__emulator/oauth`. Absent in proxy mode, like every
//       /__emulator route.
//   The issuer comes from the request's own origin (Host), so it is exact whatever PORT the
//   server got (PORT=0 in tests): set VERCEL_OAUTH_ISSUER in the client to that value and
//   discovery answers it back. `createEmulator({ oauthIssuer })` pins it instead.
//
//   Endpoints, relative to the mount (paths as Vercel's):
//     GET       /.well-known/openid-configuration (also /.well-known/oauth-authorization-server)
//     GET       /.well-known/jwks                  RS256 public key with `kid`, made at start
//     GET       /oauth/authorize                   sign-in form: Username, Allow, Deny; a
//                                                  returning user (AS session cookie) who
//                                                  allowed the app is sent straight back,
//                                                  unless prompt=login|consent
//     POST      /oauth/authorize                   the form's submission (same origin)
//     POST      /login/oauth/token                 authorization_code (PKCE S256), refresh_token
//     POST      /login/oauth/token/revoke          token=…; revoking either token ends the grant
//     POST      /login/oauth/token/introspect      token=… → {active, client_id, sub, …}
//     GET|POST  /login/oauth/userinfo              Bearer vca_… → {sub, email, name, …}
//   Client authentication: client_secret_basic or client_secret_post.
//   Tokens: `vca_…` access (3600 s, or the app's seed `accessTokenTtlSeconds`), `vcr_…`
//   refresh (30 days, only with `offline_access`, rotated on every use), RS256 ID token.
//   A `vca_…` token works on the emulator's REST API for the user's teams on which the app
//   is installed (403 `forbidden` elsewhere); `/v2/user` answers its user.
//
//   Test hooks (control routes, both modes):
//     POST /__emulator/oauth/expire   every live access token expires now → {expired: n};
//                                     refresh tokens keep working, unless the body is
//                                     {"refreshTokens": true} (then the session is over).
//     POST /__emulator/reset          also forgets every code, grant and token.
import type { EmulatorState } from '../state/state';
import { handleAuthorize, type AuthorizeMount } from './authorize';
import { OAuthFailure, oauthJson } from './http';
import { lazySigningKey, type SigningKey } from './keys';
import { STYLESHEET, STYLESHEET_PATH } from './pages';
import { SUPPORTED_SCOPES } from '../state/oauth-store';
import { handleIntrospect, handleRevoke, handleToken, handleUserinfo } from './token';

export const OAUTH_MOUNT = '/__emulator/oauth';

export interface OAuthServerOptions {
  state: () => EmulatorState;
  /** A fixed issuer for the root mount; by default each request's origin (+ mount prefix). */
  issuer?: string;
}

export interface OAuthServer {
  /** Answers `request` if its path (below `mount.prefix`) is an AS endpoint, else null. */
  fetch(request: Request, mount: AuthorizeMount): Promise<Response | null>;
  /** The signing key (made on first use, kept across `reset`). */
  signingKey(): Promise<SigningKey>;
}

const PATHS = {
  openidConfiguration: '/.well-known/openid-configuration',
  oauthMetadata: '/.well-known/oauth-authorization-server',
  jwks: '/.well-known/jwks',
  authorize: '/oauth/authorize',
  token: '/login/oauth/token',
  revoke: '/login/oauth/token/revoke',
  introspect: '/login/oauth/token/introspect',
  userinfo: '/login/oauth/userinfo',
} as const;

function metadata(issuer: string) {
  const at = (path: string) => `${issuer}${path}`;
  const clientAuth = ['client_secret_basic', 'client_secret_post'];
  return {
    issuer,
    authorization_endpoint: at(PATHS.authorize),
    token_endpoint: at(PATHS.token),
    userinfo_endpoint: at(PATHS.userinfo),
    revocation_endpoint: at(PATHS.revoke),
    introspection_endpoint: at(PATHS.introspect),
    jwks_uri: at(PATHS.jwks),
    scopes_supported: [...SUPPORTED_SCOPES],
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: clientAuth,
    revocation_endpoint_auth_methods_supported: clientAuth,
    introspection_endpoint_auth_methods_supported: clientAuth,
    code_challenge_methods_supported: ['S256'],
    claims_supported: [
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'nbf',
      'jti',
      'nonce',
      'email',
      'email_verified',
      'name',
      'preferred_username',
    ],
    // As vercel.com's current metadata; every redirect from /oauth/authorize carries `iss`.
    authorization_response_iss_parameter_supported: true,
  };
}

function methodNotAllowed(allow: string): Response {
  return oauthJson(
    405,
    { error: 'invalid_request', error_description: `Use ${allow.replace(', ', ' or ')}.` },
    { allow },
  );
}

export function createOAuthServer({ state, issuer: fixed }: OAuthServerOptions): OAuthServer {
  const signingKey = lazySigningKey();

  async function route(req: Request, mount: AuthorizeMount): Promise<Response | null> {
    const url = new URL(req.url);
    if (mount.prefix && !url.pathname.startsWith(`${mount.prefix}/`)) return null;
    const path = url.pathname.slice(mount.prefix.length);
    const issuer = (mount.prefix === '' && fixed) || `${url.origin}${mount.prefix}`;
    const method = req.method.toUpperCase();
    const ctx = { state: state(), issuer, key: signingKey };
    switch (path) {
      case PATHS.openidConfiguration:
      case PATHS.oauthMetadata:
        return method === 'GET' ? oauthJson(200, metadata(issuer)) : methodNotAllowed('GET');
      case PATHS.jwks: {
        if (method !== 'GET') return methodNotAllowed('GET');
        const key = await signingKey();
        return oauthJson(200, { keys: [key.publicJwk] });
      }
      case STYLESHEET_PATH:
        return new Response(STYLESHEET, {
          headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' },
        });
      case PATHS.authorize:
        return method === 'GET' || method === 'POST'
          ? handleAuthorize(req, ctx.state, { ...mount, issuer })
          : methodNotAllowed('GET, POST');
      case PATHS.token:
        return method === 'POST' ? handleToken(req, ctx) : methodNotAllowed('POST');
      case PATHS.revoke:
        return method === 'POST' ? handleRevoke(req, ctx) : methodNotAllowed('POST');
      case PATHS.introspect:
        return method === 'POST' ? handleIntrospect(req, ctx) : methodNotAllowed('POST');
      case PATHS.userinfo:
        return method === 'GET' || method === 'POST'
          ? handleUserinfo(req, ctx.state)
          : methodNotAllowed('GET, POST');
      default:
        return null;
    }
  }

  return {
    signingKey,
    async fetch(request, mount) {
      try {
        return await route(request, mount);
      } catch (err) {
        if (err instanceof OAuthFailure) return err.response;
        throw err;
      }
    },
  };
}
