// System / light / dark. The choice persists on this device; public/theme-init.js applies it
// before first paint, this control only changes it afterwards.
import { useState } from 'react';
import { THEME_COOKIE, useRenderInfo, type ThemeChoice } from '../lib/render-context';

export type { ThemeChoice };
export const THEME_STORAGE_KEY = 'vcr-theme';

export function readThemeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(THEME_STORAGE_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function applyThemeChoice(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    /* storage blocked: the choice lasts for this page only */
  }
  // The server reads the cookie to render the page in this theme (no flash of the other one).
  document.cookie =
    choice === 'system'
      ? `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`
      : `${THEME_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeToggle() {
  // Hydrating server HTML: start from the choice the server rendered (its cookie).
  const rendered = useRenderInfo();
  const [choice, setChoice] = useState<ThemeChoice>(() => rendered?.theme ?? readThemeChoice());
  return (
    <label className="inline-flex items-center gap-2 text-sm text-muted-fg">
      Theme
      <select
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          applyThemeChoice(next);
        }}
        className="h-8 rounded-md border border-border bg-surface px-2 text-fg"
      >
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
