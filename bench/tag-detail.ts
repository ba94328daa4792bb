// Tag detail page figures, measured in Chromium against the real server on the e2e seed:
// 1. gzip size of the JS a deep link actually loads (budget 110 kB = 110,000 bytes; over
//    budget fails the bench),
// 2. sequential round trips before the tag is visible (the critical request chain),
// 3. requests while watching a preparing tag for 60 s in a visible tab,
// 4. the same in a hidden tab. Headless Chromium has no switch for tab visibility, so the
//    page is told it is hidden the way it observes visibility itself: document.visibilityState
//    and document.hidden redefined to 'hidden'/true, then a bubbling visibilitychange event
//    (react-query's focus manager and the page's own hook both listen to that event).
// Environment: BENCH_WATCH_SECONDS (60), BENCH_SKIP_BUILD=1 (use the existing dist/).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { startServer } from '../e2e/support/spawn-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const JS_BUDGET_BYTES = 110_000;
const WATCH_SECONDS = Number(process.env.BENCH_WATCH_SECONDS ?? 60);
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';

export interface BenchResult {
  name: string;
  ok: boolean;
  figures: Record<string, number | string>;
  failures: string[];
}

interface Timed {
  url: string;
  start: number;
  end: number;
}

/** Longest chain of requests ending in `last`, each starting only after the previous ended. */
export function criticalChain(requests: Timed[], last: Timed): Timed[] {
  const chain = [last];
  let current = last;
  for (;;) {
    const before = requests
      // Strictly earlier starts: two requests timed within one millisecond would otherwise
      // each count as the other's predecessor and the walk would never end.
      .filter((r) => r !== current && r.end <= current.start && r.start < current.start)
      .sort((a, b) => b.end - a.end)[0];
    if (!before) return chain.reverse();
    chain.push(before);
    current = before;
  }
}

async function countTagRequests(page: Page, tag: string, seconds: number): Promise<number> {
  let n = 0;
  const onRequest = (r: { url(): string }) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/') && pathname.endsWith(`/tags/${tag}`)) n++;
  };
  page.on('request', onRequest);
  await page.waitForTimeout(seconds * 1000);
  page.off('request', onRequest);
  return n;
}

export async function run(): Promise<BenchResult> {
  const failures: string[] = [];
  const figures: Record<string, number | string> = {};
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('tag-detail: building the app (vite build)…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const server = await startServer({ seed: 'e2e/fixtures/seed.json' });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    // 1 + 2: a cold deep link to a ready tag.
    const context = await browser.newContext();
    const page = await context.newPage();
    const js: { url: string; gzip: number; raw: number }[] = [];
    const timed: Timed[] = [];
    const started = new Map<object, number>();
    page.on('request', (r) => started.set(r, Date.now()));
    // A round trip ends when the answer starts arriving: the browser parses HTML as it streams.
    page.on('response', (res) => {
      const r = res.request();
      timed.push({ url: r.url(), start: started.get(r) ?? 0, end: Date.now() });
    });
    page.on('response', async (res) => {
      const url = res.url();
      if (res.request().resourceType() !== 'script' && !/\.m?js(\?|$)/.test(url)) return;
      try {
        const body = await res.body();
        js.push({ url, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
      } catch {
        /* a response without a body (redirect) loads no JS */
      }
    });
    const deepLink = `${server.url}repositories/web-app/tags/latest?${SCOPE}`;
    await page.goto(deepLink);
    await page.getByTestId('tag-facts').waitFor();
    const visibleAt = Date.now();
    await page.waitForLoadState('networkidle');
    const gzipTotal = js.reduce((s, f) => s + f.gzip, 0);
    figures.jsFiles = js.length;
    figures.jsGzipBytes = gzipTotal;
    figures.jsRawBytes = js.reduce((s, f) => s + f.raw, 0);
    figures.jsBudgetBytes = JS_BUDGET_BYTES;
    for (const f of js)
      console.log(`  JS ${new URL(f.url).pathname}: ${f.gzip} B gzip (${f.raw} B raw)`);
    if (gzipTotal > JS_BUDGET_BYTES) {
      failures.push(
        `JS for the tag detail deep link is ${gzipTotal} B gzip, over the ${JS_BUDGET_BYTES} B budget`,
      );
    }
    const tagRequest = timed.find(
      (r) => new URL(r.url).pathname === '/api/v1/vcr/repository/web-app/tags/latest',
    );
    if (!tagRequest || tagRequest.end > visibleAt + 50) {
      failures.push('the tag request did not finish before the tag was visible');
    } else {
      const chain = criticalChain(
        timed.filter((r) => r.end <= visibleAt + 50),
        tagRequest,
      );
      figures.sequentialRoundTrips = chain.length;
      figures.sequentialApiRoundTrips = chain.filter((r) =>
        new URL(r.url).pathname.startsWith('/api/'),
      ).length;
      figures.criticalChain = chain.map((r) => new URL(r.url).pathname).join(' → ');
    }
    await context.close();

    // 3: watching a preparing tag in a visible tab.
    const watchContext = await browser.newContext();
    const watchPage = await watchContext.newPage();
    const preparing = `${server.url}repositories/web-app/tags/preparing-forever?${SCOPE}`;
    await watchPage.goto(preparing);
    await watchPage.getByTestId('watch-note').waitFor();
    console.log(`tag-detail: watching a preparing tag for ${WATCH_SECONDS} s (visible)…`);
    figures.watchSeconds = WATCH_SECONDS;
    figures.requestsWatchingVisible = await countTagRequests(
      watchPage,
      'preparing-forever',
      WATCH_SECONDS,
    );

    // 4: the same tab, hidden.
    await watchPage.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      Object.defineProperty(document, 'hidden', { value: true, configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    });
    console.log(`tag-detail: watching for ${WATCH_SECONDS} s (hidden tab)…`);
    figures.requestsWatchingHidden = await countTagRequests(
      watchPage,
      'preparing-forever',
      WATCH_SECONDS,
    );
    await watchContext.close();

    // Expectations, so a regression fails loudly rather than printing a worse number.
    const visibleMax = Math.ceil(WATCH_SECONDS / 2) + 1;
    if (Number(figures.requestsWatchingVisible) > visibleMax)
      failures.push(
        `${figures.requestsWatchingVisible} requests in ${WATCH_SECONDS} s visible (max ${visibleMax})`,
      );
    const hiddenMax = Math.ceil(WATCH_SECONDS / 10) + 1;
    if (Number(figures.requestsWatchingHidden) > hiddenMax)
      failures.push(
        `${figures.requestsWatchingHidden} requests in ${WATCH_SECONDS} s hidden (max ${hiddenMax})`,
      );
    // The first hidden check comes 10 s after the tab hides: expect one per full 10 s.
    const hiddenMin = Math.floor(WATCH_SECONDS / 10) - 1;
    if (Number(figures.requestsWatchingHidden) < hiddenMin)
      failures.push(
        `${figures.requestsWatchingHidden} requests in ${WATCH_SECONDS} s hidden (min ${hiddenMin}): watching must slow down, not stop`,
      );
  } finally {
    await browser.close();
    await server.stop();
  }
  const result: BenchResult = { name: 'tag-detail', ok: failures.length === 0, figures, failures };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/tag-detail.json'),
    JSON.stringify(result, null, 2) + '\n',
  );
  return result;
}
