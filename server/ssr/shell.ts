// The built index.html (its hashed script and stylesheet tags already in place) as the frame
// of a server-rendered page. Node reads it from dist/; the Vercel Function carries a copy
// in its bundle (the CDN holds dist/, the function does not).
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ThemeChoice } from '../../src/lib/render-context';

export interface ShellSource {
  /** The template, or null when the app is not built (then the caller sends its own answer). */
  read(): Promise<string | null>;
}

const ROOT = '<div id="root"></div>';

/** dist/index.html, read again only when the build changed it. */
export function shellFromDist(distDir: string): ShellSource {
  const file = path.join(distDir, 'index.html');
  let cached: { mtimeMs: number; html: string } | undefined;
  return {
    async read() {
      try {
        const s = await stat(file);
        if (cached?.mtimeMs !== s.mtimeMs)
          cached = { mtimeMs: s.mtimeMs, html: await readFile(file, 'utf8') };
        return cached.html.includes(ROOT) ? cached.html : null;
      } catch {
        return null;
      }
    },
  };
}

export function shellFromString(html: string): ShellSource {
  return { read: async () => (html.includes(ROOT) ? html : null) };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ShellParts {
  /** React's HTML for #root. */
  html: string;
  /** The JSON island element, placed after #root so hydration never sees it. */
  island: string;
  title: string;
  theme: ThemeChoice;
}

export function injectIntoShell(template: string, parts: ShellParts): string {
  let page = template.replace(ROOT, () => `<div id="root">${parts.html}</div>${parts.island}`);
  page = page.replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(parts.title)}</title>`);
  // The theme the reader chose, from the first paint (theme-init.js agrees, from the same choice).
  if (parts.theme !== 'system')
    page = page.replace(/<html\b/, () => `<html data-theme="${parts.theme}"`);
  // The theme is in the HTML already: theme-init.js is not needed before the paint (nor its
  // Intl warm-up, the text is rendered); ssr-boot.js carries over an older choice instead.
  page = page.replace(/<script src="\/theme-init\.js"><\/script>\s*/, '');
  // The app's module is started after the first paint (public/ssr-boot.js), so its evaluation
  // and the hydration never hold the tag's paint. ssr-boot.js itself is a small classic script
  // in the head, parser-blocking on purpose: it arrives beside the stylesheet that holds the
  // paint anyway, and its listeners (the Go to box's `g` and Enter) are in place before the box
  // is. As `defer`, it was a request outside the paint that Lighthouse's simulation still put
  // before the LCP: 1,078 ms against the floor's 756 ms (1.43×); blocking, LCP = FCP, 978 ms.
  page = page.replace(
    /<script type="module" crossorigin src="([^"]+)"><\/script>/,
    (_m, src: string) => `<script src="/ssr-boot.js" data-entry="${src}"></script>`,
  );
  return page;
}
