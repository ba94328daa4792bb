// The browse pages against the real server and embedded emulator (e2e seed): default scope,
// repositories, the 650-tag list (paging, sort and filter in the URL, virtualization),
// live rows by `npm run vcr:push`, list → detail from the cache, pasted references, axe.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { baseURL } from '../playwright.config';
import { startServer } from './support/spawn-server';

const run = promisify(execFile);
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const tagsUrl = (repo: string, extra = '') => `/repositories/${repo}?${SCOPE}${extra}`;

function apiRequests(page: Page): { url: URL; at: number }[] {
  const seen: { url: URL; at: number }[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) seen.push({ url, at: Date.now() });
  });
  return seen;
}

const rowsInDom = (page: Page) =>
  page.locator('[data-testid="tag-scroll"] tbody tr[data-index]').count();

test.describe('scope', () => {
  test('a URL without a scope gets the server default, replacing the history entry', async ({
    page,
  }) => {
    await page.goto('/repositories/web-app?sort=name');
    await expect(page).toHaveURL(
      /\/repositories\/web-app\?sort=name&projectId=prj_e2e&teamId=team_e2e$/,
    );
    await expect(page.getByRole('link', { name: 'latest', exact: true })).toBeVisible();
  });

  test('the start page lands on the default project, and "Change scope" reaches the form', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page).toHaveURL(`${baseURL}/repositories?${SCOPE}`);
    await expect(page.getByRole('link', { name: 'long-list' })).toBeVisible();
    await page.getByRole('link', { name: 'Change scope' }).click();
    await expect(page.getByRole('heading', { name: 'Open a project' })).toBeVisible();
    await page.getByLabel('Project id or name').fill('prj_empty');
    await page.getByLabel(/Team id or slug/).fill('acme');
    await page.getByRole('button', { name: 'Show repositories' }).click();
    await expect(page).toHaveURL(`${baseURL}/repositories?projectId=prj_empty&slug=acme`);
    await expect(page.getByText('No repositories in this project yet.')).toBeVisible();
    // Chosen once, it is offered again on this device.
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'prj_empty in acme' })).toBeVisible();
  });

  test('the default scope comes from VERCEL_ORG_ID / VERCEL_PROJECT_ID', async ({ page }) => {
    const server = await startServer({
      seed: 'e2e/fixtures/seed.json',
      env: { VERCEL_ORG_ID: 'team_e2e', VERCEL_PROJECT_ID: 'prj_empty' },
    });
    try {
      await page.goto(server.url);
      await expect(page).toHaveURL(`${server.url}repositories?projectId=prj_empty&teamId=team_e2e`);
      await expect(page.getByText('No repositories in this project yet.')).toBeVisible();
      await page.goto(`${server.url}repositories/web-app`);
      await expect(page).toHaveURL(
        `${server.url}repositories/web-app?projectId=prj_empty&teamId=team_e2e`,
      );
    } finally {
      await server.stop();
    }
  });

  test('a pasted tag reference opens the tag, a digest reference the image', async ({ page }) => {
    await page.goto('/?choose');
    await page
      .getByRole('textbox', { name: 'Image reference' })
      .fill('docker pull vcr.vercel.com/acme/storefront/web-app:v1.0.0');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page).toHaveURL(
      /\/repositories\/web-app\/tags\/v1\.0\.0\?projectId=prj_e2e&slug=acme$/,
    );
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    const digest = (await page
      .getByTestId('tag-facts')
      .getByText(/^sha256:[0-9a-f]{64}$/)
      .first()
      .textContent())!;

    await page.goto('/?choose');
    await page
      .getByRole('textbox', { name: 'Image reference' })
      .fill(`vcr.vercel.com/acme/storefront/web-app@${digest}`);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('heading', { name: `Image ${digest.slice(7, 19)}` })).toBeVisible();
    await expect(page.getByRole('link', { name: 'v1.0.0' })).toBeVisible();

    await page.goto('/?choose');
    await page
      .getByRole('textbox', { name: 'Image reference' })
      .fill('vcr.vercel.com/acme/nope/web-app:latest');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByText('Project "nope" was not found in team "acme".')).toBeVisible();
  });
});

