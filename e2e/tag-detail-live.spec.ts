// The tag detail page watching a preparing tag for real: the emulator's own lifecycle
// (prepareSeconds in a seed), a push with `npm run vcr:push`, a hidden tab, and recovery after
// the API is stopped and started again (proxy mode, standalone emulator restarted on its port).
import { spawn, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/spawn-server';
import { hideTab } from './support/hidden-tab';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const SEED = 'e2e/fixtures/seed.json';
const run = promisify(execFile);

function tagRequests(page: Page, tag: string): number[] {
  const times: number[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/') && pathname.endsWith(`/tags/${tag}`)) times.push(Date.now());
  });
  return times;
}

/** The e2e seed plus one tag that turns ready `seconds` after the server starts. */
function seedWithPreparing(tag: string, seconds: number): object {
  const seed = JSON.parse(readFileSync(SEED, 'utf8'));
  const repo = seed.projects[0].repositories.find((r: { name: string }) => r.name === 'web-app');
  repo.tags.push({
    tag,
    manifestDigest: `sha256:${'5'.repeat(64)}`,
    imageId: 'image_live5555555555555',
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'preparing',
    sizeInBytes: 2097152,
    createdAt: '2026-11-27T09:00:00.000Z',
    updatedAt: '2026-11-27T09:00:00.000Z',
    prepareSeconds: seconds,
  });
  return seed;
}

test.describe('preparing → ready by the emulator lifecycle (own seed)', () => {
  let server: RunningServer;
  test.beforeAll(async () => {
    server = await startServer({ seed: seedWithPreparing('soon', 15) });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('checks every 2 s, then announces ready in the page, a toast, the title and favicon', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const requests = tagRequests(page, 'soon');
    await page.goto(`${server.url}repositories/web-app/tags/soon?${SCOPE}`);
    await expect(page.getByText('Preparing', { exact: true })).toBeVisible();
    await expect(page.getByTestId('watch-note')).toHaveText(/checking every 2 s/);
    await expect(page).toHaveTitle('Preparing · web-app:soon · VCR Dashboard');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute(
      'href',
      '/favicon-preparing.svg',
    );

    await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      'soon is ready',
    );
    await expect(page.getByText('soon is ready.')).toBeVisible();
    await expect(page).toHaveTitle('Ready · web-app:soon · VCR Dashboard');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon-ready.svg');

    // One request about every 2 s while preparing, then none once ready.
    const gaps = requests.slice(1).map((t, i) => t - requests[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(1500);
    const count = requests.length;
    await page.waitForTimeout(5000);
    expect(requests.length).toBe(count);
  });
});

test.describe('preparing → ready by `npm run vcr:push`', () => {
  test.afterAll(async ({ request }) => {
    await request.post('/__emulator/reset');
  });

  test('a pushed tag is followed until ready', async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    await run('npm', ['run', 'vcr:push', '--', 'web-app:pushed-live', '--prepare-seconds', '8'], {
      env: { ...process.env, VCR_EMULATOR_URL: baseURL },
    });
    await page.goto(`/repositories/web-app/tags/pushed-live?${SCOPE}`);
    await expect(page.getByText('Preparing', { exact: true })).toBeVisible();
    await expect(page.getByText('Ready', { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      'pushed-live is ready',
    );
  });
});

test.describe('notify me', () => {
  test.use({ permissions: ['notifications'] });
  test.afterAll(async ({ request }) => {
    await request.post('/__emulator/reset');
  });

  test('after "Notify me", a hidden tab gets a browser notification when ready', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    // Record notifications instead of showing them (headless Chromium has no notification UI).
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { __shown: string[] }).__shown = shown;
      const Real = window.Notification;
      class Recording extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(title);
        }
      }
      Object.defineProperty(window, 'Notification', { value: Recording });
    });
    const push = await page.request.post('/__emulator/push', {
      data: { repository: 'web-app', tag: 'notify-me', prepareSeconds: 10 },
    });
    expect(push.ok(), await push.text()).toBe(true);
    await page.goto(`/repositories/web-app/tags/notify-me?${SCOPE}`);
    await page.getByRole('button', { name: 'Notify me when ready' }).click();
    await expect(page.getByRole('button', { name: 'Notifying when ready' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await hideTab(page);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown), {
        timeout: 40_000,
      })
      .toEqual(['notify-me is ready']);
  });
});

