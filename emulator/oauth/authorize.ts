// GET/POST /oauth/authorize: validates the request as Vercel's troubleshooting page describes
// (contract §5), shows the sign-in form, and on Allow redirects back with a single-use code.
//
// Order of checks: client_id and redirect_uri first, because until both are known-good the
// server must not redirect anywhere (an error page instead, RFC 6749 §4.1.2.1); every later
// problem is redirected back as `error=invalid_request` with the original `state`.
import type { EmulatorState } from '../state/state';
import { htmlResponse, repeatedParam } from './http';
import { consentPage, continuePage, errorPage } from './pages';
import { redirectUriMatches } from './redirect-uri';
import { SUPPORTED_SCOPES, type OAuthApp, type OAuthUser } from '../state/oauth-store';

export interface AuthorizeMount {
  /** Path prefix of the mount ('' at the root). */
  prefix: string;
  /**
   * Sent as `iss` on every redirect back to the client (RFC 9207): Vercel's metadata says
   * `authorization_response_iss_parameter_supported: true`, and a client that sees that
   * flag (oauth4webapi does) refuses a response without it.
   */
  issuer?: string;
  /** Behind the dashboard's CSP `form-action 'self'`: redirect across origins via a page. */
  sameOriginRedirectsOnly: boolean;
}

/** The parameters the authorize endpoint reads; anything else is ignored and not echoed. */
const PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'code_challenge',
  'code_challenge_method',
  'scope',
  'state',
  'nonce',
  'prompt',
  'response_mode',
] as const;

/**
 * The authorization server's own sign-in session (HttpOnly, scoped to the mount's path, so
 * the embedded one is never sent to the dashboard's routes). It lets a returning user who
 * already allowed the app through without the form, as Vercel does ("If they have already
 * authorized the app, they will be redirected immediately"); `prompt=login|consent` shows
 * the form anyway.
 */
export const SESSION_COOKIE = 'vercel_emulator_session';

function sessionId(req: Request): string | undefined {
  const header = req.headers.get('cookie') ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return undefined;
}

