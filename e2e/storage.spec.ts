// The repository's storage panel, the image page's Sandbox drive (vhs) and layer bars, and
// the header's "Go to" box, against a real server on the e2e seed plus one repository made
// for these checks: three tags on one image, a fourth tag on another, one untagged image.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startServer, type RunningServer } from './support/spawn-server';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const hex = (c: string) => c.repeat(64);
// Today (UTC) and in the past, whatever the hour the suite runs at.
const earlierToday = Math.max(Math.floor(now / DAY) * DAY, now - 3_600_000);

// Sizes chosen so that counting tags instead of images would cost $0.44 (4.4 GB), not $0.20.
const SHARED = { id: 'image_sharedaaaa', digest: `sha256:${hex('a')}`, size: 1_200_000_000 };
const OLDER = { id: 'image_olderbbbbb', digest: `sha256:${hex('b')}`, size: 300_000_000 };
const LOOSE = { id: 'image_untaggedcc', digest: `sha256:${hex('c')}`, size: 500_000_000 };

function tag(name: string, image: typeof SHARED, createdMs: number) {
  return {
    tag: name,
    manifestDigest: image.digest,
    imageId: image.id,
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'ready',
    sizeInBytes: image.size,
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs),
  };
}

function seed() {
  const s = JSON.parse(readFileSync('e2e/fixtures/seed.json', 'utf8'));
  const project = s.projects.find((p: { id: string }) => p.id === 'prj_e2e');
  project.repositories.push({
    name: 'shared-app',
    tags: [
      tag('latest', SHARED, earlierToday),
      tag('v2', SHARED, earlierToday),
      tag('stable', SHARED, earlierToday),
      tag('v1', OLDER, now - 3 * DAY),
    ],
    untaggedImages: [
      {
        id: LOOSE.id,
        manifestDigest: LOOSE.digest,
        kind: 'manifest',
        platform: 'linux',
        arch: 'arm64',
        status: 'unoptimized',
        sizeInBytes: LOOSE.size,
        createdAt: iso(now - 3 * DAY),
      },
    ],
  });
  return s;
}

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ seed: seed() });
});
test.afterAll(async () => {
  await server?.stop();
});

const url = (path: string) => `${server.url}${path.replace(/^\//, '')}`;

async function openStorage(page: Page) {
  await page.goto(url(`/repositories/shared-app?${SCOPE}`));
  const panel = page.getByTestId('storage-panel');
  await expect(panel.getByTestId('stored-bytes')).toBeVisible();
  return panel;
}

test('the storage panel counts images, not tags, with cost, limits and pushes', async ({
  page,
}) => {
  const panel = await openStorage(page);
  // Stored sizes read in the rows' units (1024-based); only the cost line speaks billing GB.
  await expect(panel.getByTestId('stored-bytes')).toHaveText('1.9 GiB');
  await expect(panel.getByTestId('stored-bytes')).toHaveAttribute('title', '2,000,000,000 bytes');
  await expect(panel.getByTestId('storage-cost')).toHaveText('$0.20 / month');
  await expect(panel.getByText('2 GB × $0.10 per GB (10⁹ bytes)')).toBeVisible();
  await expect(panel.getByText('Untagged (1): 476.8 MiB')).toBeVisible();
  await expect(panel.getByTestId('limit-images')).toContainText('3 of 10,000');
  await expect(panel.getByTestId('limit-tags')).toContainText('4 of 10,000');
  await expect(panel.getByTestId('pushes-summary')).toHaveText(
    /^3 images pushed in the last 30 days; the busiest day was .+ with 2\.$/,
  );
  // The chart's tooltip by keyboard.
  await panel.getByRole('group', { name: /Pushes per day chart/ }).focus();
  await expect(panel.getByTestId('pushes-tooltip')).toHaveText(/: 1 image pushed$/);

  // Hobby allows 50 images, 1,000 tags per repository.
  await page.getByRole('link', { name: 'change in Settings' }).click();
  await page.getByRole('radio', { name: /Hobby/ }).check();
  await page.goBack();
  await expect(panel.getByText('Limits on Hobby')).toBeVisible();
  await expect(panel.getByTestId('limit-images')).toContainText('3 of 50 (6%)');
});