test.describe('slow API', () => {
  test.afterEach(async ({ request }) => {
    await request.delete('/__emulator/faults');
  });

  test('polls never overlap when answers take longer than the interval', async ({ page }) => {
    test.setTimeout(90_000);
    const res = await page.request.post('/__emulator/faults', {
      data: {
        path: '/v1/vcr/repository/web-app/tags/preparing-forever',
        method: 'GET',
        delayMs: 3000,
      },
    });
    expect(res.ok()).toBe(true);
    let inFlight = 0;
    let maxInFlight = 0;
    let count = 0;
    const isTag = (url: string) => {
      const { pathname } = new URL(url);
      return pathname.startsWith('/api/') && pathname.endsWith('/tags/preparing-forever');
    };
    page.on('request', (r) => {
      if (!isTag(r.url())) return;
      count++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
    });
    const done = (r: { url(): string }) => {
      if (isTag(r.url())) inFlight--;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await page.goto(`/repositories/web-app/tags/preparing-forever?${SCOPE}`);
    await expect(page.getByTestId('watch-note')).toBeVisible({ timeout: 15_000 });
    await page.waitForTimeout(15_000);
    expect(maxInFlight).toBe(1);
    // 3 s per answer + 2 s between: about one request per 5 s, not one per 2 s.
    expect(count).toBeLessThanOrEqual(5);
    expect(count).toBeGreaterThanOrEqual(3);
  });
});

test.describe('hidden tab', () => {
  test('slows to every 10 s while hidden and checks at once when shown', async ({ page }) => {
    test.setTimeout(90_000);
    const requests = tagRequests(page, 'preparing-forever');
    await page.goto(`/repositories/web-app/tags/preparing-forever?${SCOPE}`);
    await expect(page.getByTestId('watch-note')).toHaveText(/checking every 2 s/);
    // Chromium has no switch for page visibility in a headless tab: emulate it the way the
    // page observes it (document.visibilityState + the visibilitychange event).
    const setVisibility = (state: 'hidden' | 'visible') =>
      page.evaluate((s) => {
        Object.defineProperty(document, 'visibilityState', { value: s, configurable: true });
        Object.defineProperty(document, 'hidden', { value: s === 'hidden', configurable: true });
        document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
      }, state);
    await setVisibility('hidden');
    await expect(page.getByTestId('watch-note')).toHaveText(/checking every 10 s/);
    const start = requests.length;
    await page.waitForTimeout(15_000);
    const hiddenCount = requests.length - start;
    expect(hiddenCount).toBeGreaterThanOrEqual(1);
    expect(hiddenCount).toBeLessThanOrEqual(2);
    const beforeShow = requests.length;
    await setVisibility('visible');
    await expect.poll(() => requests.length, { timeout: 1500 }).toBeGreaterThan(beforeShow);
    await expect(page.getByTestId('watch-note')).toHaveText(/checking every 2 s/);
  });
});

/** The standalone emulator on a fixed port, so it can be stopped and started again there. */
async function emulatorOnPort(port: number): Promise<() => Promise<void>> {
  const child = spawn('npx', ['tsx', 'emulator/main.ts'], {
    env: { ...process.env, PORT: String(port), VCR_SEED: path.resolve(SEED) },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => reject(new Error(`emulator exited: ${out}`)));
  });
  child.stdout!.resume();
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    await exited;
  };
}

test.describe('recovery after the API is stopped and started again', () => {
  let emulator: RunningServer;
  let dashboard: RunningServer;
  let port: number;

  test.beforeAll(async () => {
    // Learn a free port from a first run, then own the emulator on that port.
    emulator = await startServer({ entry: 'emulator/main.ts', seed: SEED });
    port = Number(new URL(emulator.url).port);
    dashboard = await startServer({
      env: {
        VERCEL_TOKEN: 'vcr_e2e_token',
        VERCEL_API_URL: emulator.url,
        VERCEL_API_TIMEOUT_MS: '2000',
      },
    });
  });
  test.afterAll(async () => {
    await dashboard?.stop();
    await emulator?.stop();
  });

  test('the page says the API is down, then heals by itself without a reload', async ({ page }) => {
    test.setTimeout(120_000);
    await emulator.stop();
    await page.goto(`${dashboard.url}repositories/web-app/tags/latest?${SCOPE}`);
    const alert = page.getByRole('alert');
    await expect(alert).toBeVisible({ timeout: 15_000 });
    await expect(alert).toContainText(/API is having trouble|Cannot reach the API|not answering/);
    await expect(alert).toContainText(/Trying again|Retrying/);
    // A marker that a reload would wipe.
    await page.evaluate(
      () => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true),
    );

    const stop = await emulatorOnPort(port);
    try {
      await expect(page.getByTestId('tag-facts')).toBeVisible({ timeout: 45_000 });
      await expect(alert).toHaveCount(0);
      expect(
        await page.evaluate(
          () => (window as unknown as { __sameDocument?: boolean }).__sameDocument,
        ),
      ).toBe(true);
    } finally {
      await stop();
    }
  });
});
