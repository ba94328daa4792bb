// The sign-in pages the server renders itself (failures, access refused, signed out): plain
// HTML with one external stylesheet and no script, so they work under the strict CSP and
// whether or not the app is built. Every value is escaped.
export const STYLESHEET_PATH = '/auth/style.css';

export const STYLESHEET = `:root{color-scheme:light dark;--bg:#fff;--fg:#0a0a0a;--muted:#525252;--border:#e5e5e5;--accent:#0a0a0a;--accent-fg:#fff;--danger:#b91c1c}
@media (prefers-color-scheme:dark){:root{--bg:#0a0a0a;--fg:#ededed;--muted:#a3a3a3;--border:#262626;--accent:#ededed;--accent-fg:#0a0a0a;--danger:#f87171}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
main{max-width:36rem;margin:12vh auto;padding:0 1.25rem}
.brand{font-weight:600;color:var(--muted);margin:0 0 1.5rem}
h1{font-size:1.5rem;margin:0 0 .75rem}h1.danger{color:var(--danger)}
p{margin:0 0 1rem}.muted{color:var(--muted);font-size:.875rem}code{font-family:ui-monospace,monospace;font-size:.875em}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1.5rem}
.actions form{margin:0}
.button{display:inline-block;border:1px solid var(--accent);background:var(--accent);color:var(--accent-fg);border-radius:.375rem;padding:.5rem 1rem;font:inherit;text-decoration:none;cursor:pointer}
.button.secondary{background:transparent;color:var(--fg);border-color:var(--border)}
.button:focus-visible{outline:2px solid var(--fg);outline-offset:2px}`;

export type PageAction =
  | { kind: 'link'; href: string; label: string; secondary?: boolean }
  | { kind: 'sign-out'; label?: string };

export interface PageInput {
  title: string;
  /** Paragraphs of plain text (escaped). */
  paragraphs: string[];
  actions: PageAction[];
  /** Small print under the actions, e.g. the issuer's error code. */
  note?: string;
  danger?: boolean;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function action(a: PageAction, index: number): string {
  if (a.kind === 'sign-out') {
    const cls = index === 0 ? 'button' : 'button secondary';
    return `<form method="post" action="/auth/logout"><button class="${cls}" type="submit">${escapeHtml(a.label ?? 'Sign out')}</button></form>`;
  }
  const cls = a.secondary || index > 0 ? 'button secondary' : 'button';
  return `<a class="${cls}" href="${escapeHtml(a.href)}">${escapeHtml(a.label)}</a>`;
}

export function renderPage(input: PageInput): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(input.title)} · VCR Dashboard</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<p class="brand">VCR Dashboard</p>
<h1${input.danger ? ' class="danger"' : ''}>${escapeHtml(input.title)}</h1>
${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
<div class="actions">${input.actions.map(action).join('')}</div>
${input.note ? `<p class="muted">${escapeHtml(input.note)}</p>` : ''}
</main>
</body>
</html>
`;
}

export function loginHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
}
