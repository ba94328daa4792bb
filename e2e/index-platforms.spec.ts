// An index tag against the real server and embedded emulator (e2e seed, repository
// `platforms`): its platforms and attestation manifests come from the registry protocol
// through /api/registry, each with its own status from the REST API (live while preparing),
// and the page says why the tag will never be ready. Axe in light and dark.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const seed = JSON.parse(readFileSync('e2e/fixtures/seed.json', 'utf8'));
const platforms = seed.projects[0].repositories.find(
  (r: { name: string }) => r.name === 'platforms',
);
const multi = platforms.tags.find((t: { tag: string }) => t.tag === 'multi');
const [AMD64, ARM64] = multi.manifests.map((m: { digest: string }) => m.digest) as string[];
const short = (digest: string) => digest.slice(7, 19);

test.afterEach(async ({ request }) => {
  await request.delete('/__emulator/faults');
});

async function openMulti(page: Page) {
  await page.goto(`/repositories/platforms/tags/multi?${SCOPE}`);
  const rows = page.getByTestId('index-child');
  await expect(rows).toHaveCount(4);
  return rows;
}

test('an index lists its platforms with their statuses, and says why it is never ready', async ({
  page,
}) => {
  const rows = await openMulti(page);
  await expect(rows.nth(0)).toContainText('linux/amd64');
  await expect(rows.nth(0)).toContainText(short(AMD64!));
  await expect(rows.nth(0)).toContainText('Ready');
  await expect(rows.nth(0)).toContainText('50 MiB');
  await expect(rows.nth(1)).toContainText('linux/arm64/v8');
  await expect(rows.nth(1)).toContainText('Ready (unoptimized)');
  await expect(rows.nth(2)).toContainText(`Attestation for linux/amd64 ${short(AMD64!)}`);
  await expect(rows.nth(3)).toContainText(`Attestation for linux/arm64/v8 ${short(ARM64!)}`);
  await expect(rows.nth(2)).toContainText('No status (attestation)');

  const why = page.getByTestId('why-not-ready');
  await expect(why).toContainText('This tag is a multi-platform index');
  await expect(
    why.getByText(
      'docker buildx build --platform linux/amd64 --provenance=false --sbom=false -t vcr.vercel.com/acme/storefront/platforms:multi --push .',
    ),
  ).toBeVisible();
  await expect(why).toContainText('Its linux/amd64 image is ready');
  await expect(why.getByText(`vcr.vercel.com/acme/storefront/platforms@${AMD64}`)).toBeVisible();

  // Each child links to its image page.
  await rows
    .nth(1)
    .getByRole('link', { name: /Open image linux\/arm64/ })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/repositories/platforms/images/${encodeURIComponent(ARM64!)}`),
  );
  await expect(page.getByText(ARM64!).first()).toBeVisible();
});

test('a preparing child is watched until it is ready', async ({ page }) => {
  const path = `/v1/vcr/repository/platforms/images/${encodeURIComponent(AMD64!)}`;
  const real = await page.request.get(`/api${path}?${SCOPE}`);
  const body = await real.json();
  const res = await page.request.post('/__emulator/faults', {
    data: {
      path,
      method: 'GET',
      status: 200,
      body: { image: { ...body.image, status: 'preparing' } },
      times: 2,
    },
  });
  expect(res.ok(), await res.text()).toBe(true);
  const rows = await openMulti(page);
  await expect(rows.nth(0)).toContainText('Preparing');
  await expect(page.getByTestId('amd64-child')).toContainText('still preparing');
  await expect(rows.nth(0)).toContainText('Ready', { timeout: 10_000 });
  await expect(page.getByTestId('amd64-child')).toContainText('Its linux/amd64 image is ready');
});

test('a single-platform push wrapped by its attestation is an index too', async ({ page }) => {
  await page.goto(`/repositories/platforms/tags/wrapped?${SCOPE}`);
  const rows = page.getByTestId('index-child');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('linux/amd64');
  await expect(rows.nth(1)).toContainText('Attestation for linux/amd64');
  await expect(page.getByTestId('why-not-ready')).toContainText('--provenance=false --sbom=false');
});

test('unoptimized and attestation tags say why', async ({ page }) => {
  await page.goto(`/repositories/web-app/tags/arm64-build?${SCOPE}`);
  await expect(page.getByTestId('why-not-ready')).toContainText(
    'This image is built for linux/arm64, not linux/amd64',
  );
  await page.goto(`/repositories/web-app/tags/sbom?${SCOPE}`);
  await expect(page.getByTestId('why-not-ready')).toContainText('attestation');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: an index tag and its platforms in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    const rows = await openMulti(page);
    await expect(rows.nth(3)).toContainText('No status (attestation)');
    await expect(page.getByText(/^docker pull/).first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
  test(`axe: why not ready on an attestation in ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(`/repositories/web-app/tags/sbom?${SCOPE}`);
    await expect(page.getByText(/^docker buildx/)).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  });
}
