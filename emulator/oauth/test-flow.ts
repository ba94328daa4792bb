// Test helpers: drive the authorization server over HTTP the way a browser and a client do
// (authorize page → form POST → redirect → token endpoint), so tests read as the flow.
import { createHash, randomBytes } from 'node:crypto';

export const E2E_CLIENT = {
  id: 'cl_e2edashboard',
  secret: 'e2e_client_secret_0123456789',
  redirectUri: 'http://127.0.0.1:5199/auth/callback',
};

/** Every client of e2e/fixtures/seed.json, by id → secret. */
export const E2E_SECRETS: Record<string, string> = {
  cl_e2edashboard: E2E_CLIENT.secret,
  cl_e2eshortlived: 'e2e_short_secret_0123456789',
  cl_e2eteamonly: 'e2e_teamonly_secret_0123456789',
};

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export interface AuthorizeOptions {
  clientId?: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  challenge?: string;
  extra?: Record<string, string>;
}

export function authorizeUrl(issuer: string, o: AuthorizeOptions & { challenge: string }): string {
  const params = new URLSearchParams({
    client_id: o.clientId ?? E2E_CLIENT.id,
    redirect_uri: o.redirectUri ?? E2E_CLIENT.redirectUri,
    response_type: 'code',
    code_challenge: o.challenge,
    code_challenge_method: 'S256',
    scope: o.scope ?? 'openid email profile offline_access',
    ...(o.state !== undefined ? { state: o.state } : {}),
    ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
    ...o.extra,
  });
  return `${issuer}/oauth/authorize?${params}`;
}

/** Reads the hidden fields of the authorize page's form, as a browser would submit them. */
export function formFields(html: string): URLSearchParams {
  const out = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    out.append(
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

/**
 * Opens the authorize page and submits it: `decision` allow (as `username`) or deny.
 * Returns the response of the form POST (redirect: manual) and its Location, parsed.
 */
export async function submitConsent(
  issuer: string,
  o: AuthorizeOptions & { username?: string; decision?: 'allow' | 'deny' },
): Promise<{ response: Response; location: URL | null; page: string }> {
  const challenge = o.challenge ?? pkce().challenge;
  const page = await fetch(authorizeUrl(issuer, { ...o, challenge }));
  const html = await page.text();
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}: ${html}`);
  const form = formFields(html);
  form.set('username', o.username ?? 'alice');
  form.set('decision', o.decision ?? 'allow');
  const response = await fetch(`${issuer}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  return { response, location: location ? new URL(location) : null, page: html };
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  id_token?: string;
  refresh_token?: string;
}

export async function tokenRequest(
  issuer: string,
  body: Record<string, string>,
  auth: { id: string; secret: string } | null = { id: E2E_CLIENT.id, secret: E2E_CLIENT.secret },
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(`${issuer}/login/oauth/token`, {
    method: 'POST',
    headers: auth ? { authorization: basic(auth.id, auth.secret) } : {},
    body: new URLSearchParams(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

/** The whole happy path: sign in as `username`, exchange the code; returns the tokens. */
export async function signIn(
  issuer: string,
  o: AuthorizeOptions & { username?: string } = {},
): Promise<TokenSet & { nonce: string }> {
  const { verifier, challenge } = pkce();
  const nonce = o.nonce ?? randomBytes(8).toString('hex');
  const { location } = await submitConsent(issuer, { ...o, nonce, challenge, state: 's1' });
  const code = location?.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  const res = await tokenRequest(
    issuer,
    {
      grant_type: 'authorization_code',
      client_id: o.clientId ?? E2E_CLIENT.id,
      code,
      code_verifier: verifier,
      redirect_uri: o.redirectUri ?? E2E_CLIENT.redirectUri,
    },
    o.clientId ? { id: o.clientId, secret: E2E_SECRETS[o.clientId]! } : undefined,
  );
  if (res.status !== 200)
    throw new Error(`token endpoint: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...(res.body as unknown as TokenSet), nonce };
}
