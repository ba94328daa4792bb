// `npm run bench:proxy`: what the proxy costs, and that a crowd of viewers costs the
// Vercel API no more than one viewer.
//
// Starts the standalone emulator and the dashboard server in proxy mode (VERCEL_TOKEN +
// VERCEL_API_URL pointing at the emulator), each its own process on a free loopback port.
// Upstream calls are counted where the emulator receives them (a counting-only fault on
// every API path, read back from GET /__emulator/faults).
// 1. Latency: the same request mix sent alternately straight to the emulator and through
//    the proxy, one at a time, so both see the same machine load; p50/p99 of each and the
//    difference is what the proxy adds. Measured on a second dashboard with
//    VERCEL_API_CACHE_MS=0, so every request really goes upstream (the forwarding cost, not
//    the shared-answer shortcut). Budget: added p50 ≤ 1 ms.
// 2. Pollers: 30 clients poll one tag through the proxy every 2 s for 20 s (one request in
//    flight per poller); every answer must be a 200. Budget: upstream calls ≤ one per
//    second of freshness window, + 2 (22 for 20 s).
// 3. Rate limit: the emulator answers the tag's next call with 429, Retry-After: 5, and the
//    pollers keep polling for 8 s. Budget: 0 upstream calls in the 5 s after the 429 (the
//    count is read back to back; reads up to 100 ms before the end count), and the tag
//    answers 200 again afterwards.
// Exits non-zero when a budget is missed or any request fails.
// Environment: BENCH_POLLERS (30), BENCH_DURATION_S (20), BENCH_SAMPLES (1000 per side).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEED = path.join(root, 'e2e/fixtures/seed.json');
const TOKEN = 'vcr_e2e_token';
const SCOPE = 'projectId=prj_e2e&teamId=team_e2e';
const POLLERS = Number(process.env.BENCH_POLLERS ?? 30);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const POLL_INTERVAL_MS = 2000;
/** The proxy's default freshness window (server/proxy/proxy-backend.ts DEFAULT_FRESH_MS). */
const FRESH_MS = 1000;
const RETRY_AFTER_S = 5;
const RATE_LIMIT_PHASE_S = 8;
/** How much earlier than a poller the proxy may have met the 429 (machine load). */
const HOLD_SKEW_MS = 100;
const TAG_PATH = '/v1/vcr/repository/web-app/tags/latest';
const BUDGET = {
  addedP50Ms: 1,
  upstreamCalls: Math.ceil((DURATION_S * 1000) / FRESH_MS) + 2,
  callsDuringHold: 0,
};

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

function start(
  entry: string,
  env: Record<string, string>,
  banner: RegExp,
  label = entry,
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    logs.set(label, () => out);
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

/** The emulator's API calls so far, as counted by a counting-only fault on every path. */
async function upstreamCalls(emulatorUrl: string): Promise<number> {
  const res = await fetch(`${emulatorUrl}/__emulator/faults`);
  const { faults } = (await res.json()) as { faults: { path: string; hits: number }[] };
  return faults.find((f) => f.path === '/*')?.hits ?? 0;
}

async function control(emulatorUrl: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${emulatorUrl}/__emulator/${route}`, {
    method,
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} /__emulator/${route} answered ${res.status}`);
}

interface PollAnswer {
  at: number;
  status: number;
  retryAfter: string | null;
  ms: number;
}

/**
 * POLLERS clients, spread evenly over one interval, each polling `url` every interval
 * (waiting for its answer before scheduling the next) until `durationS` has passed.
 */
async function poll(
  url: string,
  durationS: number,
  onAnswer: (a: PollAnswer) => void = () => {},
): Promise<PollAnswer[]> {
  const answers: PollAnswer[] = [];
  const deadline = performance.now() + durationS * 1000;
  const poller = async (n: number) => {
    await new Promise((r) => setTimeout(r, (n / POLLERS) * POLL_INTERVAL_MS));
    while (performance.now() < deadline) {
      const tickStart = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        const at = performance.now();
        const answer = {
          at,
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          ms: at - tickStart,
        };
        answers.push(answer);
        onAnswer(answer);
      } catch {
        answers.push({ at: performance.now(), status: 0, retryAfter: null, ms: NaN });
      }
      const wait = POLL_INTERVAL_MS - (performance.now() - tickStart);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  };
  await Promise.all(Array.from({ length: POLLERS }, (_, i) => poller(i)));
  return answers;
}

