// What Chromium actually receives for a cold tag deep link: brotli for the page, its JS and
// CSS; the fingerprinted files cached for a year; the server-rendered page (one reader's data)
// never stored; the app's shell (index.html) revalidated on the next visit.
import { expect, test, type Response } from '@playwright/test';
import { waitForHydration } from './support/goto-hydrated';

const DEEP_LINK = '/repositories/web-app/tags/latest?projectId=prj_e2e&teamId=team_e2e';

test('a cold deep link arrives brotli-compressed with a cache policy per file', async ({
  page,
}) => {
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(DEEP_LINK);
  await expect(page.getByTestId('tag-facts')).toBeVisible();
  await waitForHydration(page);

  const byPath = async (test: (p: string) => boolean) => {
    const r = responses.find((x) => test(new URL(x.url()).pathname));
    expect(r, 'response').toBeTruthy();
    return { headers: await r!.allHeaders(), status: r!.status() };
  };
  const doc = await byPath((p) => p.startsWith('/repositories/'));
  expect(doc.headers['content-encoding']).toBe('br');
  expect(doc.headers['vary']).toBe('Cookie, Accept-Encoding');
  expect(doc.headers['cache-control']).toBe('private, no-store');

  for (const ext of ['.js', '.css']) {
    const asset = await byPath((p) => p.startsWith('/assets/') && p.endsWith(ext));
    expect(asset.headers['content-encoding'], ext).toBe('br');
    expect(asset.headers['cache-control'], ext).toBe('public, max-age=31536000, immutable');
  }
  const boot = await byPath((p) => p === '/ssr-boot.js');
  expect(boot.headers['cache-control']).toBe('no-cache');

  // The shell of the other pages: the next visit asks again and gets 304, not the bytes.
  const shell = await page.request.get('/repositories/web-app?projectId=prj_e2e', {
    headers: { 'accept-encoding': 'br' },
  });
  expect(shell.headers()['content-encoding']).toBe('br');
  expect(shell.headers()['cache-control']).toBe('no-cache');
  const etag = shell.headers()['etag']!;
  expect(etag).toBeTruthy();
  const again = await page.request.get('/repositories/web-app?projectId=prj_e2e', {
    headers: { 'accept-encoding': 'br', 'if-none-match': etag },
  });
  expect(again.status()).toBe(304);
});
