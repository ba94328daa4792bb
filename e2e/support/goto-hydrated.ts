// Server-rendered pages (server/ssr) show their content before the client has hydrated it:
// a test that clicks or reads client state waits for hydration first. The app marks
// <html data-hydrated> once it is interactive (src/app/app-tree.tsx).
import { expect, type Page } from '@playwright/test';

export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
}

export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForHydration(page);
}