async function main() {
  let emulator: Started | undefined;
  let dashboard: Started | undefined;
  let uncached: Started | undefined;
  const cleanup = () => {
    stop(dashboard);
    stop(uncached);
    stop(emulator);
  };
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });
  const failures: string[] = [];
  try {
    emulator = await start(
      'emulator/main.ts',
      { VCR_SEED: SEED },
      /VCR emulator listening on (http:\/\/\S+)/,
    );
    const proxyEnv = { VERCEL_TOKEN: TOKEN, VERCEL_API_URL: emulator.url, ALLOW_SHARED_TOKEN: '' };
    [dashboard, uncached] = await Promise.all([
      start('server/main.ts', proxyEnv, /VCR Dashboard listening on (http:\/\/\S+)/, 'dashboard'),
      start(
        'server/main.ts',
        { ...proxyEnv, VERCEL_API_CACHE_MS: '0' },
        /VCR Dashboard listening on (http:\/\/\S+)/,
        'dashboard (VERCEL_API_CACHE_MS=0)',
      ),
    ]);
    const direct = (p: string) => timed(emulator!.url + p, { authorization: `Bearer ${TOKEN}` });
    const proxied = (p: string) => timed(`${uncached!.url}/api${p}`, {});

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
    const addedP50 = px.p50 - d.p50;

    console.log(
      `Latency, ${SAMPLES} requests per side, mix of ${MIX.length} GET routes, sequential, every one forwarded upstream:`,
    );
    console.log(`  direct to emulator   p50 ${fmt(d.p50)}   p99 ${fmt(d.p99)}`);
    console.log(`  through the proxy    p50 ${fmt(px.p50)}   p99 ${fmt(px.p99)}`);
    console.log(
      `  added by the proxy   p50 ${fmt(addedP50)}   p99 ${fmt(px.p99 - d.p99)}   (budget p50 ≤ ${fmt(BUDGET.addedP50Ms)})`,
    );
    if (!(addedP50 <= BUDGET.addedP50Ms)) {
      failures.push(`the proxy adds ${fmt(addedP50)} p50 (budget ${fmt(BUDGET.addedP50Ms)})`);
    }
    stop(uncached);

    // Pollers on the default dashboard, every upstream call counted.
    const tagUrl = `${dashboard.url}/api${TAG_PATH}?${SCOPE}`;
    await control(emulator.url, 'DELETE', 'faults');
    await new Promise((r) => setTimeout(r, FRESH_MS + 100));
    await control(emulator.url, 'POST', 'faults', { path: '/*', delayMs: 0 });
    const t0 = performance.now();
    const answers = await poll(tagUrl, DURATION_S);
    const elapsed = (performance.now() - t0) / 1000;
    const calls = await upstreamCalls(emulator.url);
    const errors = answers.filter((a) => a.status !== 200);
    const pl = summary(answers.filter((a) => a.status === 200).map((a) => a.ms));
    console.log(
      `Pollers: ${POLLERS} clients, one tag through the proxy every ${POLL_INTERVAL_MS / 1000} s for ${DURATION_S} s:`,
    );
    console.log(
      `  ${answers.length} requests in ${elapsed.toFixed(1)} s, ${errors.length} not 200, p50 ${fmt(pl.p50)}, p99 ${fmt(pl.p99)}`,
    );
    console.log(
      `  upstream calls       ${calls}   (budget ≤ ${BUDGET.upstreamCalls}; without coalescing it would be ${answers.length})`,
    );
    if (errors.length) {
      failures.push(`${errors.length} poll answers were not 200`);
      const proxyLines = (logs.get('dashboard')?.() ?? '')
        .split('\n')
        .filter((l) => l.startsWith('proxy:'));
      console.log(`  proxy log: ${[...new Set(proxyLines)].slice(0, 5).join(' | ')}`);
    }
    if (calls > BUDGET.upstreamCalls) {
      failures.push(`${calls} upstream calls (budget ${BUDGET.upstreamCalls})`);
    }

    // An upstream 429 with Retry-After: 5, then the same crowd.
    await control(emulator.url, 'DELETE', 'faults');
    await new Promise((r) => setTimeout(r, FRESH_MS + 100));
    // First the 429 (used once), then the counter, which sees every call after it.
    await control(emulator.url, 'POST', 'faults', {
      path: TAG_PATH,
      status: 429,
      headers: { 'retry-after': String(RETRY_AFTER_S) },
      times: 1,
    });
    await control(emulator.url, 'POST', 'faults', { path: '/*', delayMs: 0 });
    let firstLimited: number | undefined;
    // The emulator's count, read back to back from the first 429 on. A read that comes back
    // with a call in it before the hold can have ended is a call during the hold. The 429
    // reached the proxy a moment before the poller (HOLD_SKEW_MS allows for that moment).
    const samples: Array<{ done: number; hits: number }> = [];
    let sampling: Promise<void> | undefined;
    const limited = await poll(tagUrl, RATE_LIMIT_PHASE_S, (a) => {
      if (a.status !== 429 || firstLimited !== undefined) return;
      firstLimited = a.at;
      const until = firstLimited + RETRY_AFTER_S * 1000 + 500;
      sampling = (async () => {
        while (performance.now() < until) {
          const hits = await upstreamCalls(emulator!.url);
          samples.push({ done: performance.now(), hits });
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
    });
    await sampling;
    const holdEnd = (firstLimited ?? 0) + RETRY_AFTER_S * 1000 - HOLD_SKEW_MS;
    const inHold = samples.filter((x) => x.done < holdEnd);
    const callsDuringHold = inHold.length ? Math.max(...inHold.map((x) => x.hits)) : undefined;
    const lastQuiet = [...samples].reverse().find((x) => x.hits === 0);
    const quietFor = lastQuiet && firstLimited !== undefined ? lastQuiet.done - firstLimited : 0;
    const after = await upstreamCalls(emulator.url);
    const during = limited.filter(
      (a) =>
        firstLimited !== undefined &&
        a.at >= firstLimited &&
        a.at < firstLimited + RETRY_AFTER_S * 1000,
    );
    const afterHold = limited.filter(
      (a) => firstLimited !== undefined && a.at >= firstLimited + RETRY_AFTER_S * 1000 + 100,
    );
    const retryAfters = [...new Set(during.map((a) => a.retryAfter))].join(', ');
    console.log(
      `Rate limit: upstream answers one call with 429, Retry-After: ${RETRY_AFTER_S}; ${POLLERS} pollers go on for ${RATE_LIMIT_PHASE_S} s:`,
    );
    console.log(
      `  upstream calls in the ${RETRY_AFTER_S} s after the 429: ${callsDuringHold ?? 'not measured'}   (budget ${BUDGET.callsDuringHold}; ${inHold.length} reads of the count up to ${fmt(RETRY_AFTER_S * 1000 - HOLD_SKEW_MS)} after it)`,
    );
    console.log(`  last read still at 0 calls: ${(quietFor / 1000).toFixed(2)} s after the 429`);
    console.log(
      `  tabs answered during the hold: ${during.length}, all 429: ${during.every((a) => a.status === 429)}, Retry-After seen: ${retryAfters}`,
    );
    console.log(
      `  after the hold: ${afterHold.filter((a) => a.status === 200).length}/${afterHold.length} answers 200, ${after} upstream calls in all`,
    );
    if (callsDuringHold === undefined || callsDuringHold > BUDGET.callsDuringHold) {
      failures.push(`${callsDuringHold ?? '?'} upstream calls during the Retry-After hold`);
    }
    if (!during.every((a) => a.status === 429) || !afterHold.length) {
      failures.push('the hold did not answer 429 throughout, or polling did not resume');
    }
    if (afterHold.some((a) => a.status !== 200))
      failures.push('answers after the hold were not 200');

    const results = {
      date: new Date().toISOString(),
      budget: BUDGET,
      latency: {
        samplesPerSide: SAMPLES,
        direct: d,
        proxy: px,
        addedP50,
        addedP99: px.p99 - d.p99,
      },
      pollers: {
        pollers: POLLERS,
        durationS: DURATION_S,
        requests: answers.length,
        upstreamCalls: calls,
        ...pl,
        errors: errors.length,
      },
      rateLimit: {
        retryAfterS: RETRY_AFTER_S,
        callsDuringHold,
        countReads: inHold.length,
        quietForMs: quietFor,
        heldAnswers: during.length,
      },
      failures,
    };
    mkdirSync(path.join(root, 'bench/results'), { recursive: true });
    writeFileSync(
      path.join(root, 'bench/results/proxy-load.json'),
      JSON.stringify(results, null, 2),
    );
    for (const f of failures) console.error(`  ✗ ${f}`);
    if (failures.length) process.exitCode = 1;
    else console.log('  ✓ bench:proxy within budget');
  } finally {
    cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(`bench:proxy: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