test.describe('repositories', () => {
  test('lists name, visibility and dates, and opens a repository', async ({ page }) => {
    await page.goto(`/repositories?${SCOPE}`);
    const row = page.getByRole('row', { name: /long-list/ });
    await expect(row).toContainText('Public');
    await expect(page.getByRole('row', { name: /web-app/ })).toContainText('Private');
    await page.getByRole('link', { name: 'web-app' }).click();
    await expect(page.getByRole('heading', { name: 'web-app', level: 1 })).toBeVisible();
  });
});

test.describe('tag list', () => {
  test('pages to the end of a 651-tag list while keeping about a hundred rows in the DOM', async ({
    page,
  }) => {
    const seen = apiRequests(page);
    await page.goto(tagsUrl('long-list', '&sort=name'));
    const scroller = page.getByTestId('tag-scroll');
    await expect(page.getByRole('link', { name: 'build-0001' })).toBeVisible();
    // latest is pinned above the name order.
    await expect(page.locator('tbody tr[data-index="0"]')).toHaveAttribute('data-tag', 'latest');
    let maxRows = 0;
    for (let i = 0; i < 60; i++) {
      await scroller.evaluate((el) => el.scrollBy(0, 1500));
      await page.waitForTimeout(50);
      maxRows = Math.max(maxRows, await rowsInDom(page));
      if (await page.getByTestId('end-of-list').isVisible()) break;
    }
    await expect(page.getByTestId('end-of-list')).toHaveText('End of the list: 651 tags.');
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.getByRole('link', { name: 'build-0650' })).toBeVisible();
    expect(maxRows).toBeLessThanOrEqual(100);
    const listCalls = seen.filter((r) => r.url.pathname.endsWith('/long-list/tags'));
    expect(listCalls).toHaveLength(7);
    expect(new Set(listCalls.map((r) => r.url.searchParams.get('cursor'))).size).toBe(7);
    // Back from a tag, the list is where it was, without reading it again.
    await page.getByRole('link', { name: 'build-0650' }).click();
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    await page.goBack();
    await expect(page.getByRole('link', { name: 'build-0650' })).toBeInViewport();
    expect(seen.filter((r) => r.url.pathname.endsWith('/long-list/tags'))).toHaveLength(7);
  });

  test('sort, filter and status stay across a reload and in a copied URL', async ({
    page,
    browser,
  }) => {
    await page.goto(tagsUrl('long-list'));
    await page.getByLabel('Sort').selectOption('name:desc');
    await page.getByLabel('Status').selectOption('ready');
    await page.keyboard.press('Escape');
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.keyboard.type('build-064');
    await expect(page).toHaveURL(/sort=name&order=desc&status=ready&q=build-064$/);
    const rows = page.locator('tbody tr[data-index]');
    const expected = ['build-0649', 'build-0648', 'build-0647'];
    await expect(rows.nth(0)).toHaveAttribute('data-tag', expected[0]!);
    await page.reload();
    await expect(page.getByLabel('Sort')).toHaveValue('name:desc');
    await expect(page.getByLabel('Status')).toHaveValue('ready');
    await expect(page.getByRole('searchbox')).toHaveValue('build-064');
    await expect(rows.nth(0)).toHaveAttribute('data-tag', expected[0]!);
    await expect(rows.nth(2)).toHaveAttribute('data-tag', expected[2]!);

    const other = await browser.newPage();
    const seen = apiRequests(other);
    await other.goto(page.url());
    await expect(other.locator('tbody tr[data-index]').nth(1)).toHaveAttribute(
      'data-tag',
      expected[1]!,
    );
    const first = seen.find((r) => r.url.pathname.endsWith('/long-list/tags'))!;
    expect(first.url.searchParams.get('sortBy')).toBe('tag');
    expect(first.url.searchParams.get('sortOrder')).toBe('desc');
    await other.close();
  });

  test('keyboard: j/k move between rows and Enter opens the tag', async ({ page }) => {
    await page.goto(tagsUrl('web-app', '&sort=name'));
    await expect(page.getByRole('link', { name: 'latest', exact: true })).toBeVisible();
    await page.locator('body').press('/');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('link', { name: 'latest', exact: true })).toBeFocused();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await expect(page.getByRole('link', { name: 'arm64-build' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/repositories\/web-app\/tags\/arm64-build\?/);
    await expect(page.getByTestId('tag-facts')).toBeVisible();
  });

  test('opening a tag shows its detail from the list data, before any request answers', async ({
    page,
  }) => {
    await page.goto(tagsUrl('web-app'));
    await expect(page.getByRole('link', { name: 'v1.0.0' })).toBeVisible();
    // Hold every API answer: the detail must not need one to appear.
    let held = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await page.route('**/api/**', async (route) => {
      held++;
      await gate;
      await route.continue().catch(() => {});
    });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.getByRole('link', { name: 'v1.0.0' }).click();
    await expect(page.getByTestId('tag-facts')).toBeVisible({ timeout: 2000 });
    await expect(page.getByTestId('tag-facts')).toContainText('linux/amd64');
    expect(scripts).toEqual([]);
    // The background refresh was sent, and is what gets released now.
    expect(held).toBeGreaterThan(0);
    release();
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  test('a preparing row pushed with `npm run vcr:push` turns ready live, one request per tick', async ({
    page,
    request,
  }) => {
    try {
      await run(
        'npm',
        ['run', '--silent', 'vcr:push', '--', 'long-list:live-e2e', '--prepare-seconds', '5'],
        {
          env: { ...process.env, VCR_EMULATOR_URL: baseURL },
        },
      );
      const seen = apiRequests(page);
      await page.goto(tagsUrl('long-list'));
      const row = page.locator('tbody tr[data-tag="live-e2e"]');
      await expect(row).toContainText('Preparing');
      const start = Date.now();
      await expect(row).toContainText('Ready', { timeout: 15_000 });
      await expect(row.getByTestId('just-ready')).toBeVisible();
      const elapsed = Date.now() - start;
      const live = seen.filter((r) => r.at >= start && r.url.pathname.includes('/long-list/tags'));
      // One request per 2 s tick at most (plus one in flight at either end).
      expect(live.length).toBeLessThanOrEqual(Math.ceil(elapsed / 2000) + 1);
      expect(live.length).toBeGreaterThan(0);
      // Nothing in view is preparing any more: no further requests.
      const after = seen.length;
      await page.waitForTimeout(4500);
      expect(seen.length).toBe(after);
    } finally {
      await request.post('/__emulator/reset');
    }
  });

  test('the untagged images view and an image page with its layers', async ({ page }) => {
    await page.goto(tagsUrl('web-app'));
    await page.getByRole('link', { name: 'All images' }).click();
    await expect(page.getByRole('heading', { name: 'Images of web-app' })).toBeVisible();
    await page.getByRole('link', { name: 'Untagged only' }).click();
    await expect(page).toHaveURL(/untagged=true/);
    await expect(page.getByRole('heading', { name: 'Untagged images of web-app' })).toBeVisible();
    await page.getByRole('link', { name: 'All images' }).click();
    await page.locator('tbody tr').first().getByRole('link').click();
    await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Tags pointing at this image' })).toBeVisible();
  });
});

test.describe('accessibility', () => {
  const pages = [
    ['scope', '/?choose', 'Open a project'],
    ['repositories', `/repositories?${SCOPE}`, 'Repositories'],
    ['empty repositories', '/repositories?projectId=prj_empty&teamId=team_e2e', 'Repositories'],
    ['tags', tagsUrl('web-app'), 'web-app'],
    ['empty tags', tagsUrl('empty-repo'), 'empty-repo'],
    [
      'untagged images',
      `/repositories/web-app/images?${SCOPE}&untagged=true`,
      'Untagged images of web-app',
    ],
    ['all images', `/repositories/web-app/images?${SCOPE}`, 'Images of web-app'],
  ] as const;
  for (const scheme of ['light', 'dark'] as const) {
    for (const [name, url, heading] of pages) {
      test(`axe: ${name} in ${scheme}`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.goto(url);
        await expect(
          page
            .getByRole('heading', { name: heading, exact: true, level: 1 })
            .or(page.getByRole('heading', { name: heading, level: 2 })),
        ).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: /Loading/ })).toHaveCount(0);
        const results = await new AxeBuilder({ page }).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      });
    }
    test(`axe: image detail in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(`/repositories/web-app/images?${SCOPE}`);
      await page.locator('tbody tr').first().getByRole('link').click();
      await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
});