test('a repository of 650 images is counted page by page', async ({ page }) => {
  await page.goto(url(`/repositories/long-list?${SCOPE}`));
  const panel = page.getByTestId('storage-panel');
  await expect(panel.getByTestId('limit-images')).toContainText('650 of 10,000');
  await expect(panel.getByTestId('limit-tags')).toContainText('651 of 10,000');
});

test('the image page shows the Sandbox drive and layer sizes as bars', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(url(`/repositories/shared-app/images/${SHARED.id}?${SCOPE}`));
  await expect(page.getByText('Optimized for Sandbox')).toBeVisible();
  await page.getByRole('button', { name: 'Copy Sandbox drive digest' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^sha256:[a-f0-9]{64}$/);
  expect(copied).not.toBe(SHARED.digest);
  await expect(page.getByText(copied)).toBeVisible();

  const layers = page.getByRole('table', { name: /Build history/ });
  await expect(layers.getByTestId('layer-bar').first()).toBeVisible();
  const widths = await layers
    .getByTestId('layer-bar')
    .evaluateAll((bars) => bars.map((b) => (b.firstElementChild as HTMLElement).style.width));
  expect(widths.some((w) => parseFloat(w) > 10)).toBe(true);
  await expect(layers.getByRole('row', { name: /EXPOSE 3000\/tcp/ })).toBeVisible();
  await expect(layers.getByRole('row', { name: /USER node/ })).toBeVisible();
  await expect(layers.getByRole('row', { name: /HEALTHCHECK/ })).toBeVisible();

  // The arm64 image is never converted, and says why.
  await page.goto(url(`/repositories/shared-app/images/${LOOSE.id}?${SCOPE}`));
  await expect(page.getByText(/only linux\/amd64 images are converted/)).toBeVisible();
});

test('g opens the Go to box from a tag page; a digest, a reference and a link open pages', async ({
  page,
}) => {
  await page.goto(url(`/repositories/shared-app/tags/v1?${SCOPE}`));
  await expect(page.getByTestId('tag-facts')).toBeVisible();
  const box = page.getByRole('textbox', { name: /Go to a reference/ });
  await page.locator('body').press('g');
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('');

  // A bare digest: found in the current repository.
  await box.fill(SHARED.digest);
  await box.press('Enter');
  await expect(page).toHaveURL(/\/repositories\/shared-app\/images\/sha256%3Aa{64}\?/);
  await expect(page.getByText('Optimized for Sandbox')).toBeVisible();

  // A full reference (team slug + project name are looked up).
  await page.locator('body').press('g');
  await box.fill('vcr.vercel.com/acme/storefront/shared-app:stable');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/repositories\/shared-app\/tags\/stable\?projectId=prj_e2e/);

  // A dashboard link, pasted whole.
  await page.locator('body').press('g');
  await box.fill(`http://dashboard.example/repositories/web-app?${SCOPE}&sort=name`);
  await box.press('Enter');
  await expect(page).toHaveURL(url(`/repositories/web-app?${SCOPE}&sort=name`));

  // An image id from another repository page: searched across the project.
  await page.locator('body').press('g');
  await box.fill(OLDER.id);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/repositories/shared-app/images/${OLDER.id}\\?`));

  // Unknown digest: a sentence, and the page stays.
  await page.locator('body').press('g');
  await box.fill(`sha256:${hex('f')}`);
  await box.press('Enter');
  await expect(page.getByRole('alert')).toContainText('No image sha256:ffffffffffff…');
  await expect(page).toHaveURL(new RegExp(`/images/${OLDER.id}\\?`));

  // Typing g in another field types it.
  await page.goto(url(`/repositories/shared-app?${SCOPE}`));
  const filter = page.getByRole('searchbox');
  await filter.fill('');
  await filter.press('g');
  await expect(filter).toHaveValue('g');
  await expect(box).not.toBeFocused();
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: storage panel, image page and Go to message in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const check = async () => {
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    };
    const panel = await openStorage(page);
    await panel.getByText('Show as a table').click();
    await panel.getByRole('group', { name: /Pushes per day chart/ }).focus();
    await check();
    await page.goto(url(`/repositories/shared-app/images/${SHARED.id}?${SCOPE}`));
    await expect(page.getByText('Optimized for Sandbox')).toBeVisible();
    await check();
    await page.locator('body').press('g');
    await page.getByRole('textbox', { name: /Go to a reference/ }).fill('nonsense here');
    await page.getByRole('textbox', { name: /Go to a reference/ }).press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await check();
  });
}
