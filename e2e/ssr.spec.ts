// The server-rendered tag deep link (server/ssr, docs/server-rendering.md) against the real
// server and embedded emulator (e2e seed): the first response holds the tag, the client
// hydrates it without a request or a warning, errors keep their HTTP status, a slow API gets
// the shell at once, the theme comes from the cookie, and it all reads without JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../server/security-headers';
import { waitForHydration } from './support/goto-hydrated';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const tagUrl = (tag: string) => `/repositories/web-app/tags/${tag}?${SCOPE}`;
const tagApi = (tag: string) => `/v1/vcr/repository/web-app/tags/${tag}`;
const PULL_BY_TAG = 'docker pull vcr.vercel.com/acme/storefront/web-app:latest';
const PULL_BY_DIGEST =
  /docker pull vcr\.vercel\.com\/acme\/storefront\/web-app@sha256:[a-f0-9]{64}/;

test.afterEach(async ({ request }) => {
  await request.delete('/__emulator/faults');
});

async function fault(page: Page, spec: Record<string, unknown>) {
  const res = await page.request.post('/__emulator/faults', { data: spec });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Console errors, uncaught errors (React reports hydration mismatches so) and /api requests. */
function watch(page: Page) {
  const problems: string[] = [];
  const api: string[] = [];
  page.on('console', (m) => {
    // Chromium logs the document's own error status (a 403 page); requests are counted below.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) api.push(u.pathname + u.search);
  });
  return { problems, api };
}

/** Inline scripts other than the JSON island: the CSP would block them. */
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/;

test('the first response holds the tag, private to the reader, under the same strict CSP', async ({
  request,
}) => {
  const res = await request.get(tagUrl('latest'));
  expect(res.status()).toBe(200);
  const headers = res.headers();
  expect(headers['cache-control']).toContain('private');
  expect(headers['cache-control']).toContain('no-store');
  expect(headers['vary']).toMatch(/\bCookie\b/);
  expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  const html = await res.text();
  expect(html).toContain('<title>Ready · web-app:latest · VCR Dashboard</title>');
  expect(html).toContain('linux/amd64');
  expect(html).toContain('36.9 MiB');
  expect(html).toMatch(/sha256:[a-f0-9]{64}/);
  expect(html).toContain(PULL_BY_TAG);
  expect(html).toMatch(PULL_BY_DIGEST);
  expect(html).toContain('<script type="application/json" id="vcr-ssr">');
  expect(html).not.toMatch(INLINE_SCRIPT);
});

test('the page hydrates without a request and without a warning, then works', async ({ page }) => {
  const { problems, api } = watch(page);
  await page.goto(tagUrl('latest'));
  await waitForHydration(page);
  await expect(page.getByTestId('tag-size')).toHaveAttribute('title', '38,693,274 bytes');
  await expect(page.getByText(PULL_BY_TAG)).toBeVisible();
  // Interactive: the theme control is React's now.
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(problems).toEqual([]);
  expect(api).toEqual([]);
});

test('a preparing tag hydrates and goes on watching live', async ({ page }) => {
  const { problems, api } = watch(page);
  await page.goto(tagUrl('preparing-forever'));
  await waitForHydration(page);
  await expect(page.getByTestId('watch-note')).toHaveText(/checking every 2 s/);
  await expect.poll(() => api.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(api[0]).toContain(tagApi('preparing-forever'));
  expect(problems).toEqual([]);
});

test('errors render on the server with their own status', async ({ page }) => {
  const missing = await page.request.get(tagUrl('no-such-tag'));
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain(
    'Tag &quot;no-such-tag&quot; was not found in repository &quot;web-app&quot;.',
  );

  await fault(page, { path: tagApi('latest'), method: 'GET', status: 403 });
  const { problems, api } = watch(page);
  const res = await page.goto(tagUrl('latest'));
  expect(res?.status()).toBe(403);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'No access to this scope' })).toBeVisible();
  expect(problems).toEqual([]);
  expect(api).toEqual([]);
});

test('a slow API gets the shell at once, and the page fetches the tag itself', async ({ page }) => {
  // One slow answer (the server's); the browser's own request is answered as usual.
  await fault(page, { path: tagApi('latest'), method: 'GET', delayMs: 5000, times: 1 });
  const res = await page.goto(tagUrl('latest'));
  expect(res?.headers()['server-timing']).toContain('API over budget');
  expect(await res?.text()).not.toContain('vcr-ssr');
  await expect(page.getByTestId('tag-size')).toContainText('36.9 MiB');
});

test('the theme cookie renders the page in the chosen theme from the first byte', async ({
  page,
  context,
  baseURL,
}) => {
  await context.addCookies([{ name: 'vcr-theme', value: 'dark', url: baseURL! }]);
  const { problems } = watch(page);
  const res = await page.goto(tagUrl('latest'));
  expect(await res?.text()).toMatch(/<html data-theme="dark"/);
  await waitForHydration(page);
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  expect(problems).toEqual([]);
});

test('without JavaScript the status, size, platform, digest and pull commands are there', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto(tagUrl('latest'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
  await expect(page.getByText('Ready', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('tag-size')).toContainText('36.9 MiB');
  await expect(page.getByTestId('tag-facts').getByText('linux/amd64')).toBeVisible();
  await expect(page.getByTestId('tag-digest')).toHaveText(/^sha256:[a-f0-9]{64}$/);
  await expect(page.getByText(PULL_BY_TAG)).toBeVisible();
  await expect(page.getByText(PULL_BY_DIGEST)).toBeVisible();
  await context.close();
});
