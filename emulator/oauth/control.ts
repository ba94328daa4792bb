// The authorization server's test hook, mounted by ../emulator.ts as a control route:
//   POST /__emulator/oauth/expire [{"refreshTokens": true}] → {expired: n}
// Every live access token expires now, so the next API call answers 401 and a client that
// refreshes carries on unnoticed. With `refreshTokens: true` the refresh tokens expire too:
// the session is over and the user must sign in again.
import type { OAuthStore } from '../state/oauth-store';

type Json = Record<string, unknown>;

export async function expireRoute(
  req: Request,
  store: OAuthStore,
): Promise<{ status: 200 | 400; body: Json }> {
  const refuse = (message: string) => ({
    status: 400 as const,
    body: { error: { code: 'bad_request', message } },
  });
  const text = await req.text();
  let options: Json = {};
  if (text.trim()) {
    try {
      options = JSON.parse(text) as Json;
    } catch {
      return refuse('body must be JSON: {} or {"refreshTokens": true}');
    }
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      return refuse('body must be a JSON object');
    }
    const unknown = Object.keys(options).filter((k) => k !== 'refreshTokens');
    if (unknown.length) return refuse(`unknown field(s): ${unknown.join(', ')}`);
    if (options.refreshTokens !== undefined && typeof options.refreshTokens !== 'boolean') {
      return refuse('refreshTokens must be true or false');
    }
  }
  return {
    status: 200,
    body: { expired: store.expireTokens(options.refreshTokens === true) },
  };
}
