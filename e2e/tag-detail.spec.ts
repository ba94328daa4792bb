// The tag detail page against the real server and embedded emulator (e2e seed): a deep link
// for each kind and status, the copy buttons, every error page, no layout shift, axe in light
// and dark, and keyboard use. Live preparing → ready and recovery are in tag-detail-live.spec.ts.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { gotoHydrated } from './support/goto-hydrated';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const tagUrl = (tag: string, scope = SCOPE) => `/repositories/web-app/tags/${tag}?${scope}`;
const tagApi = (tag: string) => `/v1/vcr/repository/web-app/tags/${tag}`;

test.afterEach(async ({ request }) => {
  await request.delete('/__emulator/faults');
});

async function fault(page: Page, spec: Record<string, unknown>) {
  const res = await page.request.post('/__emulator/faults', { data: spec });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Every /api request the page makes, in order. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) seen.push(u.pathname + u.search);
  });
  return seen;
}

const cases = [
  {
    tag: 'latest',
    badge: 'Ready',
    kind: 'Manifest',
    platform: 'linux/amd64',
    size: '36.9 MiB',
    exact: '38,693,274 bytes',
    pushedBy: 'alice@acme.dev',
  },
  {
    tag: 'arm64-build',
    badge: 'Ready (unoptimized)',
    kind: 'Manifest',
    platform: 'linux/arm64',
    size: '35.3 MiB',
    exact: '37,012,992 bytes',
    pushedBy: 'bob@acme.dev',
  },
  {
    tag: 'multi-arch',
    badge: 'Multi-platform index',
    kind: 'Index',
    platform: 'All platforms of the index',
    size: '1.8 KiB',
    exact: '1,842 bytes',
    pushedBy: 'alice@acme.dev',
  },
  {
    tag: 'sbom',
    badge: 'No status (attestation)',
    kind: 'Attestation',
    platform: 'Not platform-specific',
    size: '1.2 MiB',
    exact: '1,210,334 bytes',
    pushedBy: 'Not recorded',
  },
  {
    tag: 'preparing-forever',
    badge: 'Preparing',
    kind: 'Manifest',
    platform: 'linux/amd64',
    size: '39.1 MiB',
    exact: '41,004,113 bytes',
    pushedBy: 'ci@acme.dev',
  },
  {
    tag: 'tiny',
    badge: 'Ready',
    kind: 'Manifest',
    platform: 'linux/amd64',
    size: '512 B',
    exact: '512 bytes',
    pushedBy: 'Not recorded',
  },
  {
    tag: 'huge',
    badge: 'Ready',
    kind: 'Manifest',
    platform: 'linux/amd64',
    size: '5 GiB',
    exact: '5,368,709,120 bytes',
    pushedBy: 'ml-bot@acme.dev',
  },
];

