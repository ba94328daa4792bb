// Proxy mode for real: the standalone emulator plays api.vercel.com, and the dashboard
// server forwards /api to it with VERCEL_TOKEN, exactly as it would to Vercel.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './support/spawn-server';

const TOKEN = 'vcr_e2e_token';
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const TAG_PAGE = `/repositories/web-app/tags/latest?${SCOPE}`;
const TAG_API = '/v1/vcr/repository/web-app/tags/latest';

let emulator: RunningServer;
let dashboard: RunningServer;
const origin = () => dashboard.url.replace(/\/$/, '');

test.beforeAll(async () => {
  emulator = await startServer({
    entry: 'emulator/main.ts',
    seed: 'e2e/fixtures/seed.json',
  });
  dashboard = await startDashboard();
});

/** The dashboard in proxy mode in front of the emulator. */
function startDashboard() {
  return startServer({
    env: {
      VERCEL_TOKEN: TOKEN,
      VERCEL_API_URL: emulator.url,
      VERCEL_API_TIMEOUT_MS: '1500',
      VERCEL_PROJECT_ID: 'prj_e2e',
      VERCEL_ORG_ID: 'team_e2e',
    },
  });
}

test.afterAll(async () => {
  await dashboard?.stop();
  await emulator?.stop();
});

test.afterEach(async ({ request }) => {
  await request.delete(`${emulator.url}__emulator/faults`);
});

