// The registries the suite is pointed at, each started on a free loopback port as its own
// process (the way users run them) and stopped by the caller: the standalone emulator, the
// dashboard server in emulator mode (registry at /v2/ on the dashboard's origin), and, for
// the bench, Debian's docker-registry (distribution 2.8).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, type SuiteTarget } from './suite';

export interface RunningTarget {
  /** http://127.0.0.1:PORT */
  url: string;
  stop(): Promise<void>;
  /** Everything the process printed so far (for a failure message). */
  output(): string;
}

/** The suite's credentials and repositories from the conformance seed: its first token,
 * team and project, and the project's first two repositories. */
export function seedTarget(seedPath: string): Omit<SuiteTarget, 'registry'> {
  const seed = JSON.parse(readFileSync(seedPath, 'utf8')) as {
    tokens: { token: string; teamIds: string[] }[];
    teams: { id: string; slug: string }[];
    projects: { name: string; teamId: string; repositories?: { name: string }[] }[];
  };
  const project = seed.projects[0];
  const team = seed.teams.find((t) => t.id === project?.teamId);
  const token = seed.tokens.find((t) => team && t.teamIds.includes(team.id));
  const [a, b] = project?.repositories ?? [];
  if (!project || !team || !token || !a || !b) {
    throw new Error(
      `${seedPath}: the conformance seed needs a team, a token for it, and a project of that team with two repositories`,
    );
  }
  return {
    username: team.id,
    password: token.token,
    repo1: `${team.slug}/${project.name}/${a.name}`,
    repo2: `${team.slug}/${project.name}/${b.name}`,
  };
}

export function spawnListening(
  label: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<RunningTarget> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(cmd, args, {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not start within ${timeoutMs / 1000} s:\n${out}`));
    }, timeoutMs);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m?.[1] && !started) {
        started = true;
        clearTimeout(timer);
        resolve({
          url: m[1].replace(/\/$/, ''),
          output: () => out,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(killer);
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${label} could not be started: ${err.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`${label} exited (code ${code}) before listening:\n${out}`));
    });
  });
}

const tsx = (entry: string) => ['--import', 'tsx', entry];

/** `npm run emulator` with the conformance seed. */
export function startEmulator(seedPath: string): Promise<RunningTarget> {
  return spawnListening(
    'the emulator',
    process.execPath,
    tsx('emulator/main.ts'),
    { ...process.env, PORT: '0', HOST: '127.0.0.1', VCR_SEED: seedPath, ALLOWED_HOSTS: '' },
    /VCR emulator listening on (http:\/\/\S+?)\/?\s/,
  );
}

/** `npm run serve` in emulator mode with the conformance seed: the registry at the
 * dashboard origin's /v2/. The empty VERCEL_* values win over a developer's .env, which
 * would otherwise switch the server to the real API. Writes are on: the suite pushes. */
export function startDashboard(seedPath: string): Promise<RunningTarget> {
  return spawnListening(
    'the dashboard server',
    process.execPath,
    tsx('server/main.ts'),
    {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      VCR_SEED: seedPath,
      VERCEL_TOKEN: '',
      VERCEL_API_URL: '',
      VERCEL_APP_CLIENT_ID: '',
      ALLOW_WRITES: '1',
      ALLOWED_HOSTS: '',
      PUBLIC_URL: '',
    },
    /VCR Dashboard listening on (http:\/\/\S+?)\/?\s/,
  );
}

export const hostOf = (url: string) => new URL(url).host;

export type TargetName = 'emulator' | 'dashboard';

/** `--target=emulator|dashboard` (default emulator); anything else is a usage error. */
export function parseTarget(argv: string[]): TargetName {
  let target = 'emulator';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--target=')) target = arg.slice('--target='.length);
    else if (arg === '--target') target = argv[++i] ?? '';
    else throw new Error(`unknown argument "${arg}" (usage: --target=emulator|dashboard)`);
  }
  if (target !== 'emulator' && target !== 'dashboard') {
    throw new Error(`--target must be emulator or dashboard, got "${target}"`);
  }
  return target;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Debian's docker-registry (distribution 2.8, `apt-get install docker-registry`) with a
 * generated config: a free loopback port, storage in a temporary folder, deletes enabled
 * (the profile tests them), no auth. The folder goes when it stops. */
export async function startDistribution(
  binary = process.env.DOCKER_REGISTRY_PATH || '/usr/bin/docker-registry',
): Promise<RunningTarget> {
  if (!existsSync(binary)) {
    throw new Error(
      `${binary} not found: install Debian's reference registry with 'sudo apt-get install -y docker-registry' (or set DOCKER_REGISTRY_PATH)`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'vcr-conformance-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      // A fixed secret silences the "generated random secret" warning; it signs upload state.
      '  secret: vcr-conformance-bench',
      '',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(binary, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/v2/`)).status === 200) return { url, stop, output: () => out };
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  await stop();
  throw new Error(`docker-registry did not answer ${url}/v2/ within 10 s:\n${out}`);
}