test.describe('deep links', () => {
  for (const c of cases) {
    test(`${c.tag}: ${c.badge}, ${c.kind}`, async ({ page }) => {
      await gotoHydrated(page, tagUrl(c.tag));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(c.tag);
      const facts = page.getByTestId('tag-facts');
      await expect(facts).toBeVisible();
      await expect(page.getByText(c.badge, { exact: true }).first()).toBeVisible();
      await expect(facts.getByText(c.kind, { exact: true })).toBeVisible();
      await expect(facts.getByText(c.platform, { exact: true })).toBeVisible();
      const size = page.getByTestId('tag-size');
      await expect(size).toContainText(c.size);
      await expect(size).toHaveAttribute('title', c.exact);
      await expect(facts.getByText(c.pushedBy, { exact: true })).toBeVisible();
      await expect(page.getByTestId('tag-digest')).toHaveText(/^sha256:[a-f0-9]{64}$/);
      await expect(
        page.getByText(`docker pull vcr.vercel.com/acme/storefront/web-app:${c.tag}`),
      ).toBeVisible();
      await expect(
        page.getByText(
          /^docker pull vcr\.vercel\.com\/acme\/storefront\/web-app@sha256:[a-f0-9]{64}$/,
        ),
      ).toBeVisible();
      await expect(facts.locator('time')).toHaveCount(2);
      await expect(facts.locator('time').first()).toHaveAttribute('title', /2026/);
      if (c.badge === 'Preparing') {
        await expect(page.getByTestId('watch-note')).toHaveText(/checking every 2 s/);
        await expect(page).toHaveTitle(`Preparing · web-app:${c.tag} · VCR Dashboard`);
      }
      if (c.badge === 'Ready (unoptimized)') {
        await expect(
          facts.getByText(/not linux\/amd64, so Vercel Sandbox cannot use it/),
        ).toBeVisible();
      }
    });
  }

  test('the image id links to the image page and the breadcrumbs to the repository', async ({
    page,
  }) => {
    await gotoHydrated(page, tagUrl('latest'));
    await expect(page.getByRole('link', { name: /^image_/ })).toHaveAttribute(
      'href',
      /^\/repositories\/web-app\/images\/image_[a-f0-9]+\?projectId=prj_e2e&teamId=team_e2e$/,
    );
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(crumbs.getByRole('link', { name: 'web-app' })).toHaveAttribute(
      'href',
      `/repositories/web-app?${SCOPE}`,
    );
    await expect(crumbs.getByRole('link', { name: 'Repositories' })).toHaveAttribute(
      'href',
      `/repositories?${SCOPE}`,
    );
  });

  test('the tag request starts with the first render, beside the look-ups', async ({ page }) => {
    // The client's own path: the server's answer is late, so it sends the shell (server/ssr).
    await fault(page, { path: tagApi('latest'), method: 'GET', delayMs: 3000, times: 1 });
    const seen = apiRequests(page);
    await gotoHydrated(page, tagUrl('latest'));
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    expect(seen[0]).toBe(`/api${tagApi('latest')}?${SCOPE}`);
  });

  test('a slow answer shows a skeleton that the page replaces without layout shift', async ({
    page,
  }) => {
    await fault(page, { path: tagApi('latest'), method: 'GET', delayMs: 3000 });
    await page.addInitScript(() => {
      (window as unknown as { __cls: number }).__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { value: number }[])
          (window as unknown as { __cls: number }).__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(tagUrl('latest'), { waitUntil: 'commit' });
    await expect(page.getByTestId('tag-facts-skeleton')).toBeVisible();
    const before = await page.getByTestId('tag-facts-skeleton').boundingBox();
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    await expect(page.getByText(/^docker pull vcr/).first()).toBeVisible();
    const after = await page.getByTestId('tag-facts').boundingBox();
    expect(after?.y).toBe(before?.y);
    expect(Math.abs((after?.height ?? 0) - (before?.height ?? 0))).toBeLessThanOrEqual(2);
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    expect(cls).toBeLessThan(0.01);
  });
});

test.describe('copy buttons', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copy the digest, both pull commands and the link', async ({ page }) => {
    await gotoHydrated(page, tagUrl('latest'));
    const digest = (await page.getByTestId('tag-digest').textContent()) ?? '';
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await page.getByRole('button', { name: 'Copy digest' }).click();
    expect(await clipboard()).toBe(digest);
    await expect(page.getByText('Copied', { exact: true }).first()).toBeAttached();

    await page.getByRole('button', { name: 'Copy pull command by tag' }).click();
    expect(await clipboard()).toBe('docker pull vcr.vercel.com/acme/storefront/web-app:latest');

    await page.getByRole('button', { name: 'Copy pull command by digest' }).click();
    expect(await clipboard()).toBe(`docker pull vcr.vercel.com/acme/storefront/web-app@${digest}`);

    await page.getByRole('button', { name: 'Copy link to this page' }).click();
    const link = await clipboard();
    expect(link).toBe(page.url());
    expect(link).not.toMatch(/token/i);
  });
});

