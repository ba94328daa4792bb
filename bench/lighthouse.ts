// `npm run bench:lighthouse`: Google's Lighthouse (12.8, mobile preset: simulated slow 4G
// and a 4× slower CPU) on a cold tag deep link of the demo seed, served by the real server
// (`npm start`'s build and process). Runs it LIGHTHOUSE_RUNS times (3), prints each run and
// the median of performance / accessibility / best practices with FCP, LCP, TBT, CLS and
// Speed Index, writes bench/results/lighthouse.json, and exits non-zero when the median
// misses the budget (performance ≥ 95, accessibility and best practices 100).
// A bench, not a test: Lighthouse's scores move with the machine's load.
// Environment: CHROME_PATH (/usr/bin/chromium), LIGHTHOUSE_RUNS (3), BENCH_SKIP_BUILD=1,
// LIGHTHOUSE_URL_PATH (the deep link, path and query).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/support/spawn-server';
import {
  budgetFailures,
  figuresOf,
  LIGHTHOUSE_BUDGET,
  medianFigures,
  type LighthouseReport,
  type RunFigures,
} from './lighthouse-summary';
import type { BenchResult } from './tag-detail';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// The demo seed's big repository: what `npm start` shows a new user.
const DEEP_LINK =
  process.env.LIGHTHOUSE_URL_PATH ??
  'repositories/web/tags/latest?projectId=prj_storefront&teamId=team_northwind';
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu';

export function runLighthouse(url: string, outFile: string): Promise<void> {
  const cli = path.join(root, 'node_modules/lighthouse/cli/index.js');
  const args = [
    cli,
    url,
    '--output=json',
    `--output-path=${outFile}`,
    `--chrome-flags=${CHROME_FLAGS}`,
    '--only-categories=performance,accessibility,best-practices',
    '--quiet',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...process.env, CHROME_PATH },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`lighthouse exited with ${code}: ${stderr.trim().slice(-2000)}`)),
    );
  });
}

function line(label: string, f: RunFigures): string {
  return (
    `${label.padEnd(7)} performance ${f.performance}, accessibility ${f.accessibility}, ` +
    `best practices ${f.bestPractices} | FCP ${Math.round(f.fcpMs)} ms, LCP ${Math.round(f.lcpMs)} ms, ` +
    `TBT ${Math.round(f.tbtMs)} ms, CLS ${f.cls.toFixed(3)}, SI ${Math.round(f.speedIndexMs)} ms`
  );
}

export async function run(): Promise<BenchResult> {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('lighthouse: building the app (vite build)…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const server = await startServer();
  const out = mkdtempSync(path.join(tmpdir(), 'vcr-lighthouse-'));
  const runs: RunFigures[] = [];
  try {
    const url = `${server.url}${DEEP_LINK}`;
    console.log(`lighthouse: ${RUNS} run(s), mobile preset, on ${url}`);
    for (let i = 1; i <= RUNS; i++) {
      const file = path.join(out, `run-${i}.json`);
      // Lighthouse itself sometimes loses the trace (NO_NAVSTART, NO_FCP …) and says "Please
      // run Lighthouse again": that run is repeated, at most twice; any other failure is fatal.
      for (let attempt = 1; ; attempt++) {
        try {
          await runLighthouse(url, file);
          break;
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          if (attempt > 2 || !/run Lighthouse again/i.test(message)) throw err;
          console.log(`run ${i}   lighthouse lost the trace (${message.slice(-120)}); again`);
        }
      }
      const figures = figuresOf(JSON.parse(readFileSync(file, 'utf8')) as LighthouseReport);
      runs.push(figures);
      console.log(line(`run ${i}`, figures));
    }
  } finally {
    await server.stop();
    rmSync(out, { recursive: true, force: true });
  }
  const m = medianFigures(runs);
  console.log(line('median', m));
  const failures = budgetFailures(m);
  const figures: Record<string, number | string> = {
    runs: RUNS,
    url: DEEP_LINK,
    performance: m.performance,
    accessibility: m.accessibility,
    bestPractices: m.bestPractices,
    fcpMs: Math.round(m.fcpMs),
    lcpMs: Math.round(m.lcpMs),
    tbtMs: Math.round(m.tbtMs),
    cls: Number(m.cls.toFixed(3)),
    speedIndexMs: Math.round(m.speedIndexMs),
    budget: `performance ≥ ${LIGHTHOUSE_BUDGET.performance}, accessibility ${LIGHTHOUSE_BUDGET.accessibility}, best practices ${LIGHTHOUSE_BUDGET.bestPractices}`,
  };
  const result: BenchResult = { name: 'lighthouse', ok: failures.length === 0, figures, failures };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/lighthouse.json'),
    `${JSON.stringify({ ...result, runs }, null, 2)}\n`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (r) => {
      for (const f of r.failures) console.error(`✗ ${f}`);
      if (r.ok) console.log('✓ lighthouse within budget');
      process.exitCode = r.ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(
        `✗ lighthouse bench crashed: ${err instanceof Error ? err.message : String(err)}`,
      );
      process.exitCode = 1;
    },
  );
}
