// A tab the user has switched away from: Chromium headless never hides a page by itself, so the
// tests set what the app reads (document.visibilityState / hidden) and tell it.
import type { Page } from '@playwright/test';

export async function hideTab(page: Page): Promise<void> {
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
}
