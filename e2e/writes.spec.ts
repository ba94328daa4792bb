// Writes (issue 10) in a real browser against the real server and emulator: nothing to
// click without ALLOW_WRITES (the shared server), and with it (a server of its own) delete
// an image from a tag's page, make a repository public after typing its name, share and
// unshare, delete a repository; axe on the new dialogs in light and dark.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/spawn-server';

const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';

test.describe('without ALLOW_WRITES', () => {
  test('the repository page shows visibility and shares but no write control', async ({ page }) => {
    await page.goto(`/repositories/web-app?${SCOPE}`);
    const access = page.getByTestId('repository-access');
    await expect(access.getByTestId('visibility')).toHaveText('Private');
    await expect(access.getByTestId('shares')).toContainText('partner-labs');
    await expect(access.getByTestId('read-only-note')).toContainText('ALLOW_WRITES=1');
    await expect(access.getByRole('button')).toHaveCount(0);
    await expect(access.getByRole('textbox')).toHaveCount(0);
  });

  test('the tag and image pages offer no delete, and the server refuses one', async ({
    page,
    request,
  }) => {
    const configSeen = page.waitForResponse((r) => r.url().endsWith('/_dashboard/config'));
    await page.goto(`/repositories/web-app/tags/latest?${SCOPE}`);
    await expect(page.getByTestId('tag-facts')).toBeVisible();
    expect(await (await configSeen).json()).toMatchObject({ writes: false });
    await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);

    await page.getByRole('link', { name: /^image_/ }).click();
    await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
    await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);

    // Same-origin, as the page itself would send it: refused for being a write, nothing else.
    const res = await request.delete(`/api/v1/vcr/repository/web-app?${SCOPE}`, {
      headers: { origin: new URL(page.url()).origin },
    });
    expect(res.status()).toBe(405);
    expect((await res.json()).error.code).toBe('writes_disabled');
    expect((await request.get(`/api/v1/vcr/repository/web-app?${SCOPE}`)).status()).toBe(200);
  });
});

