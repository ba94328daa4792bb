// The authorization server's own pages, rendered on the server: the sign-in/consent form, the
// error page shown when the server must not redirect (bad client_id, unregistered
// redirect_uri), and a "continue" page. No script and no inline style, so the dashboard's CSP
// (`default-src 'self'; style-src 'self'`) allows them when the AS is embedded; the only
// style is a linked stylesheet served by the AS itself.
import { escapeHtml as e } from './http';
import type { OAuthApp } from '../state/oauth-store';

export const STYLESHEET_PATH = '/oauth/emulator.css';

export const STYLESHEET = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0; display: grid; min-height: 100vh; place-items: center; background: Canvas; color: CanvasText; }
main { width: min(26rem, calc(100% - 2rem)); padding: 1.5rem; border: 1px solid GrayText; border-radius: 0.75rem; }
h1 { font-size: 1.25rem; margin: 0 0 0.75rem; }
ul { padding-left: 1.25rem; }
label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
input[type="text"] { box-sizing: border-box; width: 100%; padding: 0.5rem; font: inherit; }
.error { color: #b00020; font-weight: 600; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
.actions { display: flex; gap: 0.75rem; margin-top: 1rem; }
button { flex: 1; padding: 0.5rem 1rem; font: inherit; cursor: pointer; }
.note { font-size: 0.875rem; opacity: 0.8; }
code { word-break: break-all; }
`;

const SCOPE_TEXT: Record<string, string> = {
  openid: 'Sign you in with your Vercel account',
  email: 'See your email address',
  profile: 'See your name and username',
  offline_access: 'Stay signed in (refresh tokens)',
};

function layout(prefix: string, title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${e(title)}</title>
<link rel="stylesheet" href="${e(prefix + STYLESHEET_PATH)}">${head}
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface ConsentPageInput {
  prefix: string;
  app: OAuthApp;
  teamNames: string[];
  scopes: string[];
  /** Every authorize parameter, carried through the form unchanged. */
  params: URLSearchParams;
  username?: string;
  error?: string;
  seedUsernames: string[];
}

export function consentPage(input: ConsentPageInput): string {
  const { app, prefix } = input;
  const hidden = [...input.params]
    .map(([k, v]) => `<input type="hidden" name="${e(k)}" value="${e(v)}">`)
    .join('\n');
  const scopes = input.scopes.map((s) => `<li>${e(SCOPE_TEXT[s] ?? s)}</li>`).join('');
  const installed = input.teamNames.length
    ? `Installed on ${input.teamNames.map(e).join(', ')}: it can read those teams' data for members who sign in.`
    : 'Not installed on any team: it can sign you in but read no team data.';
  const error = input.error
    ? `<p class="error" id="username-error" role="alert">${e(input.error)}</p>`
    : '';
  return layout(
    prefix,
    `Sign in to ${app.name} – Vercel (emulator)`,
    `<h1>Sign in to ${e(app.name)} with Vercel</h1>
<p><strong>${e(app.name)}</strong> wants to:</p>
<ul>${scopes}</ul>
<p class="note">${installed}</p>
<form method="post" action="${e(prefix)}/oauth/authorize">
${hidden}
<label for="username">Username</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required autofocus value="${e(input.username ?? '')}"${input.error ? ' aria-invalid="true" aria-describedby="username-error"' : ''}>
${error}
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</div>
</form>
<p class="note">Vercel emulator: no passwords. Sign in as a seed user${
      input.seedUsernames.length ? ` (${input.seedUsernames.map(e).join(', ')})` : ''
    }.</p>`,
  );
}

export function errorPage(prefix: string, title: string, message: string): string {
  return layout(
    prefix,
    `${title} – Vercel (emulator)`,
    `<h1>${e(title)}</h1>
<p role="alert">${e(message)}</p>
<p class="note">The app that sent you here is misconfigured, so you were not sent back to it. Close this tab and tell the app's owner.</p>`,
  );
}

/**
 * Shown instead of a redirect when the AS is embedded behind the dashboard's CSP: Chromium
 * applies `form-action 'self'` to the redirects that follow a form submission, so a 303 to
 * another origin after Allow/Deny would be blocked. A meta refresh is not a form navigation.
 */
export function continuePage(prefix: string, appName: string, target: string): string {
  const t = e(target);
  return layout(
    prefix,
    `Returning to ${appName} – Vercel (emulator)`,
    `<h1>Returning to ${e(appName)}…</h1>
<p><a href="${t}">Continue to ${e(appName)}</a></p>`,
    `\n<meta http-equiv="refresh" content="0;url=${t}">`,
  );
}
