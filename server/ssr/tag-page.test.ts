// The server-rendered tag deep link against a fake API: whose data it renders, what it sends
// when it cannot (shell), and that the data island cannot break out of its element.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ApiBackend } from '../backend';
import { parseIsland } from '../../src/app/ssr-island';
import { shellFromString } from './shell';
import { parseSsrBudget, tagPage } from './tag-page';

const TEMPLATE =
  '<!doctype html><html lang="en"><head><title>VCR Dashboard</title></head><body><div id="root"></div></body></html>';
const LINK = '/repositories/web/tags/latest?projectId=prj_1&teamId=team_1';

function tag(pushedBy: string) {
  return {
    tag: 'latest',
    manifestDigest: `sha256:${'a'.repeat(64)}`,
    imageId: 'image_1',
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    pushedBy,
    status: 'ready',
    sizeInBytes: 38693274,
    createdAt: '2026-01-05T08:12:00.000Z',
    updatedAt: '2026-11-26T15:30:11.799Z',
  };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** An API that answers each session (cookie `who=…`) with its own tag, or 403 for `who=eve`. */
function fakeApi(delayMs = 0): ApiBackend & { seen: Request[] } {
  const seen: Request[] = [];
  return {
    mode: 'proxy',
    seen,
    describe: () => 'fake',
    async fetch(request) {
      seen.push(request);
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      const url = new URL(request.url);
      const who = /who=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? 'nobody';
      if (url.pathname.startsWith('/v9/projects/'))
        return json({ id: 'prj_1', name: 'storefront', accountId: 'team_1' });
      if (url.pathname.startsWith('/teams/'))
        return json({ id: 'team_1', slug: 'acme', name: 'Acme' });
      if (who === 'eve')
        return json({ error: { code: 'forbidden', message: 'Not a member of this team.' } }, 403);
      return json({ tag: tag(who) });
    },
  };
}

function appWith(api: ApiBackend, options: { budgetMs?: number; serverCredential?: boolean } = {}) {
  const app = new Hono();
  app.get(
    '/repositories/:repo/tags/:tag',
    tagPage({
      api,
      serverCredential: options.serverCredential ?? true,
      shell: shellFromString(TEMPLATE),
      budgetMs: options.budgetMs ?? 2000,
    }),
  );
  app.get('*', (c) => c.text('SHELL'));
  return app;
}

const get = (app: Hono, cookie?: string) =>
  app.request(`http://localhost${LINK}`, { headers: cookie ? { cookie } : {} });

describe('the server-rendered tag deep link', () => {
  it("renders each reader's own answer, private and varying on Cookie", async () => {
    const api = fakeApi();
    const app = appWith(api);
    const maya = await get(app, 'who=maya');
    const sam = await get(app, 'who=sam');
    const mayaHtml = await maya.text();
    const samHtml = await sam.text();
    expect(maya.status).toBe(200);
    expect(maya.headers.get('cache-control')).toBe('private, no-store');
    expect(maya.headers.get('vary')).toMatch(/\bCookie\b/);
    expect(mayaHtml).toContain('>maya<');
    expect(mayaHtml).not.toContain('sam');
    expect(samHtml).toContain('>sam<');
    expect(samHtml).not.toContain('maya');
    expect(mayaHtml).toContain('docker pull vcr.vercel.com/acme/storefront/web:latest');
    // Only the reader's cookie went along, never another header of the request.
    expect(api.seen.every((r) => r.headers.get('authorization') === null)).toBe(true);
  });

  it('renders a refusal with its own status, for that reader only', async () => {
    const app = appWith(fakeApi());
    const eve = await get(app, 'who=eve');
    expect(eve.status).toBe(403);
    expect(await eve.text()).toContain('No access to this scope');
    const maya = await get(app, 'who=maya');
    expect(maya.status).toBe(200);
  });

  it('keeps the island inert whatever the data holds', async () => {
    const app = appWith(fakeApi());
    const res = await get(app, 'who=x');
    const html = await res.text();
    const island = /<script type="application\/json" id="vcr-ssr">([^<]*)<\/script>/.exec(html);
    expect(island).not.toBeNull();
    const parsed = parseIsland(island![1]!);
    expect(parsed?.queries.queries.length).toBeGreaterThan(0);

    const hostile = fakeApi();
    const evil = '</script><script>alert(1)</script><!--';
    const original = hostile.fetch;
    hostile.fetch = async (r) =>
      new URL(r.url).pathname.includes('/tags/') ? json({ tag: tag(evil) }) : original(r);
    const page = await (await get(appWith(hostile))).text();
    expect(page).not.toContain('<script>alert(1)');
    expect(page.match(/<script/g)?.length).toBe(1);
    const data = /id="vcr-ssr">(.*)<\/script>/.exec(page)![1]!;
    expect(data).toContain('\\u003c/script>');
    expect(JSON.stringify(parseIsland(data))).toContain(evil.replace(/</g, '<'));
  });

  it('sends the shell when the API is over budget', async () => {
    const res = await get(appWith(fakeApi(300), { budgetMs: 50 }), 'who=maya');
    expect(await res.text()).toBe('SHELL');
  });

  it('sends the shell without a server credential (a tab-pasted token is unknown here)', async () => {
    const api = fakeApi();
    const res = await get(appWith(api, { serverCredential: false }), 'who=maya');
    expect(await res.text()).toBe('SHELL');
    expect(api.seen).toHaveLength(0);
  });

  it('leaves links it cannot judge to the page', async () => {
    const app = appWith(fakeApi());
    for (const link of [
      '/repositories/web/tags/latest',
      '/repositories/web/tags/.bad?projectId=p',
      '/repositories/we%20b/tags/latest?projectId=p',
    ]) {
      expect(await (await app.request(`http://localhost${link}`)).text(), link).toBe('SHELL');
    }
  });

  it('reads SSR_BUDGET_MS, defaulting to 500 ms', () => {
    expect(parseSsrBudget(undefined)).toBe(500);
    expect(parseSsrBudget('')).toBe(500);
    expect(parseSsrBudget('nope')).toBe(500);
    expect(parseSsrBudget('1200')).toBe(1200);
    expect(parseSsrBudget('0')).toBe(0);
  });
});
