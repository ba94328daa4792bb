// Sign in with Vercel in a real browser, in both modes, with the emulator as the issuer:
//   per user   the embedded authorization server (VERCEL_OAUTH_ISSUER=embedded, what
//              `npm run start:team` runs), each user reading with their own access token;
//   allow-list the standalone emulator as issuer and API, the server's VERCEL_TOKEN for the
//              users on ALLOWED_USERS.
// A teammate opens a shared deep link, signs in on the issuer's form and lands on that exact
// tag; outsiders are refused; Deny is explained; sign-out asks again; an access token ended
// early is renewed unnoticed; and no token ever reaches page JS, storage, the DOM or a body.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { createSealer } from '../server/auth/sealed-cookie';
import { startServer, type RunningServer } from './support/spawn-server';

const SESSION_SECRET = 'e2e-sign-in-session-secret-0123456789abcdef';
const CLIENT = { id: 'cl_e2edashboard', secret: 'e2e_client_secret_0123456789' };
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const TAG_LINK = `/repositories/web-app/tags/latest?${SCOPE}`;
const TOKEN_PATTERN = /\bvc[ar]_[A-Za-z0-9_-]{16,}/;

interface Mode {
  name: 'per-user' | 'allow-list';
  start(): Promise<{ dashboard: RunningServer; emulator?: RunningServer }>;
  /** Where the test hook that ends every access token lives. */
  expireUrl(dashboard: string, emulator?: string): string;
}

const MODES: Mode[] = [
  {
    name: 'per-user',
    async start() {
      const dashboard = await startServer({
        seed: 'e2e/fixtures/seed.json',
        env: {
          VERCEL_APP_CLIENT_ID: CLIENT.id,
          VERCEL_APP_CLIENT_SECRET: CLIENT.secret,
          VERCEL_OAUTH_ISSUER: 'embedded',
          SESSION_SECRET,
        },
      });
      return { dashboard };
    },
    expireUrl: (dashboard) => `${dashboard}__emulator/oauth/expire`,
  },
  {
    name: 'allow-list',
    async start() {
      const emulator = await startServer({
        entry: 'emulator/main.ts',
        seed: 'e2e/fixtures/seed.json',
      });
      const dashboard = await startServer({
        env: {
          VERCEL_APP_CLIENT_ID: CLIENT.id,
          VERCEL_APP_CLIENT_SECRET: CLIENT.secret,
          VERCEL_OAUTH_ISSUER: emulator.url.replace(/\/$/, ''),
          VERCEL_API_URL: emulator.url,
          VERCEL_TOKEN: 'vcr_e2e_token',
          ALLOWED_USERS: 'alice,@nowhere.example',
          SESSION_SECRET,
        },
      });
      return { dashboard, emulator };
    },
    expireUrl: (_dashboard, emulator) => `${emulator}__emulator/oauth/expire`,
  },
];

/** Records every response body the page receives (redirects have none). */
function recordBodies(page: Page): { bodies: Promise<string>[] } {
  const bodies: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.status() >= 300 && res.status() < 400) return;
    bodies.push(res.text().catch(() => ''));
  });
  return { bodies };
}

async function sessionTokens(context: BrowserContext): Promise<string[]> {
  const cookie = (await context.cookies()).find((c) => c.name === 'vcr_session');
  expect(cookie, 'a session cookie').toBeTruthy();
  expect(cookie!.httpOnly).toBe(true);
  expect(cookie!.sameSite).toBe('Lax');
  const session = createSealer(SESSION_SECRET).unseal<{ at: string; rt?: string }>(
    'vcr_session',
    cookie!.value,
  );
  expect(session, 'the cookie unseals with the server secret').toBeTruthy();
  return [session!.at, ...(session!.rt ? [session!.rt] : [])];
}

async function signInOnIssuerPage(page: Page, username: string, decision: 'Allow' | 'Deny') {
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: decision }).click();
  // The embedded issuer may show a "continue" page before leaving its origin.
  const continueButton = page.getByRole('button', { name: /continue/i });
  if (await continueButton.isVisible().catch(() => false)) await continueButton.click();
}

async function expectAccessible(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
}