test.describe('copy without clipboard permission', () => {
  test('says how to copy by hand', async ({ page, browserName }) => {
    test.skip(browserName !== 'chromium');
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
      });
    });
    await gotoHydrated(page, tagUrl('latest'));
    await page.getByRole('button', { name: 'Copy digest' }).click();
    await expect(page.getByText(/select the text and press Ctrl\+C/)).toBeVisible();
  });
});

test.describe('errors', () => {
  test('a tag name that cannot exist is refused before any request', async ({ page }) => {
    const seen = apiRequests(page);
    await page.goto('/repositories/web-app/tags/.nope?projectId=prj_e2e');
    await expect(page.getByRole('alert')).toContainText('This link cannot be opened');
    await expect(page.getByRole('alert')).toContainText('cannot be a tag name');
    await page.waitForTimeout(500);
    expect(seen).toEqual([]);
  });

  test('a repository name that cannot exist is refused before any request', async ({ page }) => {
    const seen = apiRequests(page);
    await page.goto('/repositories/Web..App/tags/latest?projectId=prj_e2e');
    await expect(page.getByRole('alert')).toContainText('cannot be a repository name');
    await page.waitForTimeout(500);
    expect(seen).toEqual([]);
  });

  test('a link without projectId gets the server default scope and the full URL', async ({
    page,
  }) => {
    await page.goto('/repositories/web-app/tags/latest');
    await expect(page).toHaveURL(new RegExp(`/repositories/web-app/tags/latest\\?${SCOPE}$`));
    await expect(page.getByText('Ready', { exact: true })).toBeVisible();
    await expect(page.getByTestId('tag-digest')).toBeVisible();
    // The history entry was replaced: Back leaves the page rather than return to the bare link.
    await page.goBack();
    await expect(page).toHaveURL('about:blank');
  });

  test('without a default scope, a link without projectId is refused before any request', async ({
    page,
  }) => {
    await page.route('**/_dashboard/config', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), defaultScope: null } });
    });
    const seen = apiRequests(page);
    await page.goto('/repositories/web-app/tags/latest');
    await expect(page.getByRole('alert')).toContainText('no projectId');
    await page.waitForTimeout(500);
    expect(seen).toEqual([]);
    await expect(page).toHaveURL(/\/repositories\/web-app\/tags\/latest$/);
  });

  test('401 (a bogus token pasted in this tab) says how to supply a token', async ({ page }) => {
    await page.addInitScript(() => sessionStorage.setItem('vcr-session-token', 'bogus_token'));
    await gotoHydrated(page, tagUrl('latest'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Not signed in to the Vercel API');
    await expect(alert).toContainText('VERCEL_TOKEN');
    await expect(page.getByRole('link', { name: /paste a token in Settings/ })).toHaveAttribute(
      'href',
      '/settings',
    );
  });

  test('403 names the team the token cannot read', async ({ page }) => {
    await page.goto('/repositories/internal/tags/v1?projectId=prj_other&teamId=team_other');
    await expect(page.getByRole('alert')).toContainText(
      'cannot read project prj_other in team team_other',
    );
  });

  test('404 says which tag in which repository and links to the repository', async ({ page }) => {
    await gotoHydrated(page, tagUrl('no-such-tag'));
    await expect(page.getByRole('alert')).toContainText(
      'Tag "no-such-tag" was not found in repository "web-app".',
    );
    await page.getByRole('link', { name: 'Open repository web-app' }).click();
    await expect(page).toHaveURL(`/repositories/web-app?${SCOPE}`);
  });

  test('410 says it is gone', async ({ page }) => {
    await fault(page, { path: tagApi('latest'), method: 'GET', status: 410 });
    await gotoHydrated(page, tagUrl('latest'));
    await expect(page.getByRole('alert')).toContainText('410 Gone');
    await expect(page.getByRole('link', { name: 'Open repository web-app' })).toBeVisible();
  });

  test('429 waits for Retry-After, says so, then loads by itself', async ({ page }) => {
    await fault(page, {
      path: tagApi('latest'),
      method: 'GET',
      status: 429,
      headers: { 'retry-after': '3' },
      times: 1,
    });
    await gotoHydrated(page, tagUrl('latest'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Too many requests');
    await expect(alert).toContainText('Retry-After');
    await expect(page.getByTestId('retry-countdown')).toHaveText(/^[1-3]$/);
    await expect(page.getByTestId('tag-facts')).toBeVisible({ timeout: 8000 });
    await expect(alert).toHaveCount(0);
  });

  test('5xx shows x-vercel-id, retries with backoff and recovers', async ({ page }) => {
    await fault(page, {
      path: tagApi('latest'),
      method: 'GET',
      status: 503,
      headers: { 'x-vercel-id': 'e2e1::fault-503' },
      times: 2,
    });
    await gotoHydrated(page, tagUrl('latest'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The API is having trouble');
    await expect(alert).toContainText('e2e1::fault-503');
    await expect(page.getByTestId('tag-facts')).toBeVisible({ timeout: 10_000 });
    await expect(alert).toHaveCount(0);
  });

  test('a response that breaks the contract gets a clear message', async ({ page }) => {
    await fault(page, {
      path: tagApi('latest'),
      method: 'GET',
      status: 200,
      body: { tag: { tag: 'latest', kind: 'manifest' } },
    });
    await gotoHydrated(page, tagUrl('latest'));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Unexpected response from the API');
    await expect(alert).toContainText('tag.');
  });

  test('a body that is not JSON at all gets a clear message', async ({ page }) => {
    await fault(page, { path: tagApi('latest'), method: 'GET', status: 200, body: '<html>' });
    await gotoHydrated(page, tagUrl('latest'));
    await expect(page.getByRole('alert')).toContainText('Unexpected response from the API');
  });
});

test.describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const tag of ['latest', 'arm64-build', 'preparing-forever', 'no-such-tag']) {
      test(`axe: ${tag} in ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await gotoHydrated(page, tagUrl(tag));
        await expect(page.getByTestId('tag-facts').or(page.getByRole('alert'))).toBeVisible();
        await expect(page.getByText(/^docker pull|Not found/).first()).toBeVisible();
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      });
    }
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: error pages (invalid link, 401, 429 countdown) in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      const check = async () => {
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
      };
      await page.goto('/repositories/web-app/tags/.nope?projectId=prj_e2e');
      await expect(page.getByRole('alert')).toContainText('This link cannot be opened');
      await check();
      await fault(page, { path: tagApi('latest'), method: 'GET', status: 401, times: 1 });
      await gotoHydrated(page, tagUrl('latest'));
      await expect(page.getByRole('alert')).toContainText('Not signed in');
      await check();
      await fault(page, {
        path: tagApi('tiny'),
        method: 'GET',
        status: 429,
        headers: { 'retry-after': '30', 'x-vercel-id': 'e2e1::rate' },
        times: 1,
      });
      await gotoHydrated(page, tagUrl('tiny'));
      await expect(page.getByTestId('retry-countdown')).toBeVisible();
      await check();
    });
  }

  test('the theme toggle switches to dark and persists', async ({ page }) => {
    await gotoHydrated(page, tagUrl('latest'));
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
  });

  test('keyboard: skip link, copy by Enter, breadcrumbs by Tab', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await gotoHydrated(page, tagUrl('latest'));
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Enter');
    // From main, Tab reaches the breadcrumbs first, then the copy-link button.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Repositories' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'web-app' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Copy link to this page' })).toBeFocused();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(page.url());
    await page.getByRole('button', { name: 'Copy digest' }).focus();
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^sha256:/);
  });
});
