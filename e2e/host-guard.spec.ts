// DNS rebinding and cross-site requests, as a real Chromium sends them, against the real
// server (Playwright's webServer, embedded emulator).
import { chromium, expect, test } from '@playwright/test';
import { baseURL, chromiumArgs, chromiumPath } from '../playwright.config';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const port = new URL(baseURL).port;

test('a rebound name gets 421 and no app, on pages and on the API', async () => {
  // The resolver maps attacker.example to this machine, as a rebinding DNS server would.
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--host-resolver-rules=MAP attacker.example 127.0.0.1'],
  });
  try {
    const page = await browser.newPage();
    const rebound = `http://attacker.example:${port}`;
    const res = await page.goto(`${rebound}/repositories/web-app/tags/latest?${SCOPE}`);
    expect(res?.status()).toBe(421);
    const body = JSON.parse((await page.locator('body').textContent()) ?? '');
    expect(body.error.code).toBe('misdirected_request');
    await expect(page.locator('#root')).toHaveCount(0);
    // The rebound page's own same-origin API read is refused too.
    const api = await page.evaluate(async (scope) => {
      const r = await fetch(`/api/v1/vcr/repository?${scope}`);
      return { status: r.status, text: await r.text() };
    }, SCOPE);
    expect(api.status).toBe(421);
    expect(api.text).not.toContain('web-app');
  } finally {
    await browser.close();
  }
});

test('a form on another site cannot push a tag (text/plain JSON CSRF)', async ({
  page,
  request,
}) => {
  // A page on evil.test whose form posts a JSON-looking body to the control route.
  await page.route('http://evil.test/', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><form method="post" enctype="text/plain" action="${baseURL}/__emulator/push">
        <input name='{"repository":"web-app","tag":"csrf-pushed","pushedBy":"a' value='b"}'>
        <button>go</button></form>`,
    }),
  );
  await page.goto('http://evil.test/');
  const [answer] = await Promise.all([
    page.waitForResponse(`${baseURL}/__emulator/push`),
    page.getByRole('button', { name: 'go' }).click(),
  ]);
  expect(answer.status()).toBe(403);
  expect((await answer.json()).error.code).toBe('cross_origin_request');
  const tag = await request.get(`/api/v1/vcr/repository/web-app/tags/csrf-pushed?${SCOPE}`);
  expect(tag.status()).toBe(404);
});

test('the dashboard itself still reads and writes from its own origin', async ({ page }) => {
  await page.goto(`/repositories/web-app/tags/latest?${SCOPE}`);
  await expect(page.getByTestId('tag-facts')).toBeVisible();
  const pushed = await page.evaluate(async () => {
    const r = await fetch('/__emulator/push', {
      method: 'POST',
      body: JSON.stringify({ repository: 'web-app', tag: 'same-origin-push' }),
    });
    return r.status;
  });
  expect(pushed).toBe(200);
  await page.request.post('/__emulator/reset');
});