test.describe('with ALLOW_WRITES=1', () => {
  test.describe.configure({ mode: 'serial' });
  let server: RunningServer;
  const at = (path: string) => `${server.url}${path.replace(/^\//, '')}`;

  test.beforeAll(async () => {
    server = await startServer({ seed: 'e2e/fixtures/seed.json', env: { ALLOW_WRITES: '1' } });
  });
  test.afterAll(async () => {
    await server?.stop();
  });
  test.beforeEach(async ({ request }) => {
    const origin = new URL(server.url).origin;
    expect((await request.post(at('/__emulator/reset'), { headers: { origin } })).ok()).toBe(true);
  });

  test('delete an image from a tag page: its tags go with it, the list no longer shows them', async ({
    page,
    request,
  }) => {
    await page.goto(at(`/repositories/long-list/tags/latest?${SCOPE}`));
    await expect(page.getByTestId('no-tag-delete')).toContainText('no single-tag delete');
    await page.getByRole('button', { name: 'Delete the image this tag points to…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('These 2 tags go with it:')).toBeVisible();
    await expect(dialog.getByTestId('doomed-tags')).toHaveText(/latest\s*build-0650/);
    await dialog.getByRole('button', { name: 'Delete image' }).click();

    await expect(page).toHaveURL(at(`/repositories/long-list?${SCOPE}`));
    await expect(page.getByRole('status', { name: 'Notifications' })).toContainText(
      'Deletion started',
    );
    await expect(page.getByRole('link', { name: 'build-0649', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'build-0650', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'latest', exact: true })).toHaveCount(0);
    // The registry finishes in the background: then the API itself answers 404.
    await expect
      .poll(
        async () =>
          (await request.get(at(`/api/v1/vcr/repository/long-list/tags/latest?${SCOPE}`))).status(),
        { timeout: 10_000 },
      )
      .toBe(404);
  });

  test('make a repository public after typing its name, by keyboard', async ({ page, request }) => {
    await page.goto(at(`/repositories/web-app?${SCOPE}`));
    const access = page.getByTestId('repository-access');
    await expect(access.getByTestId('visibility')).toHaveText('Private');
    await access.getByRole('button', { name: 'Make public…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Make web-app public?' });
    await expect(dialog).toBeVisible();
    const confirm = dialog.getByRole('button', { name: 'Make public' });
    const input = dialog.getByLabel(/Type web-app to confirm/);
    await input.fill('web');
    await expect(confirm).toBeDisabled();
    await input.fill('web-app');
    await expect(confirm).toBeEnabled();
    await input.press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(access.getByTestId('visibility')).toHaveText('Public');
    const res = await request.get(at(`/api/v1/vcr/repository/web-app?${SCOPE}`));
    expect((await res.json()).repository.public).toBe(true);
    // Back the other way; Esc cancels without a change.
    await access.getByRole('button', { name: 'Make private…' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(access.getByRole('button', { name: 'Make private…' })).toBeFocused();
  });

  test('share with a team by slug, remove one share, then remove all', async ({ page }) => {
    await page.goto(at(`/repositories/web-app?${SCOPE}`));
    const access = page.getByTestId('repository-access');
    const shares = access.getByTestId('shares');
    await expect(shares).toContainText('partner-labs');

    await access.getByLabel('Share with a team (ID or slug)').fill('ghost-team');
    await access.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(access.getByRole('alert')).toContainText('not found');

    await access.getByLabel('Share with a team (ID or slug)').fill('contractor-studio');
    await access.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(shares).toContainText('contractor-studio');

    await access.getByRole('button', { name: 'Stop sharing with partner-labs' }).click();
    await expect(shares).not.toContainText('partner-labs');
    await expect(shares).toContainText('contractor-studio');

    await access.getByLabel('Share with a team (ID or slug)').fill('team_other');
    await access.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(shares).toContainText('other-co');
    await access.getByRole('button', { name: 'Remove all shares…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove all shares' }).click();
    await expect(access.getByTestId('no-shares')).toBeVisible();
  });

  test('delete a repository after typing its name: back to the list, without it', async ({
    page,
  }) => {
    await page.goto(at(`/repositories/empty-repo?${SCOPE}`));
    await page.getByRole('button', { name: 'Delete repository…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete repository empty-repo?' });
    await dialog.getByLabel(/to confirm/).fill('empty-rep');
    await expect(dialog.getByRole('button', { name: 'Delete repository' })).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill('empty-repo');
    await dialog.getByRole('button', { name: 'Delete repository' }).click();
    await expect(page).toHaveURL(at(`/repositories?${SCOPE}`));
    await expect(page.getByRole('link', { name: 'web-app' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'empty-repo' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('link', { name: 'web-app' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'empty-repo' })).toHaveCount(0);
  });

  async function axe(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  }

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe: the repository page with write controls and its dialogs, in ${scheme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.goto(at(`/repositories/web-app?${SCOPE}`));
      const access = page.getByTestId('repository-access');
      await expect(access.getByRole('button', { name: 'Delete repository…' })).toBeVisible();
      await expect(access.getByTestId('shares')).toBeVisible();
      expect(await axe(page)).toEqual([]);

      await access.getByRole('button', { name: 'Make public…' }).click();
      await page
        .getByRole('dialog')
        .getByLabel(/to confirm/)
        .fill('web-app');
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await access.getByRole('button', { name: 'Delete repository…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');

      await access.getByRole('button', { name: 'Remove all shares…' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      expect(await axe(page)).toEqual([]);
    });

    test(`axe: the delete-image dialog on a tag page, with an error, in ${scheme}`, async ({
      page,
      request,
    }) => {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await request.post(at('/__emulator/faults'), {
        headers: { origin: new URL(server.url).origin },
        data: {
          path: '/v1/vcr/repository/web-app/images/*',
          method: 'DELETE',
          status: 409,
          body: { error: { code: 'conflict', message: 'The image is being pushed to.' } },
        },
      });
      await page.goto(at(`/repositories/web-app/tags/v1.0.0?${SCOPE}`));
      await page.getByRole('button', { name: 'Delete the image this tag points to…' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByText('This tag goes with it:')).toBeVisible();
      expect(await axe(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Delete image' }).click();
      await expect(dialog.getByRole('alert')).toContainText('conflicts with the current state');
      expect(await axe(page)).toEqual([]);
    });
  }
});
