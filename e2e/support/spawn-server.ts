// Starts a real server as a child process for tests that need their own instance (their own
// seed, env, or the standalone emulator) instead of Playwright's shared webServer.
//
//   const server = await startServer({ seed: 'e2e/fixtures/seed.json' });
//   await fetch(`${server.url}api/v1/vcr/repository?projectId=prj_e2e`);
//   await server.stop();
//
// startServer({ seed?, env?, entry?, timeoutMs? }) → Promise<{ url, stop(), process }>
//   seed   a seed object (written to a temp file) or a path to a seed file; omitted = the
//          demo seed (VCR_SEED unset)
//   env    extra environment (VERCEL_TOKEN and VERCEL_API_URL are cleared unless given, so the emulator answers)
//   entry  'server/main.ts' (default: the dashboard, API under /api, banner
//          "VCR Dashboard listening on http://…/") or 'emulator/main.ts' (the
//          standalone emulator, API at the root, banner "VCR emulator listening on http://…/")
//   url    always ends with "/"; stop() kills the whole process group and removes the temp seed.
// The child runs `npx tsx <entry>` with PORT=0; a child that exits or prints no banner within
// the timeout rejects with an error carrying its stderr (e.g. a refused seed's message).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServerEntry = 'server/main.ts' | 'emulator/main.ts';

export interface StartServerOptions {
  seed?: object | string;
  env?: Record<string, string>;
  entry?: ServerEntry;
  timeoutMs?: number;
}

export interface RunningServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  stop(): Promise<void>;
  process: ChildProcess;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BANNER = /(?:VCR Dashboard|VCR emulator) listening on (http:\/\/\S+\/)/;

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const entry = options.entry ?? 'server/main.ts';
  const timeoutMs = options.timeoutMs ?? 30_000;
  let tempDir: string | undefined;
  let seedPath: string | undefined;
  if (typeof options.seed === 'string') seedPath = path.resolve(repoRoot, options.seed);
  else if (options.seed) {
    tempDir = mkdtempSync(path.join(tmpdir(), 'vcr-seed-'));
    seedPath = path.join(tempDir, 'seed.json');
    writeFileSync(seedPath, JSON.stringify(options.seed));
  }
  const cleanup = () => {
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VERCEL_TOKEN: '',
    VERCEL_API_URL: '',
    ...options.env,
    PORT: '0',
  };
  if (seedPath) env.VCR_SEED = seedPath;
  else delete env.VCR_SEED;

  // Its own process group, so stop() also ends the node process npx/tsx start underneath.
  const child = spawn('npx', ['tsx', entry], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    cleanup();
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `${entry} printed no "listening on" line within ${timeoutMs} ms.\nstdout:\n${stdout}\nstderr:\n${stderr}`,
          ),
        );
      }, timeoutMs);
      child.stdout!.on('data', (chunk: string) => {
        stdout += chunk;
        const m = BANNER.exec(stdout);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `${entry} exited (${signal ?? `code ${code}`}) before listening.\nstderr:\n${stderr.trim()}`,
          ),
        );
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`could not start ${entry}: ${err.message}`));
      });
    });
    // Keep draining output so a chatty child never blocks on a full pipe.
    child.stdout!.resume();
    return { url, stop, process: child };
  } catch (err) {
    await stop();
    throw err;
  }
}