function sessionCookie(req: Request, mount: AuthorizeMount, id: string): string {
  const secure = new URL(req.url).protocol === 'https:' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${id}; Path=${mount.prefix || '/'}; HttpOnly; SameSite=Lax${secure}`;
}

const CODE_CHALLENGE_RE = /^[A-Za-z0-9\-._~]{43,128}$/;
const MAX_PARAM_LENGTH = 2048;

type Validated =
  | { kind: 'page'; title: string; message: string }
  | { kind: 'redirect'; app: OAuthApp; target: string }
  | { kind: 'ok'; app: OAuthApp; params: URLSearchParams; scopes: string[] };

export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.append(k, v);
  return url.href;
}

function validate(state: EmulatorState, input: URLSearchParams, iss?: string): Validated {
  const store = state.oauth;
  const get = (k: string) => input.get(k) ?? undefined;
  // Two client_ids or redirect_uris leave no trustworthy place to redirect to.
  for (const k of ['client_id', 'redirect_uri']) {
    if (input.getAll(k).length > 1) {
      return { kind: 'page', title: 'Invalid request', message: `Parameter '${k}'. Repeated` };
    }
  }
  const clientId = get('client_id');
  const app = clientId ? store.apps.get(clientId) : undefined;
  if (!clientId) {
    return { kind: 'page', title: 'Invalid request', message: "Parameter 'client_id'. Required" };
  }
  if (!app) {
    return {
      kind: 'page',
      title: 'Unknown app',
      message: `No Vercel App has the client ID "${clientId}".`,
    };
  }
  const redirectUri = get('redirect_uri');
  if (!redirectUri) {
    return {
      kind: 'page',
      title: 'Invalid request',
      message: "Parameter 'redirect_uri'. Required",
    };
  }
  if (!redirectUriMatches(app.redirectUris, redirectUri)) {
    return {
      kind: 'page',
      title: 'Invalid redirect URI',
      message: `The redirect_uri "${redirectUri}" is not registered for ${app.name}.`,
    };
  }
  const stateParam = get('state');
  const fail = (error: string, description: string): Validated => ({
    kind: 'redirect',
    app,
    target: withParams(redirectUri, {
      error,
      error_description: description,
      state: stateParam,
      iss,
    }),
  });
  const repeated = repeatedParam(input);
  if (repeated && (PARAMS as readonly string[]).includes(repeated)) {
    return fail('invalid_request', `Parameter '${repeated}'. Included more than once`);
  }
  for (const k of PARAMS) {
    if ((get(k)?.length ?? 0) > MAX_PARAM_LENGTH) {
      return fail('invalid_request', `Parameter '${k}'. Too long`);
    }
  }
  const responseType = get('response_type');
  if (!responseType) return fail('invalid_request', "Parameter 'response_type'. Required");
  if (responseType !== 'code') {
    return fail('invalid_request', "Parameter 'response_type'. Must be 'code'");
  }
  const challenge = get('code_challenge');
  if (!challenge) return fail('invalid_request', "Parameter 'code_challenge'. Required");
  if (!CODE_CHALLENGE_RE.test(challenge)) {
    return fail(
      'invalid_request',
      "Parameter 'code_challenge'. Must be 43-128 characters of A-Z a-z 0-9 - . _ ~",
    );
  }
  const method = get('code_challenge_method');
  if (!method) return fail('invalid_request', "Parameter 'code_challenge_method'. Required");
  if (method !== 'S256') {
    return fail('invalid_request', "Parameter 'code_challenge_method'. Must be 'S256'");
  }
  const prompt = get('prompt');
  if (prompt !== undefined && prompt !== 'consent' && prompt !== 'login') {
    return fail('invalid_request', "Parameter 'prompt'. Must be 'consent' or 'login'");
  }
  // Vercel also offers `web_message.opener` (a popup posting to its opener); that needs
  // script on this page, so the emulator answers it as unsupported rather than pretending.
  const responseMode = get('response_mode');
  if (responseMode !== undefined && responseMode !== 'query') {
    return fail('invalid_request', "Parameter 'response_mode'. The emulator supports 'query' only");
  }
  // Unknown scopes are dropped and no scope means every scope (contract §2). `openid` is
  // "required" by Vercel's docs; the emulator refuses a request that drops it.
  const requested = get('scope')?.split(' ').filter(Boolean);
  const scopes = requested
    ? SUPPORTED_SCOPES.filter((s) => requested.includes(s))
    : [...SUPPORTED_SCOPES];
  if (!scopes.includes('openid')) {
    return fail('invalid_scope', "The 'openid' scope is required");
  }
  const params = new URLSearchParams();
  for (const k of PARAMS) {
    const v = get(k);
    if (v !== undefined) params.set(k, v);
  }
  return { kind: 'ok', app, params, scopes };
}

function maySignIn(app: OAuthApp, user: OAuthUser): boolean {
  return app.signInTeamId === undefined || user.teamIds.includes(app.signInTeamId);
}

function redirect(
  req: Request,
  mount: AuthorizeMount,
  appName: string,
  target: string,
  status: 302 | 303,
  headers: Record<string, string> = {},
): Response {
  const here = new URL(req.url).origin;
  if (mount.sameOriginRedirectsOnly && status === 303 && new URL(target).origin !== here) {
    return htmlResponse(200, continuePage(mount.prefix, appName, target), headers);
  }
  return new Response(null, {
    status,
    headers: { ...headers, location: target, 'cache-control': 'no-store' },
  });
}

function renderForm(
  state: EmulatorState,
  mount: AuthorizeMount,
  ok: Extract<Validated, { kind: 'ok' }>,
  extra: { username?: string; error?: string } = {},
): Response {
  const teamNames = ok.app.installedTeamIds.map((id) => state.teams.get(id)?.name ?? id);
  const html = consentPage({
    prefix: mount.prefix,
    app: ok.app,
    teamNames,
    scopes: ok.scopes,
    params: ok.params,
    seedUsernames: [...state.oauth.users.values()].map((u) => u.username),
    ...extra,
  });
  return htmlResponse(200, html);
}

export async function handleAuthorize(
  req: Request,
  state: EmulatorState,
  mount: AuthorizeMount,
): Promise<Response> {
  let input: URLSearchParams;
  if (req.method === 'GET') input = new URL(req.url).searchParams;
  else {
    const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      return htmlResponse(
        400,
        errorPage(mount.prefix, 'Invalid request', 'The form must be sent as a web form.'),
      );
    }
    input = new URLSearchParams(await req.text());
  }
  const iss = mount.issuer;
  const v = validate(state, input, iss);
  if (v.kind === 'page') return htmlResponse(400, errorPage(mount.prefix, v.title, v.message));
  if (v.kind === 'redirect') return redirect(req, mount, v.app.name, v.target, 302);
  const redirectUri = v.params.get('redirect_uri')!;
  const stateParam = v.params.get('state') ?? undefined;
  const issueCode = (userId: string) => {
    const code = state.oauth.issueCode({
      clientId: v.app.clientId,
      redirectUri,
      codeChallenge: v.params.get('code_challenge')!,
      ...(v.params.has('nonce') ? { nonce: v.params.get('nonce')! } : {}),
      scopes: v.scopes,
      userId,
    });
    return withParams(redirectUri, { code: code.code, state: stateParam, iss });
  };

  if (req.method === 'GET') {
    const returning = state.oauth.sessionUser(sessionId(req));
    if (
      returning &&
      !v.params.has('prompt') &&
      state.oauth.hasConsent(returning.id, v.app.clientId, v.scopes) &&
      maySignIn(v.app, returning)
    ) {
      return redirect(req, mount, v.app.name, issueCode(returning.id), 302);
    }
    return renderForm(state, mount, v, returning ? { username: returning.username } : {});
  }

  const decision = input.get('decision');
  if (decision === 'deny') {
    const target = withParams(redirectUri, {
      error: 'access_denied',
      error_description: 'The user canceled the authorization process',
      state: stateParam,
      iss,
    });
    return redirect(req, mount, v.app.name, target, 303);
  }
  if (decision !== 'allow') {
    return renderForm(state, mount, v, { error: 'Choose Allow or Deny.' });
  }
  const username = input.get('username') ?? '';
  const user = state.oauth.findUser(username);
  if (!user) {
    return renderForm(state, mount, v, {
      username,
      error: username.trim()
        ? `No user "${username.trim()}" in this emulator's seed. Check the username.`
        : 'Enter a username.',
    });
  }
  const signInTeam = v.app.signInTeamId;
  if (signInTeam !== undefined && !maySignIn(v.app, user)) {
    // Vercel shows an access-denied page or redirects `access_denied` (contract §5); the
    // redirect lets the client say so on its own page, with the original state.
    const teamName = state.teams.get(signInTeam)?.name ?? signInTeam;
    const target = withParams(redirectUri, {
      error: 'access_denied',
      error_description: `Only members of ${teamName} can sign in to ${v.app.name}`,
      state: stateParam,
      iss,
    });
    return redirect(req, mount, v.app.name, target, 303);
  }
  state.oauth.rememberConsent(user.id, v.app.clientId, v.scopes);
  const session = sessionCookie(req, mount, state.oauth.startSession(user.id));
  return redirect(req, mount, v.app.name, issueCode(user.id), 303, { 'set-cookie': session });
}
