// Part of `npm run bench:emulator` (also `npx tsx bench/emulator-push.ts` alone): does a big
// push stream to disk? Starts the standalone emulator with its own VCR_DATA_DIR, pushes a
// 1 GB layer the way skopeo does (POST, one streamed PATCH, PUT ?digest=), samples the
// emulator's RSS every 50 ms, and times `cat` of the same bytes to a file on the same disk.
// Budget: the emulator's RSS grows by at most 50 MB (issue 17); the push must succeed and
// the stored blob must be the pushed size. Writes bench/results/emulator-push.json.
// Environment: BENCH_PUSH_MB (1024).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { DEMO_TEAM_ID, DEMO_TOKEN } from '../emulator';
import type { BenchResult } from './tag-detail';
import { startEmulator } from './start-emulator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;
const SIZE_MB = Number(process.env.BENCH_PUSH_MB ?? 1024);
const RSS_BUDGET_MB = 50;
const NAME = 'northwind/storefront/bench-push';

function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Writes SIZE_MB of incompressible bytes (one random MB repeated) and returns its digest. */
async function makeLayer(file: string): Promise<string> {
  const block = Buffer.alloc(MB);
  for (let i = 0; i < MB; i += 4) block.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
  const hash = createHash('sha256');
  const handle = await open(file, 'w');
  for (let i = 0; i < SIZE_MB; i++) {
    block.writeUInt32LE(i, 0);
    hash.update(block);
    await handle.write(block);
  }
  await handle.close();
  return `sha256:${hash.digest('hex')}`;
}

export async function run(): Promise<BenchResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'vcr-bench-push-'));
  const failures: string[] = [];
  const layer = path.join(work, 'layer.bin');
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir);
  const digest = await makeLayer(layer);
  const bytes = SIZE_MB * MB;

  // The floor: the same bytes copied to the same disk by cat.
  const c0 = performance.now();
  execFileSync('sh', ['-c', `cat "${layer}" > "${path.join(work, 'cat.bin')}"`]);
  const catS = (performance.now() - c0) / 1000;
  rmSync(path.join(work, 'cat.bin'));

  const emulator = await startEmulator({ VCR_DATA_DIR: dataDir });
  const pid = emulator.child.pid!;
  const auth = `Basic ${Buffer.from(`${DEMO_TEAM_ID}:${DEMO_TOKEN}`).toString('base64')}`;
  let pushS = NaN;
  let baseline = NaN;
  let peak = 0;
  try {
    const url = (p: string) => new URL(p, `${emulator.url}/`).toString();
    // Warm up the upload path (modules, hashing, the store's folders) before the baseline.
    const small = Buffer.from('warm-up');
    const warm = await fetch(
      url(
        `/v2/${NAME}/blobs/uploads/?digest=sha256:${createHash('sha256').update(small).digest('hex')}`,
      ),
      { method: 'POST', headers: { authorization: auth }, body: small },
    );
    if (warm.status !== 201) failures.push(`warm-up push answered ${warm.status}`);
    baseline = rssMB(pid);
    peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMB(pid));
    }, 50);
    const t0 = performance.now();
    try {
      const post = await fetch(url(`/v2/${NAME}/blobs/uploads/`), {
        method: 'POST',
        headers: { authorization: auth },
      });
      const location = post.headers.get('location');
      if (post.status !== 202 || !location) throw new Error(`POST answered ${post.status}`);
      const patch = await fetch(url(location), {
        method: 'PATCH',
        headers: {
          authorization: auth,
          'content-type': 'application/octet-stream',
          'content-length': String(bytes),
        },
        body: Readable.toWeb(createReadStream(layer, { highWaterMark: MB })) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const next = patch.headers.get('location');
      if (patch.status !== 202 || !next) throw new Error(`PATCH answered ${patch.status}`);
      const sep = next.includes('?') ? '&' : '?';
      const put = await fetch(url(`${next}${sep}digest=${digest}`), {
        method: 'PUT',
        headers: { authorization: auth },
      });
      if (put.status !== 201) throw new Error(`PUT answered ${put.status}: ${await put.text()}`);
      pushS = (performance.now() - t0) / 1000;
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, rssMB(pid));
    const stored = statSync(path.join(dataDir, 'blobs', 'sha256', digest.slice(7))).size;
    if (stored !== bytes) failures.push(`stored blob is ${stored} bytes, pushed ${bytes}`);
  } catch (err) {
    failures.push(`push failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    emulator.child.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  }
  const growth = peak - baseline;
  if (!(growth <= RSS_BUDGET_MB)) {
    failures.push(`emulator RSS grew by ${growth.toFixed(1)} MB (budget ${RSS_BUDGET_MB} MB)`);
  }
  const figures = {
    'layer MB': SIZE_MB,
    'emulator RSS before MB': Number(baseline.toFixed(1)),
    'emulator RSS peak MB': Number(peak.toFixed(1)),
    'RSS growth MB': Number(growth.toFixed(1)),
    'push s': Number(pushS.toFixed(2)),
    'push MB/s': Number((SIZE_MB / pushS).toFixed(0)),
    'cat to disk s': Number(catS.toFixed(2)),
    'cat MB/s': Number((SIZE_MB / catS).toFixed(0)),
  };
  const result: BenchResult = {
    name: 'emulator-push',
    ok: failures.length === 0,
    figures,
    failures,
  };
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(root, 'bench/results/emulator-push.json'),
    `${JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().then(
    (result) => {
      console.log(`emulator push: one ${SIZE_MB} MB layer, streamed`);
      for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k}: ${v}`);
      for (const f of result.failures) console.error(`  ✗ ${f}`);
      console.log(result.ok ? '  ✓ within budget' : '  ✗ FAILED');
      process.exit(result.ok ? 0 : 1);
    },
    (err: unknown) => {
      console.error(`bench:emulator push: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