async function direct(request: import('@playwright/test').APIRequestContext, p: string) {
  const res = await request.get(`${emulator.url.replace(/\/$/, '')}${p}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status(), p).toBe(200);
  return res.json();
}

test('every allowed route answers through the proxy as the upstream does', async ({ request }) => {
  const tag = (await direct(request, `${TAG_API}?${SCOPE}`)).tag as {
    imageId: string;
    manifestDigest: string;
  };
  const routes = [
    `/v1/vcr/repository?${SCOPE}&limit=5`,
    `/v1/vcr/repository/web-app?${SCOPE}`,
    `/v1/vcr/repository/web-app/tags?${SCOPE}&limit=3&sortBy=tag&sortOrder=asc`,
    `${TAG_API}?${SCOPE}`,
    `/v1/vcr/repository/web-app/images?${SCOPE}&limit=3`,
    `/v1/vcr/repository/web-app/images/${tag.imageId}?${SCOPE}`,
    `/v1/vcr/repository/web-app/images/${encodeURIComponent(tag.manifestDigest)}?${SCOPE}`,
    '/v9/projects/prj_e2e?teamId=team_e2e',
    '/teams/team_e2e',
    '/v2/teams/acme',
    '/v2/user',
  ];
  for (const p of routes) {
    const res = await request.get(`${origin()}/api${p}`);
    expect(res.status(), p).toBe(200);
    expect(res.headers()['x-vercel-id'], p).toBeTruthy();
    expect(await res.json(), p).toEqual(await direct(request, p));
  }
});

test('refuses what is not on the allow-list and has no emulator control routes', async ({
  request,
}) => {
  for (const p of ['/api/v9/projects/prj_e2e/env', '/api/v2/teams/team_e2e/members']) {
    const res = await request.get(`${origin()}${p}`);
    expect(res.status(), p).toBe(404);
  }
  const post = await request.post(`${origin()}/api/v1/vcr/repository?projectId=prj_e2e`, {
    data: { projectId: 'prj_e2e', name: 'evil' },
  });
  expect(post.status()).toBe(405);
  const faults = await request.post(`${origin()}/__emulator/faults`, {
    data: { path: '/v2/user', status: 500 },
  });
  expect(faults.status()).toBeGreaterThanOrEqual(400);
  const list = await request.get(`${origin()}/api/__emulator/faults`);
  expect(list.status()).toBe(404);
});

/** Everything the browser received while `visit` ran: headers and text bodies. */
async function captureTraffic(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const seen: Promise<string>[] = [];
  page.on('response', (res) => {
    seen.push(
      (async () => {
        const headers = JSON.stringify(await res.allHeaders());
        let body = '';
        try {
          body = (await res.body()).toString('utf8');
        } catch {
          // Redirects and aborted loads have no body.
        }
        return `${res.url()}\n${headers}\n${body}`;
      })(),
    );
  });
  await visit();
  return Promise.all(seen);
}

test('the token never reaches the browser', async ({ page }) => {
  const traffic = await captureTraffic(page, async () => {
    // The tag page arrives rendered by the server, which asked the API with the token.
    await page.goto(`${origin()}${TAG_PAGE}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('latest');
    await expect(page.getByTestId('tag-digest')).toBeVisible();
    await page.goto(`${origin()}/settings`);
    await expect(page.getByTestId('token-source')).toHaveText('Server token (VERCEL_TOKEN)');
    await expect(page.getByTestId('signed-in-as')).toBeVisible();
    await page.goto(`${origin()}/repositories?${SCOPE}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
  expect(traffic.length).toBeGreaterThan(5);
  expect(traffic.some((t) => t.includes('/repositories/web-app/tags/latest'))).toBe(true);
  for (const t of traffic) expect(t.split('\n')[0] + ' leaks the token', t).not.toContain(TOKEN);

  const stored = await page.evaluate(() => ({
    session: JSON.stringify({ ...sessionStorage }),
    local: JSON.stringify({ ...localStorage }),
    cookies: document.cookie,
    html: document.documentElement.outerHTML,
    url: location.href,
  }));
  for (const [where, text] of Object.entries(stored)) expect(text, where).not.toContain(TOKEN);

  // And not in the built app on disk either.
  const dist = path.resolve('dist');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const full = path.join(dir, f);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
  const files = walk(dist);
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toContain(TOKEN);
});

test('pages, assets and API answers carry the security headers, and the CSP breaks nothing', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const responses: Array<{ url: string; headers: Record<string, string> }> = [];
  page.on('response', async (res) => {
    if (res.url().startsWith(origin())) {
      responses.push({ url: res.url(), headers: await res.allHeaders() });
    }
  });
  await page.goto(`${origin()}${TAG_PAGE}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('latest');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('token-source')).toBeVisible();
  // The browse pages too (the virtualized tag list sets inline styles from script).
  for (const p of ['/', `/repositories?${SCOPE}`, `/repositories/web-app?${SCOPE}`]) {
    await page.goto(`${origin()}${p}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
  }

  const kinds = {
    page: responses.find((r) => new URL(r.url).pathname.startsWith('/repositories')),
    script: responses.find((r) => r.url.endsWith('.js')),
    style: responses.find((r) => r.url.endsWith('.css')),
    api: responses.find((r) => r.url.includes('/api/')),
  };
  for (const [kind, r] of Object.entries(kinds)) {
    expect(r, kind).toBeDefined();
    const csp = r!.headers['content-security-policy'] ?? '';
    expect(csp, kind).toContain("script-src 'self'");
    expect(csp, kind).toContain("frame-ancestors 'none'");
    expect(csp, kind).not.toContain('unsafe-inline');
    expect(r!.headers['x-content-type-options'], kind).toBe('nosniff');
    expect(r!.headers['referrer-policy'], kind).toBe('same-origin');
  }
  expect(violations).toEqual([]);

  // Control: the detector does see a violation, and the policy does block inline script.
  const ran = await page.evaluate(() => {
    const w = window as unknown as { inlineRan?: boolean };
    const el = document.createElement('script');
    el.textContent = 'window.inlineRan = true';
    document.body.append(el);
    return w.inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});

test('a 429 with Retry-After reaches the tag page as a wait, and holds every tab', async ({
  page,
  context,
  request,
}) => {
  // Its own dashboard: the 30 s hold on the server's token must not reach the other tests.
  const held = await startDashboard();
  try {
    const fault = await request.post(`${emulator.url}__emulator/faults`, {
      data: {
        path: TAG_API,
        method: 'GET',
        status: 429,
        headers: { 'retry-after': '30' },
        times: 50,
      },
    });
    expect(fault.ok()).toBe(true);
    // The server renders the wait: the page itself answers 429.
    const res = await page.goto(`${held.url}${TAG_PAGE.slice(1)}`);
    expect(res?.status()).toBe(429);
    await expect(page.getByRole('alert')).toContainText('Too many requests');
    await expect(page.getByRole('alert')).toContainText('Waiting as the API asked (Retry-After)');
    const seconds = Number(await page.getByTestId('retry-countdown').textContent());
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(30);

    // A second tab is told the time left by the dashboard; the API hears nothing more.
    const second = await context.newPage();
    const again = await second.goto(`${held.url}${TAG_PAGE.slice(1)}`);
    expect(again?.status()).toBe(429);
    await expect(second.getByRole('alert')).toContainText('Too many requests');
    const left = Number(await second.getByTestId('retry-countdown').textContent());
    expect(left).toBeLessThanOrEqual(30);
    // Straight from the dashboard's hold, as an API answer would be.
    const direct = await second.request.get(`${held.url}api${TAG_API}?${SCOPE}`);
    expect(direct.status()).toBe(429);
    expect(Number(direct.headers()['retry-after'])).toBeLessThanOrEqual(30);
    expect(direct.headers()['x-vercel-id']).toBeTruthy();
    const faults = await (await request.get(`${emulator.url}__emulator/faults`)).json();
    expect(faults.faults[0].hits).toBe(1);
  } finally {
    await held.stop();
  }
});

test('an upstream that hangs becomes a 504 in the API error shape', async ({ page, request }) => {
  await request.post(`${emulator.url}__emulator/faults`, {
    data: { path: '/v2/user', method: 'GET', delayMs: 10_000 },
  });
  await page.goto(`${origin()}/settings`);
  const answer = await page.evaluate(async () => {
    const t0 = performance.now();
    const res = await fetch('/api/v2/user');
    return { status: res.status, body: await res.json(), ms: performance.now() - t0 };
  });
  expect(answer.status).toBe(504);
  expect(answer.body.error.code).toBe('gateway_timeout');
  expect(answer.body.error.message).toContain('1.5 s');
  expect(answer.ms).toBeLessThan(8000);
});
