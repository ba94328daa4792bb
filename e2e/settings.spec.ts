// The settings page says which token is in use, and (only when the server has none) lets a
// user paste one for this tab. The token-less case runs the proxy with VERCEL_API_URL and
// no VERCEL_TOKEN, in front of the standalone emulator.
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './support/spawn-server';

const TOKEN = 'vcr_e2e_token';
const TAG_PAGE = '/repositories/web-app/tags/latest?projectId=prj_e2e&teamId=team_e2e';

test('emulator mode names the demo token and offers no paste field', async ({ page }) => {
  await page.goto('/');
  // `/` first moves on to the default project's repositories; click once it has, or the
  // redirect may land after the click and take the page back there.
  await expect(page).toHaveURL(/\/repositories\?projectId=prj_e2e/);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByTestId('token-source')).toHaveText('Emulator demo token');
  await expect(page.getByLabel('Vercel token')).toHaveCount(0);
});

test.describe('proxy mode without a server token', () => {
  let emulator: RunningServer;
  let dashboard: RunningServer;
  const at = (p: string) => dashboard.url.replace(/\/$/, '') + p;

  test.beforeAll(async () => {
    emulator = await startServer({
      entry: 'emulator/main.ts',
      seed: 'e2e/fixtures/seed.json',
    });
    dashboard = await startServer({ env: { VERCEL_API_URL: emulator.url } });
  });
  test.afterAll(async () => {
    await dashboard?.stop();
    await emulator?.stop();
  });

  test('a pasted token works in its tab only, and sign out forgets it', async ({
    page,
    context,
  }) => {
    // No token at all: the API says so, and the page points to Settings.
    await page.goto(at(TAG_PAGE));
    await expect(page.getByRole('alert')).toContainText('Not signed in to the Vercel API');
    await page
      .getByRole('alert')
      .getByRole('link', { name: /paste a token in settings/i })
      .click();
    await expect(page.getByTestId('token-source')).toHaveText('No token');

    const seenAuth: string[] = [];
    page.on('request', (r) => {
      const auth = r.headers()['authorization'];
      if (auth) seenAuth.push(`${new URL(r.url()).pathname} ${auth}`);
    });
    await page.getByLabel('Vercel token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use this token in this tab' }).click();
    await expect(page.getByTestId('token-source')).toHaveText('Token pasted in this tab');
    await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as');
    expect(await page.evaluate(() => sessionStorage.getItem('vcr-session-token'))).toBe(TOKEN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(TOKEN);
    expect((await context.cookies()).map((c) => c.value).join()).not.toContain(TOKEN);

    await page.goto(at(TAG_PAGE));
    await expect(page.getByText('sha256:', { exact: false }).first()).toBeVisible();
    expect(page.url()).not.toContain(TOKEN);
    // Sent only as a bearer header, and only to this server's /api.
    expect(seenAuth.length).toBeGreaterThan(0);
    for (const line of seenAuth) expect(line).toMatch(new RegExp(`^/api/\\S+ Bearer ${TOKEN}$`));

    // Another tab of the same browser does not have it.
    const other = await context.newPage();
    await other.goto(at('/settings'));
    await expect(other.getByTestId('token-source')).toHaveText('No token');
    await other.close();

    await page.goto(at('/settings'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByTestId('token-source')).toHaveText('No token');
    expect(await page.evaluate(() => sessionStorage.getItem('vcr-session-token'))).toBeNull();
    await page.goto(at(TAG_PAGE));
    await expect(page.getByRole('alert')).toContainText('Not signed in to the Vercel API');
  });

  test('a token the API refuses is reported, not silently kept working', async ({ page }) => {
    await page.goto(at('/settings'));
    await page.getByLabel('Vercel token').fill('vcr_not_a_real_token');
    await page.getByRole('button', { name: 'Use this token in this tab' }).click();
    await expect(page.getByRole('alert')).toContainText('The Vercel API refused this token');
  });
});
