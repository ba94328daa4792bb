// `npm run bench:emulator`: does the emulator hold a crowd of pollers?
//
// Starts the standalone emulator (demo seed, 2,800-tag repository) as its own process on a
// free loopback port, then 200 clients each poll get-tag every 2 s for 30 s — one request
// in flight per client, start times spread over the first interval, each client on its
// own tag (the pinned ones and CI builds). Reports requests, errors, throughput and
// p50/p99/max latency, writes bench/results/emulator-load.json, and exits non-zero on any
// error (non-200, network failure, or a body that is not the requested tag).
// Environment: BENCH_POLLERS (200), BENCH_DURATION_S (30), BENCH_INTERVAL_MS (2000).
// Then the push bench (bench/emulator-push.ts): a 1 GB layer, the emulator's RSS growth and
// the push throughput beside `cat` of the same bytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildDemoSeed,
  DEMO_BIG_REPOSITORY,
  DEMO_PROJECT_ID,
  DEMO_TEAM_ID,
  DEMO_TOKEN,
} from '../emulator';
import { startEmulator } from './start-emulator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const POLLERS = Number(process.env.BENCH_POLLERS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 2000);
const REQUEST_TIMEOUT_MS = 10_000;

export interface BenchResult {
  name: string;
  ok: boolean;
  figures: Record<string, number | string>;
  failures: string[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<BenchResult> {
  // Which tags the pollers watch: the pinned ones first, then builds spread over the list.
  const repo = buildDemoSeed().projects[0]!.repositories!.find(
    (r) => r.name === DEMO_BIG_REPOSITORY,
  )!;
  const names = repo.tags.map((t) => t.tag);
  const watched = ['latest', 'staging', 'production'];
  for (let i = 0; watched.length < POLLERS; i++) watched.push(names[(i * 37) % names.length]!);

  const emulator = await startEmulator();
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  const fail = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);
  let requests = 0;
  const started = performance.now();
  const deadline = started + DURATION_S * 1000;

  const poller = async (index: number) => {
    const tag = watched[index]!;
    const url = `${emulator.url}/v1/vcr/repository/${DEMO_BIG_REPOSITORY}/tags/${encodeURIComponent(tag)}?projectId=${DEMO_PROJECT_ID}&teamId=${DEMO_TEAM_ID}`;
    // Spread the first requests over one interval, as real tabs would be.
    await sleep((index / POLLERS) * INTERVAL_MS);
    while (performance.now() < deadline) {
      const t0 = performance.now();
      requests++;
      try {
        const res = await fetch(url, {
          headers: { authorization: `Bearer ${DEMO_TOKEN}` },
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const body = (await res.json()) as { tag?: { tag?: string } };
        latencies.push(performance.now() - t0);
        if (res.status !== 200) fail(`HTTP ${res.status}`);
        else if (body.tag?.tag !== tag) fail('wrong body');
        else if (!res.headers.get('x-vercel-id')) fail('no x-vercel-id');
      } catch (err) {
        fail(`network: ${(err as Error).name}`);
      }
      const wait = t0 + INTERVAL_MS - performance.now();
      if (wait > 0) await sleep(Math.min(wait, Math.max(0, deadline - performance.now())));
    }
  };

  try {
    await Promise.all(Array.from({ length: POLLERS }, (_, i) => poller(i)));
  } finally {
    emulator.child.kill('SIGTERM');
  }
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
  const figures = {
    pollers: POLLERS,
    'interval ms': INTERVAL_MS,
    'duration s': Number(elapsedS.toFixed(1)),
    requests,
    errors: errorCount,
    'throughput req/s': Number((requests / elapsedS).toFixed(1)),
    'p50 ms': Number(percentile(sorted, 50).toFixed(2)),
    'p99 ms': Number(percentile(sorted, 99).toFixed(2)),
    'max ms': Number((sorted[sorted.length - 1] ?? NaN).toFixed(2)),
  };
  const failures = [...errors].map(([what, n]) => `${n} × ${what}`);
  // Each poller must have kept its pace: at least one request per interval it was alive.
  const expected = Math.floor((DURATION_S * 1000) / INTERVAL_MS) * POLLERS * 0.9;
  if (requests < expected)
    failures.push(`only ${requests} requests (expected ≥ ${Math.round(expected)})`);
  const result: BenchResult = {
    name: 'emulator-load',
    ok: failures.length === 0,
    figures,
    failures,
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/emulator-load.json'),
    `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    async (result) => {
      console.log(
        `emulator load: ${POLLERS} pollers × get-tag every ${INTERVAL_MS} ms for ${DURATION_S} s`,
      );
      for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k}: ${v}`);
      for (const f of result.failures) console.error(`  ✗ ${f}`);
      console.log(result.ok ? '  ✓ no errors' : '  ✗ FAILED');
      const push = await (await import('./emulator-push')).run();
      console.log('emulator push: one layer, streamed to VCR_DATA_DIR');
      for (const [k, v] of Object.entries(push.figures)) console.log(`  ${k}: ${v}`);
      for (const f of push.failures) console.error(`  ✗ ${f}`);
      console.log(push.ok ? '  ✓ within budget' : '  ✗ FAILED');
      process.exit(result.ok && push.ok ? 0 : 1);
    },
    (err: unknown) => {
      console.error(`bench:emulator: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