for (const mode of MODES) {
  test.describe(`sign-in (${mode.name})`, () => {
    let dashboard: RunningServer;
    let emulator: RunningServer | undefined;
    const origin = () => dashboard.url.replace(/\/$/, '');

    test.beforeAll(async () => {
      ({ dashboard, emulator } = await mode.start());
    });
    test.afterAll(async () => {
      await dashboard?.stop();
      await emulator?.stop();
    });

    test('a teammate opens a shared deep link, signs in and lands on that exact tag; no token reaches the page', async ({
      page,
      context,
    }) => {
      const { bodies } = recordBodies(page);
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      });
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'alice', 'Allow');
      await expect(page).toHaveURL(origin() + TAG_LINK);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
      await expect(page.getByRole('button', { name: /signed in as Alice Martin/ })).toBeVisible();
      await expect(page.getByTestId('user-initials')).toHaveText('AM');
      // The account menu is its own lazy chunk, fetched because sign-in is on.
      expect(scripts.some((p) => /\/assets\/user-menu-[\w-]+\.js$/.test(p))).toBe(true);

      const tokens = await sessionTokens(context);
      const exposed = await page.evaluate(() => ({
        cookie: document.cookie,
        local: JSON.stringify({ ...localStorage }),
        session: JSON.stringify({ ...sessionStorage }),
        dom: document.documentElement.outerHTML,
      }));
      const texts = [...Object.values(exposed), ...(await Promise.all(bodies))];
      expect(texts.length).toBeGreaterThan(5);
      for (const text of texts) {
        for (const token of tokens) expect(text).not.toContain(token);
        expect(text).not.toMatch(TOKEN_PATTERN);
      }
      expect(exposed.cookie).not.toContain('vcr_session');
    });

    test('the shared link is rendered on the server with each user’s own answer, never a stored one', async ({
      page,
      browser,
    }) => {
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'alice', 'Allow');
      await expect(page).toHaveURL(origin() + TAG_LINK);
      const alices = await page.request.get(origin() + TAG_LINK, {
        headers: { accept: 'text/html' },
      });
      expect(alices.status()).toBe(200);
      expect(alices.headers()['cache-control']).toBe('private, no-store');
      const alicesHtml = await alices.text();
      expect(alicesHtml).toContain('id="vcr-ssr"');
      const digest = /sha256:[a-f0-9]{64}/.exec(alicesHtml)?.[0];
      expect(digest).toBeDefined();
      // Hydrating her page asks nothing and warns of nothing.
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      await page.reload();
      await expect(page.locator('html[data-hydrated]')).toHaveCount(1);
      await expect(page.getByTestId('tag-digest')).toHaveText(digest!);
      expect(problems).toEqual([]);

      // Another browser, another user: their own answer (a 403 page, or the dashboard's
      // refusal), never Alice's.
      const other = await browser.newContext();
      const olivia = await other.newPage();
      await olivia.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(olivia, 'olivia', 'Allow');
      const hers = await olivia.request.get(origin() + TAG_LINK, {
        headers: { accept: 'text/html' },
      });
      expect(hers.status()).toBe(403);
      expect(await hers.text()).not.toContain(digest!);
      await other.close();
    });

    test('a user outside the team is refused', async ({ page }) => {
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'olivia', 'Allow');
      if (mode.name === 'per-user') {
        // Her own token cannot read team_e2e: the dashboard's 403 page, naming the team.
        await expect(page).toHaveURL(origin() + TAG_LINK);
        const alert = page.getByRole('alert');
        await expect(alert).toContainText('No access to this scope');
        await expect(alert).toContainText('team team_e2e');
      } else {
        await expect(
          page.getByRole('heading', { name: 'No access to this dashboard' }),
        ).toBeVisible();
        await expect(page.getByText('Olivia Park · @olivia · olivia@other-co.dev')).toBeVisible();
        await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
        await expectAccessible(page);
      }
    });

    test('Deny gives a clear page with a way to try again', async ({ page }) => {
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'alice', 'Deny');
      await expect(page.getByRole('heading', { name: 'Sign-in was cancelled' })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('link', { name: 'Try again' }).click();
      await signInOnIssuerPage(page, 'alice', 'Allow');
      await expect(page).toHaveURL(origin() + TAG_LINK);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
    });

    test('sign out, then opening the link asks again', async ({ page, context }) => {
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'alice', 'Allow');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
      await page.getByRole('button', { name: /signed in as Alice Martin/ }).click();
      await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
      await expectAccessible(page);
      expect((await context.cookies()).some((c) => c.name === 'vcr_session')).toBe(false);

      await page.goto(origin() + TAG_LINK);
      await expect(page.getByLabel('Username')).toBeVisible();
    });

    test('an access token that expires is renewed without the user noticing', async ({
      page,
      context,
      request,
    }) => {
      await page.goto(origin() + TAG_LINK);
      await signInOnIssuerPage(page, 'alice', 'Allow');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
      const before = await sessionTokens(context);

      const expired = await request.post(mode.expireUrl(dashboard.url, emulator?.url));
      expect(expired.ok()).toBe(true);

      // Moving on in the app makes API calls with the expired token: they just work.
      await page.getByRole('link', { name: 'web-app' }).first().click();
      await expect(page).toHaveURL(new RegExp(`/repositories/web-app\\?`));
      await expect(page.getByRole('alert')).toHaveCount(0);
      await page.goto(origin() + TAG_LINK);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.getByLabel('Username')).toHaveCount(0);

      if (mode.name === 'per-user') {
        // Each user's own token is what calls the API, so it must have been renewed.
        const after = await sessionTokens(context);
        expect(after[0]).not.toBe(before[0]);
      }
    });
  });
}

test('without sign-in, a deep link loads no sign-in code (the tag budget pays nothing for it)', async ({
  page,
}) => {
  // The suite's shared server: sign-in off.
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto(TAG_LINK);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('latest');
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((p) => p.includes('user-menu'))).toEqual([]);
  await expect(page.getByRole('button', { name: /signed in as/ })).toHaveCount(0);
});
