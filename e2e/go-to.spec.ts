// The header's "Go to" box never loses input (issue 16): with 400 ms of network latency the
// resolver's lazy chunk arrives well after the first keystrokes, so whatever is typed or
// pasted at once must already be in the box, and Enter must open the tag.
import { expect, test, type Page } from '@playwright/test';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const DEEP_LINK = `/repositories/web-app/tags/latest?${SCOPE}`;
const REFERENCE = 'vcr.vercel.com/acme/storefront/web-app:v1.0.0';
const OPENED = /\/repositories\/web-app\/tags\/v1\.0\.0\?projectId=prj_e2e&slug=acme$/;

/** Throttles every request of this page (before navigation, so the lazy chunks are slow too). */
async function slowNetwork(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

async function openDeepLink(page: Page) {
  await slowNetwork(page);
  await page.goto(DEEP_LINK);
  await expect(page.getByTestId('tag-facts')).toBeVisible();
  return page.getByRole('textbox', { name: /Go to a reference/ });
}

/** The box holds the whole reference with the caret at its end; Enter opens the tag. */
async function expectWholeReferenceThenOpen(page: Page) {
  const box = page.getByRole('textbox', { name: /Go to a reference/ });
  await expect(box).toHaveValue(REFERENCE);
  await expect(box).toBeFocused();
  expect(
    await box.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]),
  ).toEqual([REFERENCE.length, REFERENCE.length]);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(OPENED);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('v1.0.0');
  await expect(page.getByTestId('tag-facts')).toBeVisible();
}

test.describe('Go to box on a slow network', () => {
  test('click, then type at once', async ({ page }) => {
    const box = await openDeepLink(page);
    await box.click();
    await page.keyboard.type(REFERENCE);
    await expectWholeReferenceThenOpen(page);
  });

  test('g, then type at once', async ({ page }) => {
    await openDeepLink(page);
    await page.keyboard.press('g');
    await page.keyboard.type(REFERENCE);
    await expectWholeReferenceThenOpen(page);
  });

  test('click, then paste at once', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const box = await openDeepLink(page);
    await page.evaluate((text) => navigator.clipboard.writeText(text), REFERENCE);
    await box.click();
    await page.keyboard.press('ControlOrMeta+V');
    await expectWholeReferenceThenOpen(page);
  });

  test('Enter pressed before the resolver has loaded still opens the tag', async ({ page }) => {
    const box = await openDeepLink(page);
    await box.click();
    await page.keyboard.insertText(REFERENCE);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(OPENED);
    await expect(page.getByTestId('tag-facts')).toBeVisible();
  });
});
