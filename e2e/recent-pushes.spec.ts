// Recent pushes against the real server and the embedded emulator: three pushes into three
// repositories through the control route (one a Buildx-style index with an arm64 child), shown
// one row per image, watched, and ONE notification when all have left preparing, naming the
// unoptimized one; a 429 on one repository shows on its row while the rest keeps working;
// axe clean in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';

async function push(page: Page, data: Record<string, unknown>) {
  const res = await page.request.post('/__emulator/push', { data });
  expect(res.ok(), await res.text()).toBe(true);
}

async function threePushes(page: Page, prepareSeconds: number) {
  await push(page, { repository: 'svc-api', tag: 'v1', prepareSeconds, pushedBy: 'ci@acme.dev' });
  await push(page, { repository: 'svc-arm', tag: 'v1', arch: 'arm64', prepareSeconds });
  await push(page, {
    repository: 'svc-multi',
    tag: 'v1',
    kind: 'index',
    platforms: ['linux/amd64', 'linux/arm64'],
    prepareSeconds,
  });
}

/** Records notifications instead of showing them (headless Chromium has no notification UI). */
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    (window as unknown as { __shown: typeof shown }).__shown = shown;
    const Real = window.Notification;
    class Recording extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    }
    Object.defineProperty(window, 'Notification', { value: Recording });
  });
}

const shown = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __shown: { title: string; body: string }[] }).__shown,
  );

test.describe('Recent pushes', () => {
  test.use({ permissions: ['notifications'] });
  test.beforeEach(async ({ request }) => {
    await request.post('/__emulator/reset');
  });
  test.afterAll(async ({ request }) => {
    await request.post('/__emulator/reset');
  });

  test('groups three pushes, watches them and sends one notification naming the unoptimized one', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await recordNotifications(page);
    await threePushes(page, 12);

    // The repositories page says what is under way in each.
    await page.goto(`/repositories?${SCOPE}`);
    await expect(
      page.getByRole('row').filter({ hasText: 'svc-api' }).getByTestId('preparing-count'),
    ).toHaveText('1 preparing');
    // From the header, with the scope carried along.
    await page.getByRole('banner').getByRole('link', { name: 'Recent pushes' }).click();
    await expect(page).toHaveURL(/\/pushes\?projectId=prj_e2e&teamId=team_e2e/);
    await expect(page.getByRole('heading', { name: 'Recent pushes', level: 1 })).toBeVisible();

    const rows = page.locator('tbody tr[data-row]');
    await expect(rows).toHaveCount(3);
    // Newest first.
    await expect(rows.nth(0)).toHaveAttribute('data-repository', 'svc-multi');
    await expect(rows.nth(2)).toHaveAttribute('data-repository', 'svc-api');
    await expect(rows.nth(2)).toContainText('ci@acme.dev');
    await expect(rows.nth(1)).toContainText('linux/arm64');
    await expect(rows.nth(0).getByTestId('push-platform')).toHaveText(
      'index: 0 of 2 platforms ready',
    );

    // The status filter lives in the URL.
    await page.getByLabel('Status').selectOption('index');
    await expect(page).toHaveURL(/status=index/);
    await expect(rows).toHaveCount(1);
    await page.getByLabel('Status').selectOption('all');
    await expect(rows).toHaveCount(3);

    await page.getByRole('button', { name: 'Notify me when these are ready' }).click();
    await expect(page.getByTestId('watch-state')).toHaveText(/Waiting for 3 of 3/);
    await expect(page).toHaveTitle(/^Preparing 3 · Recent pushes/);

    // A tag turning ready moves its updatedAt, which may reorder rows: find it by repository.
    await expect(
      page.locator('tr[data-repository="svc-multi"]').getByTestId('push-platform'),
    ).toHaveText('index: 2 of 2 platforms ready', { timeout: 40_000 });
    await expect.poll(() => shown(page), { timeout: 40_000 }).toHaveLength(1);
    const [note] = await shown(page);
    expect(note!.title).toBe('All 3 images you watched have left preparing');
    expect(note!.body).toContain('svc-arm:v1 is unoptimized');
    expect(note!.body).toContain('not linux/amd64');
    expect(note!.body).not.toContain('svc-api');
    await expect(page).toHaveTitle(/^Ready · Recent pushes/);
    // Still exactly one, however many polls come after.
    await page.waitForTimeout(6000);
    expect(await shown(page)).toHaveLength(1);
  });

  test('an index on its tag page: one notification when its platforms are done', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await recordNotifications(page);
    await push(page, {
      repository: 'svc-multi',
      tag: 'v2',
      kind: 'index',
      platforms: ['linux/amd64', 'linux/arm64'],
      prepareSeconds: 8,
    });
    await page.goto(`/repositories/svc-multi/tags/v2?${SCOPE}`);
    await page.getByRole('button', { name: 'Notify me when these are ready' }).click();
    await expect(page.getByTestId('index-watch')).toContainText('Waiting for 2 of 2');
    await expect.poll(() => shown(page), { timeout: 30_000 }).toHaveLength(1);
    const [note] = await shown(page);
    expect(note!.body).toContain('svc-multi:v2 (linux/arm64) is unoptimized');
  });

  test('offline while the pushes finish: on return the page catches up and notifies once', async ({
    page,
    context,
  }) => {
    test.setTimeout(90_000);
    await recordNotifications(page);
    await threePushes(page, 8);
    await page.goto(`/pushes?${SCOPE}`);
    await expect(page.locator('tbody tr[data-row]')).toHaveCount(3);
    await page.getByRole('button', { name: 'Notify me when these are ready' }).click();
    await expect(page.getByTestId('watch-state')).toHaveText(/Waiting for 3 of 3/);
    await context.setOffline(true);
    // Long enough for every push to finish on the server while the page cannot ask.
    await page.waitForTimeout(12_000);
    expect(await shown(page)).toHaveLength(0);
    await context.setOffline(false);
    await expect.poll(() => shown(page), { timeout: 40_000 }).toHaveLength(1);
    expect((await shown(page))[0]!.body).toContain('svc-arm:v1 is unoptimized');
    await page.waitForTimeout(6000);
    expect(await shown(page)).toHaveLength(1);
  });

  test('a 429 on one repository shows on its row with a countdown while the rest keeps working', async ({
    page,
    request,
  }) => {
    await threePushes(page, 5);
    const fault = await request.post('/__emulator/faults', {
      data: {
        path: '/v1/vcr/repository/svc-arm/tags',
        status: 429,
        headers: { 'retry-after': '4' },
        times: 1,
      },
    });
    expect(fault.ok()).toBe(true);
    await page.goto(`/pushes?${SCOPE}`);
    const faultRow = page.locator('tr[data-fault="rate-limited"]');
    await expect(faultRow).toContainText('429');
    await expect(faultRow.getByTestId('retry-countdown')).toHaveText(/Trying again/);
    await expect(page.locator('tbody tr[data-row]')).toHaveCount(2);
    // After Retry-After the repository is read again and its row comes back.
    await expect(page.locator('tbody tr[data-row]')).toHaveCount(3, { timeout: 20_000 });
    await expect(faultRow).toHaveCount(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: recent pushes in ${scheme}`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await threePushes(page, 30);
      await page.goto(`/pushes?${SCOPE}`);
      await expect(page.locator('tbody tr[data-row]')).toHaveCount(3);
      await expect(page.getByTestId('push-platform').first()).toHaveText(/of 2 platforms/);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
});
