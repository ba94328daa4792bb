// `npm run bench:proxy`: what the proxy costs and whether it holds a crowd.
//
// Starts the standalone emulator and the dashboard server in proxy mode (VERCEL_TOKEN +
// VERCEL_API_URL pointing at the emulator), each its own process on a free loopback port.
// 1. Latency: the same request mix sent alternately straight to the emulator and through
//    the proxy, one at a time, so both see the same machine load; p50/p99 of each and the
//    difference is what the proxy adds.
// 2. Pollers: 200 clients poll get-tag through the proxy every 2 s for 30 s (bounded:
//    one request in flight per poller); every answer must be a 200.
// Environment: BENCH_POLLERS (200), BENCH_DURATION_S (30), BENCH_SAMPLES (300 per side).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(root, 'e2e/fixtures/seed.json');
const TOKEN = 'vcr_e2e_token';
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const POLLERS = Number(process.env.BENCH_POLLERS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const POLL_INTERVAL_MS = 2000;

const MIX = [
  `/v1/vcr/repository/web-app/tags/latest?${SCOPE}`,
  `/v1/vcr/repository/web-app/tags?${SCOPE}&limit=20`,
  `/v1/vcr/repository/web-app?${SCOPE}`,
  `/v1/vcr/repository?${SCOPE}`,
  `/v9/projects/prj_e2e?teamId=team_e2e`,
  '/v2/user',
];

/** Each child's output so far, to explain failures. */
const logs = new Map<string, () => string>();

interface Started {
  url: string;
  child: ChildProcess;
}

function start(entry: string, env: Record<string, string>, banner: RegExp): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    logs.set(entry, () => out);
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${entry} did not start in 30 s:\n${out}`));
    }, 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = banner.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1].replace(/\/$/, ''), child });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}) before it was ready:\n${out}`));
    });
  });
}

function stop(s: Started | undefined) {
  if (s && s.child.exitCode === null) s.child.kill('SIGTERM');
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99) };
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  const dt = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
  return dt;
}

const fmt = (n: number) => `${n.toFixed(2)} ms`;

async function main() {
  let emulator: Started | undefined;
  let dashboard: Started | undefined;
  const cleanup = () => {
    stop(dashboard);
    stop(emulator);
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  try {
    emulator = await start(
      'server/emulator/main.ts',
      { VCR_SEED: SEED },
      /VCR emulator listening on (http:\/\/\S+)/,
    );
    dashboard = await start(
      'server/main.ts',
      { VERCEL_TOKEN: TOKEN, VERCEL_API_URL: emulator.url },
      /VCR Dashboard listening on (http:\/\/\S+)/,
    );
    const direct = (p: string) => timed(emulator!.url + p, { authorization: `Bearer ${TOKEN}` });
    const proxied = (p: string) => timed(`${dashboard!.url}/api${p}`, {});

    // Warm both paths (JIT, connection pools) before measuring.
    for (let i = 0; i < 60; i++) {
      const p = MIX[i % MIX.length]!;
      await direct(p);
      await proxied(p);
    }

    const directMs: number[] = [];
    const proxyMs: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const p = MIX[i % MIX.length]!;
      // Alternate which goes first so neither side always gets the warmer cache.
      if (i % 2 === 0) {
        directMs.push(await direct(p));
        proxyMs.push(await proxied(p));
      } else {
        proxyMs.push(await proxied(p));
        directMs.push(await direct(p));
      }
    }
    const d = summary(directMs);
    const px = summary(proxyMs);

    console.log(
      `Latency, ${SAMPLES} requests per side, mix of ${MIX.length} GET routes, sequential:`,
    );
    console.log(`  direct to emulator   p50 ${fmt(d.p50)}   p99 ${fmt(d.p99)}`);
    console.log(`  through the proxy    p50 ${fmt(px.p50)}   p99 ${fmt(px.p99)}`);
    console.log(`  added by the proxy   p50 ${fmt(px.p50 - d.p50)}   p99 ${fmt(px.p99 - d.p99)}`);

    // Pollers: each waits for its answer before scheduling the next tick, so at most
    // POLLERS requests are ever in flight.
    const tagPath = `${dashboard.url}/api/v1/vcr/repository/web-app/tags/latest?${SCOPE}`;
    const pollMs: number[] = [];
    const errors: string[] = [];
    const deadline = performance.now() + DURATION_S * 1000;
    const poller = async (n: number) => {
      await new Promise((r) => setTimeout(r, (n / POLLERS) * POLL_INTERVAL_MS));
      while (performance.now() < deadline) {
        const tickStart = performance.now();
        try {
          pollMs.push(await timed(tagPath, {}));
        } catch (err) {
          errors.push(err instanceof Error ? err.message : String(err));
        }
        const wait = POLL_INTERVAL_MS - (performance.now() - tickStart);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: POLLERS }, (_, i) => poller(i)));
    const elapsed = (performance.now() - t0) / 1000;
    const pl = summary(pollMs);
    console.log(
      `Pollers: ${POLLERS} concurrent, get-tag through the proxy every ${POLL_INTERVAL_MS / 1000} s for ${DURATION_S} s:`,
    );
    console.log(
      `  ${pl.n} requests in ${elapsed.toFixed(1)} s (${(pl.n / elapsed).toFixed(1)} req/s), ${errors.length} errors, p50 ${fmt(pl.p50)}, p99 ${fmt(pl.p99)}`,
    );
    if (errors.length) {
      console.log(`  first errors: ${[...new Set(errors)].slice(0, 5).join('; ')}`);
      const proxyLines = (logs.get('server/main.ts')?.() ?? '')
        .split('\n')
        .filter((l) => l.startsWith('proxy:'));
      console.log(`  proxy log: ${[...new Set(proxyLines)].slice(0, 5).join(' | ')}`);
    }

    const results = {
      date: new Date().toISOString(),
      latency: {
        samplesPerSide: SAMPLES,
        direct: d,
        proxy: px,
        addedP50: px.p50 - d.p50,
        addedP99: px.p99 - d.p99,
      },
      pollers: { pollers: POLLERS, durationS: DURATION_S, ...pl, errors: errors.length },
    };
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      path.join(root, 'bench/results/proxy-load.json'),
      JSON.stringify(results, null, 2),
    );
    if (errors.length) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:proxy: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
