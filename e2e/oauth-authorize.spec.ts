// The emulator's authorization server page in a real browser, embedded in the dashboard
// server (issuer = origin + /__emulator/oauth, behind the dashboard's CSP). The spec reads the
// URL of the browser's request to the client's callback, whatever the dashboard then does
// with it, so it proves only what the AS does: the form, Allow, Deny, an unknown username,
// and a redirect that CSP `form-action 'self'` would otherwise block.
import { createHash, randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const ISSUER_PATH = '/__emulator/oauth';
const CLIENT_ID = 'cl_e2edashboard';

function authorizePath(redirectUri: string, state: string): string {
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    response_type: 'code',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    scope: 'openid email profile offline_access',
    state,
    nonce: 'n-1',
  });
  return `${ISSUER_PATH}/oauth/authorize?${params}`;
}

/** The URL of the browser's next request to a client callback. */
async function callbackRequest(page: Page): Promise<URL> {
  const request = await page.waitForRequest(/\/auth\/callback\?/);
  return new URL(request.url());
}

test.describe('the authorize page (embedded authorization server)', () => {
  test('signs a seed user in: Allow returns to the callback with a code and the state', async ({
    page,
    baseURL,
  }) => {
    await page.goto(authorizePath(`${baseURL}/auth/callback`, 'state-allow'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Sign in to VCR Dashboard (e2e) with Vercel',
    );
    await expect(page.getByText('See your email address')).toBeVisible();
    await page.getByLabel('Username').fill('alice');
    const callback = callbackRequest(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    const url = await callback;
    expect(url.origin + url.pathname).toBe(`${baseURL}/auth/callback`);
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(url.searchParams.get('state')).toBe('state-allow');
    expect(url.searchParams.get('iss')).toBe(`${baseURL}${ISSUER_PATH}`);
  });

  test('an unknown username shows the form again with the reason', async ({ page, baseURL }) => {
    await page.goto(authorizePath(`${baseURL}/auth/callback`, 's'));
    await page.getByLabel('Username').fill('mallory');
    await page.getByRole('button', { name: 'Allow' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'No user "mallory" in this emulator\'s seed. Check the username.',
    );
    await expect(page.getByLabel('Username')).toHaveValue('mallory');
    await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
  });

  test('Deny returns access_denied with the state, without needing a username', async ({
    page,
    baseURL,
  }) => {
    await page.goto(authorizePath(`${baseURL}/auth/callback`, 'state-deny'));
    const callback = callbackRequest(page);
    await page.getByRole('button', { name: 'Deny' }).click();
    expect(Object.fromEntries((await callback).searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'The user canceled the authorization process',
      state: 'state-deny',
      iss: `${baseURL}${ISSUER_PATH}`,
    });
  });

  test('reaches a callback on another origin despite CSP form-action', async ({
    page,
    baseURL,
  }) => {
    const port = new URL(baseURL!).port;
    await page.goto(authorizePath(`http://localhost:${port}/auth/callback`, 'state-x'));
    await page.getByLabel('Username').fill('alice');
    const callback = callbackRequest(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    const url = await callback;
    expect(url.origin + url.pathname).toBe(`http://localhost:${port}/auth/callback`);
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(url.searchParams.get('state')).toBe('state-x');
  });

  test('an unregistered redirect_uri gets an error page and no redirect', async ({ page }) => {
    const response = await page.goto(authorizePath('http://evil.example/auth/callback', 's'));
    expect(response?.status()).toBe(400);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invalid redirect URI');
    expect(new URL(page.url()).pathname).toBe(`${ISSUER_PATH}/oauth/authorize`);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`has no axe violations (${scheme})`, async ({ page, baseURL }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(authorizePath(`${baseURL}/auth/callback`, 's'));
      await page.getByLabel('Username').fill('nobody');
      await page.getByRole('button', { name: 'Allow' }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations).toEqual([]);
    });
  }
});
