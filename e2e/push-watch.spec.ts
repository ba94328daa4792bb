// The mission's third use with a real push: Debian's skopeo copies an image into the running
// dashboard (`npm start` serves the emulator's registry at /v2/), and the tag page watches
// it go Preparing → Ready with the title, the favicon and a browser notification. The
// webServer's VCR_PUSH_PREPARE_MS (playwright.config.ts) makes a push ready 5 s after it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { testImage, writeOciLayout } from '../emulator/registry/test-images';
import { hideTab } from './support/hidden-tab';

const run = promisify(execFile);
const SKOPEO = process.env.SKOPEO_PATH ?? '/usr/bin/skopeo';
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';

test.describe('push with skopeo, watch it turn ready', () => {
  test.use({ permissions: ['notifications'] });
  test.afterAll(async ({ request }) => {
    await request.post('/__emulator/reset');
  });

  test('the tag page goes Preparing → Ready: title, favicon, notification', async ({
    page,
    baseURL,
  }) => {
    test.skip(
      !existsSync(SKOPEO),
      `skopeo is not installed at ${SKOPEO} (apt-get install -y skopeo)`,
    );
    test.setTimeout(90_000);
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

    const dir = mkdtempSync(path.join(os.tmpdir(), 'vcr-e2e-push-'));
    try {
      const image = testImage({ text: 'pushed by the e2e suite\n' });
      writeOciLayout(dir, [image.layer, image.config], image.manifest, 'v1');
      const host = new URL(baseURL!).host;
      await run(
        SKOPEO,
        [
          'copy',
          '--dest-tls-verify=false',
          '--dest-creds',
          'team_e2e:vcr_e2e_token',
          `oci:${dir}:v1`,
          `docker://${host}/acme/storefront/web-app:skopeo-live`,
        ],
        { timeout: 60_000 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    await page.goto(`/repositories/web-app/tags/skopeo-live?${SCOPE}`);
    await expect(page.getByText('Preparing', { exact: true })).toBeVisible();
    await expect(page).toHaveTitle('Preparing · web-app:skopeo-live · VCR Dashboard');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute(
      'href',
      '/favicon-preparing.svg',
    );
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
      .toEqual(['skopeo-live is ready']);
    await expect(page).toHaveTitle('Ready · web-app:skopeo-live · VCR Dashboard');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon-ready.svg');
  });
});
