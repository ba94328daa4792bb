// What a server-rendered page was rendered with, so the client's hydration renders the very
// same HTML: the server's clock (relative times, countdowns) and the theme choice it read
// from the cookie. Null when there is no server HTML (createRoot, tests).
import { createContext, useContext } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface RenderInfo {
  /** The server's Date.now() when it rendered the page. */
  renderedAt: number;
  theme: ThemeChoice;
}

export const RenderContext = createContext<RenderInfo | null>(null);

export function useRenderInfo(): RenderInfo | null {
  return useContext(RenderContext);
}

/** The theme cookie (set by public/theme-init.js and the theme control), read on both sides. */
export const THEME_COOKIE = 'vcr-theme';

export function themeFromCookieHeader(header: string | null | undefined): ThemeChoice {
  const m = /(?:^|;\s*)vcr-theme=(light|dark)(?:;|$)/.exec(header ?? '');
  return m ? (m[1] as ThemeChoice) : 'system';
}
