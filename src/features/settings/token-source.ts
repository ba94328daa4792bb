// Which token the API calls of this tab carry, in the words the settings page shows.
import type { DashboardConfig } from '../../api/dashboard-config';

export type TokenSource = 'signin' | 'server' | 'emulator' | 'tab' | 'none';

export const TOKEN_SOURCE_LABELS: Record<TokenSource, string> = {
  signin: 'Your own Vercel sign-in',
  server: 'Server token (VERCEL_TOKEN)',
  emulator: 'Emulator demo token',
  tab: 'Token pasted in this tab',
  none: 'No token',
};

export function tokenSource(config: DashboardConfig, sessionToken: string | null): TokenSource {
  // Sign in with Vercel, per user: the server adds the signed-in user's own token.
  if (config.auth?.mode === 'per-user') return 'signin';
  if (config.mode === 'emulator') return 'emulator';
  // The server's token replaces whatever the tab sends.
  if (config.serverToken) return 'server';
  return sessionToken ? 'tab' : 'none';
}

// The proxy forwards only a bearer of this shape (RFC 6750 token68), so say so up front.
const TOKEN_RE = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/** A reason the pasted text cannot be a token, or null when it can. */
export function pastedTokenProblem(text: string): string | null {
  const t = text.trim().replace(/^Bearer\s+/i, '');
  if (!t) return 'Paste a token first.';
  if (t.length < 8) return 'That is too short to be a Vercel token.';
  if (t.length > 512) return 'That is too long to be a Vercel token.';
  if (!TOKEN_RE.test(t)) {
    return 'A Vercel token has only letters, digits and . _ ~ + / = - (no spaces or quotes).';
  }
  return null;
}

export function normalisePastedToken(text: string): string {
  return text.trim().replace(/^Bearer\s+/i, '');
}
