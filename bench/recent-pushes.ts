// Recent pushes at a Pro project's size, against the real server in proxy mode:
// 1. upstream calls per interval: the standalone emulator holds 1,000 repositories, three of
//    them with a push preparing (forever, so the page keeps watching); the dashboard server
//    proxies to it (its coalescing included), one Chromium page shows /pushes, and the calls
//    the emulator receives are counted (a counting-only fault on every API path) over six
//    5 s intervals. Budget: ≤ 1 (the repository list) + the repositories that changed
//    (3 here), and never more than 6.
// 2. the same with three viewers opened 1.7 s apart: a crowd must cost what one viewer costs
//    (the page reads on the wall clock's beats, and the proxy shares identical answers).
// 3. first render: navigation start → the three rows on screen, median of 5 loads.
// Environment: BENCH_SKIP_BUILD=1 (use the existing dist/).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../playwright.config';
import { startServer, type RunningServer } from '../e2e/support/spawn-server';
import type { BenchResult } from './tag-detail';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPOSITORIES = 1000;
const PUSHES = ['svc-0007', 'svc-0500', 'svc-0993'];
/** The page's live pace (src/features/recent-pushes/use-recent-pushes.ts PUSHES_POLL_MS). */
const INTERVAL_MS = 5000;
const INTERVALS = 6;
const LOADS = 5;
const VIEWER_STAGGER_MS = 1700;
const SCOPE = 'projectId=prj_bench&teamId=team_bench';
const TOKEN = 'vcr_bench_token';
export const BUDGET = { callsPerInterval: Math.min(6, 1 + PUSHES.length) };

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function thousandRepositories(count = REPOSITORIES) {
  const at = '2026-01-05T09:00:00.000Z';
  return {
    tokens: [{ token: TOKEN, teamIds: ['team_bench'] }],
    teams: [{ id: 'team_bench', slug: 'bench', name: 'Bench' }],
    projects: [
      {
        id: 'prj_bench',
        name: 'bench',
        teamId: 'team_bench',
        repositories: Array.from({ length: count }, (_, i) => {
          const name = `svc-${String(i).padStart(4, '0')}`;
          return {
            name,
            tags: [
              {
                tag: 'v1',
                manifestDigest: `sha256:${sha(`bench/${name}`)}`,
                imageId: `image_${sha(`bench/id/${name}`).slice(0, 20)}`,
                kind: 'manifest',
                platform: 'linux',
                arch: 'amd64',
                status: 'ready',
                sizeInBytes: 1_000_000 + i,
                createdAt: at,
                updatedAt: at,
              },
            ],
          };
        }),
      },
    ],
  };
}

async function control(emulator: string, route: string, body: unknown) {
  const res = await fetch(`${emulator}__emulator/${route}`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  if (!res.ok)
    throw new Error(`POST /__emulator/${route} answered ${res.status}: ${await res.text()}`);
}

async function upstreamCalls(emulator: string): Promise<number> {
  const res = await fetch(`${emulator}__emulator/faults`);
  const { faults } = (await res.json()) as { faults: { path: string; hits: number }[] };
  return faults.find((f) => f.path === '/*')?.hits ?? 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rowsShown = (n: number) => `tbody tr[data-row]:nth-child(${n})`;

async function callsPerInterval(
  browser: Browser,
  dashboard: string,
  emulator: string,
  viewers: number,
): Promise<number> {
  const context = await browser.newContext();
  const pages = await Promise.all(Array.from({ length: viewers }, () => context.newPage()));
  // Opened apart, so their own timers do not line up by luck: the beats line them up.
  for (const [i, p] of pages.entries()) {
    if (i > 0) await sleep(VIEWER_STAGGER_MS);
    await p.goto(`${dashboard}pushes?${SCOPE}`);
  }
  await Promise.all(pages.map((p) => p.waitForSelector(rowsShown(PUSHES.length))));
  // Let the first reads settle: what is measured is the steady state.
  await sleep(2 * INTERVAL_MS);
  const before = await upstreamCalls(emulator);
  await sleep(INTERVALS * INTERVAL_MS);
  const after = await upstreamCalls(emulator);
  await context.close();
  return (after - before) / INTERVALS;
}

export async function run(): Promise<BenchResult> {
  if (!process.env.BENCH_SKIP_BUILD) {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const figures: BenchResult['figures'] = {};
  const failures: string[] = [];
  let emulator: RunningServer | undefined;
  let dashboard: RunningServer | undefined;
  let browser: Browser | undefined;
  try {
    emulator = await startServer({ entry: 'emulator/main.ts', seed: thousandRepositories() });
    dashboard = await startServer({
      env: { VERCEL_TOKEN: TOKEN, VERCEL_API_URL: emulator.url, ALLOW_SHARED_TOKEN: '' },
    });
    for (const repository of PUSHES) {
      await control(emulator.url, 'push', {
        projectId: 'prj_bench',
        repository,
        tag: 'next',
        prepareSeconds: null,
      });
    }
    await control(emulator.url, 'faults', { path: '/*', delayMs: 0 });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

    const one = await callsPerInterval(browser, dashboard.url, emulator.url, 1);
    figures['repositories / preparing pushes'] = `${REPOSITORIES} / ${PUSHES.length}`;
    figures['upstream calls per 5 s interval, one viewer'] = one.toFixed(2);
    if (one > BUDGET.callsPerInterval)
      failures.push(
        `${one.toFixed(2)} upstream calls per interval (budget ${BUDGET.callsPerInterval})`,
      );
    const crowd = await callsPerInterval(browser, dashboard.url, emulator.url, 3);
    figures['upstream calls per 5 s interval, three viewers opened 1.7 s apart'] = crowd.toFixed(2);
    if (crowd > BUDGET.callsPerInterval)
      failures.push(
        `three viewers cost ${crowd.toFixed(2)} upstream calls per interval (budget ${BUDGET.callsPerInterval}, as one)`,
      );

    const times: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${dashboard.url}pushes?${SCOPE}`, { waitUntil: 'commit' });
      await page.waitForSelector(rowsShown(PUSHES.length));
      // Navigation start is the page's time origin.
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    times.sort((a, b) => a - b);
    figures['first render: navigation → rows on screen (median of 5)'] =
      `${times[Math.floor(times.length / 2)]!.toFixed(0)} ms`;
    figures['first render (min / max)'] =
      `${times[0]!.toFixed(0)} / ${times[times.length - 1]!.toFixed(0)} ms`;
  } finally {
    await browser?.close();
    await dashboard?.stop();
    await emulator?.stop();
  }
  const result: BenchResult = {
    name: 'recent-pushes',
    ok: failures.length === 0,
    figures,
    failures,
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/recent-pushes.json'),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (r) => {
      for (const [k, v] of Object.entries(r.figures)) console.log(`${k}: ${v}`);
      for (const f of r.failures) console.error(`✗ ${f}`);
      process.exitCode = r.ok ? 0 : 1;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
