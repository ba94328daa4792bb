// `npm run bench` (deep-link-floor): the tag deep link against its own floor, side by side in
// one run. The floor is the same page as static HTML + CSS: the server-rendered HTML of the
// deep link with every script removed, served by the same server from dist/ (precompressed like
// every file there). Lighthouse 12.8 mobile (slow 4G, 4× CPU), runs alternating between the
// two so both meet the same machine load; medians are reported with the ratio of LCPs, plus
// the deep link's scores, TBT and its bytes on the wire (JS and total, from Lighthouse's own
// network record). Budgets: LCP ≤ 1.2× the floor, performance ≥ 98, accessibility and best
// practices 100, TBT ≤ 100 ms, JS ≤ 100 kB and total ≤ 120 kB on the wire.
// Environment: CHROME_PATH, LIGHTHOUSE_RUNS (3), BENCH_SKIP_BUILD=1.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer } from '../e2e/support/spawn-server';
import { runLighthouse } from './lighthouse';
import {
  figuresOf,
  median,
  medianFigures,
  type LighthouseReport,
  type RunFigures,
} from './lighthouse-summary';
import { JS_BUDGET_BYTES, TOTAL_BUDGET_BYTES, type BenchResult } from './tag-detail';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const DEEP_LINK = 'repositories/web/tags/latest?projectId=prj_storefront&teamId=team_northwind';
const FLOOR_FILE = 'bench-floor.html';
export const FLOOR_BUDGET = {
  lcpRatio: 1.2,
  performance: 98,
  accessibility: 100,
  bestPractices: 100,
  tbtMs: 100,
} as const;

/** The floor: the rendered page without a single script (HTML + CSS only). */
export function staticFloor(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*>/g, '');
}

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
}

/** Bytes on the wire as Lighthouse recorded them: scripts, and everything. */
export function wireBytes(report: LighthouseReport): { js: number; total: number } {
  const audit = (report.audits as Record<string, { details?: { items?: NetworkItem[] } }>)[
    'network-requests'
  ];
  const items = audit?.details?.items ?? [];
  let js = 0;
  let total = 0;
  for (const item of items) {
    total += item.transferSize ?? 0;
    if (item.resourceType === 'Script') js += item.transferSize ?? 0;
  }
  return { js, total };
}

function line(label: string, f: RunFigures): string {
  return (
    `${label.padEnd(16)} performance ${f.performance}, accessibility ${f.accessibility}, ` +
    `best practices ${f.bestPractices} | FCP ${Math.round(f.fcpMs)} ms, LCP ${Math.round(f.lcpMs)} ms, ` +
    `TBT ${Math.round(f.tbtMs)} ms, CLS ${f.cls.toFixed(3)}`
  );
}

export async function run(): Promise<BenchResult> {
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('deep-link-floor: building the app (vite build)…');
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  }
  const dist = path.join(root, 'dist');
  const floorPath = path.join(dist, FLOOR_FILE);
  const server = await startServer();
  const out = mkdtempSync(path.join(tmpdir(), 'vcr-floor-'));
  const app: RunFigures[] = [];
  const floor: RunFigures[] = [];
  const wire: Array<{ js: number; total: number }> = [];
  try {
    const rendered = await (await fetch(`${server.url}${DEEP_LINK}`)).text();
    if (!rendered.includes('id="vcr-ssr"'))
      throw new Error('the deep link was not server-rendered');
    const html = staticFloor(rendered);
    writeFileSync(floorPath, html);
    writeFileSync(`${floorPath}.br`, brotliCompressSync(html));
    writeFileSync(`${floorPath}.gz`, gzipSync(html));
    for (let i = 1; i <= RUNS; i++) {
      for (const [label, url, into] of [
        ['deep link', `${server.url}${DEEP_LINK}`, app],
        ['static floor', `${server.url}${FLOOR_FILE}`, floor],
      ] as const) {
        const file = path.join(out, `${i}-${into === app ? 'app' : 'floor'}.json`);
        for (let attempt = 1; ; attempt++) {
          try {
            await runLighthouse(url, file);
            break;
          } catch (err) {
            const message = err instanceof Error ? err.message : String(err);
            if (attempt > 2 || !/run Lighthouse again/i.test(message)) throw err;
          }
        }
        const report = JSON.parse(readFileSync(file, 'utf8')) as LighthouseReport;
        const figures = figuresOf(report);
        into.push(figures);
        if (into === app) wire.push(wireBytes(report));
        console.log(line(`run ${i} ${label}`, figures));
      }
    }
  } finally {
    await server.stop();
    rmSync(out, { recursive: true, force: true });
    for (const f of [floorPath, `${floorPath}.br`, `${floorPath}.gz`]) rmSync(f, { force: true });
  }
  const a = medianFigures(app);
  const f = medianFigures(floor);
  console.log(line('median deep link', a));
  console.log(line('median floor', f));
  const ratio = a.lcpMs / f.lcpMs;
  const js = median(wire.map((w) => w.js));
  const total = median(wire.map((w) => w.total));
  const failures: string[] = [];
  if (ratio > FLOOR_BUDGET.lcpRatio)
    failures.push(
      `LCP is ${ratio.toFixed(2)}× the static floor (budget ${FLOOR_BUDGET.lcpRatio}×)`,
    );
  if (a.performance < FLOOR_BUDGET.performance)
    failures.push(`performance ${a.performance} < ${FLOOR_BUDGET.performance}`);
  if (a.accessibility < FLOOR_BUDGET.accessibility)
    failures.push(`accessibility ${a.accessibility} < ${FLOOR_BUDGET.accessibility}`);
  if (a.bestPractices < FLOOR_BUDGET.bestPractices)
    failures.push(`best practices ${a.bestPractices} < ${FLOOR_BUDGET.bestPractices}`);
  if (a.tbtMs > FLOOR_BUDGET.tbtMs)
    failures.push(`TBT ${Math.round(a.tbtMs)} ms > ${FLOOR_BUDGET.tbtMs} ms`);
  if (js > JS_BUDGET_BYTES) failures.push(`JS on the wire ${js} B > ${JS_BUDGET_BYTES} B`);
  if (total > TOTAL_BUDGET_BYTES)
    failures.push(`total on the wire ${total} B > ${TOTAL_BUDGET_BYTES} B`);
  const figures: Record<string, number | string> = {
    runs: RUNS,
    deepLinkLcpMs: Math.round(a.lcpMs),
    floorLcpMs: Math.round(f.lcpMs),
    lcpRatio: Number(ratio.toFixed(2)),
    deepLinkFcpMs: Math.round(a.fcpMs),
    floorFcpMs: Math.round(f.fcpMs),
    performance: a.performance,
    accessibility: a.accessibility,
    bestPractices: a.bestPractices,
    tbtMs: Math.round(a.tbtMs),
    cls: Number(a.cls.toFixed(3)),
    jsWireBytes: js,
    totalWireBytes: total,
  };
  const result: BenchResult = {
    name: 'deep-link-floor',
    ok: failures.length === 0,
    figures,
    failures,
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/deep-link-floor.json'),
    `${JSON.stringify({ ...result, app, floor, wire }, null, 2)}\n`,
  );
  return result;
}
