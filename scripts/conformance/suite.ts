// Builds and runs the vendored OCI distribution-spec conformance suite
// (../shared/oci-conformance, or OCI_CONFORMANCE_SRC) against one registry, and returns its
// per-check results from the junit report. Shared by `npm run test:conformance` and
// `npm run bench:conformance`, so both judge with the same binary and the same profile.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJunit, type CheckResult } from './junit';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PROFILE_PATH = path.join(ROOT, 'scripts/conformance/profile.env');
export const SEED_PATH = path.join(ROOT, 'scripts/conformance/seed.json');
export const REFERENCE_PATH = path.join(ROOT, 'scripts/conformance/reference-passes.txt');
export const EMULATOR_README = path.join(ROOT, 'emulator/README.md');
export const RESULTS_ROOT = path.join(ROOT, 'test-results/conformance');

export function suiteSource(): string {
  return path.resolve(ROOT, process.env.OCI_CONFORMANCE_SRC || '../shared/oci-conformance');
}

// Outside the source tree (the vendored suite is shared and read-only) and outside git.
const BINARY = path.join(ROOT, 'node_modules/.cache/oci-conformance/conformance');

/** Builds the suite once (build.sh skips the build when the binary is newer than the source). */
export async function buildSuite(log: (line: string) => void = console.log): Promise<string> {
  const src = suiteSource();
  const script = path.join(src, 'build.sh');
  if (!existsSync(script)) {
    throw new Error(
      `the OCI conformance suite was not found at ${src} (no build.sh); set OCI_CONFORMANCE_SRC to its folder`,
    );
  }
  if (!existsSync(BINARY)) log(`Building the conformance suite from ${src} (about 20 s)…`);
  const { code, output } = await exec('bash', [script, BINARY], {});
  const built = output.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !existsSync(built)) {
    throw new Error(`building the conformance suite failed (exit ${code}):\n${output.trim()}`);
  }
  return built;
}

export interface SuiteTarget {
  /** host:port, plain HTTP on loopback. */
  registry: string;
  username: string;
  password: string;
  repo1: string;
  repo2: string;
}

export interface SuiteRun {
  results: CheckResult[];
  resultsDir: string;
  /** The suite's own console output (its summary table), also in <resultsDir>/suite.log. */
  output: string;
}

// Only these of the caller's OCI_* variables reach the suite: a stray OCI_DATA_* in a
// developer's shell must not change the profile behind the runner's back.
const PASS_THROUGH = ['OCI_FILTER_TEST', 'OCI_LOG'];

export async function runSuite(
  binary: string,
  target: SuiteTarget,
  profile: Record<string, string>,
  resultsDir: string,
  timeoutMs = 15 * 60_000,
): Promise<SuiteRun> {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (!k.startsWith('OCI_') || PASS_THROUGH.includes(k))) env[k] = v;
  }
  Object.assign(env, profile, {
    OCI_REGISTRY: target.registry,
    OCI_TLS: 'disabled',
    OCI_USERNAME: target.username,
    OCI_PASSWORD: target.password,
    OCI_REPO1: target.repo1,
    OCI_REPO2: target.repo2,
    OCI_RESULTS_DIR: resultsDir,
  });
  // The suite reads ./oci-conformance.yaml when present: it runs in the fresh results
  // directory, so the profile and the target are its whole configuration.
  const { output } = await exec(binary, [], env, {
    cwd: resultsDir,
    timeoutMs,
    logFile: path.join(resultsDir, 'suite.log'),
  });
  const junit = path.join(resultsDir, 'junit.xml');
  if (!existsSync(junit)) {
    throw new Error(`the conformance suite wrote no junit.xml; its output:\n${tail(output, 40)}`);
  }
  return { results: parseJunit(readFileSync(junit, 'utf8')), resultsDir, output };
}

const tail = (text: string, n: number) => text.trim().split('\n').slice(-n).join('\n');

function exec(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; timeoutMs?: number; logFile?: string } = {},
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? ROOT,
      env: Object.keys(env).length ? env : process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = opts.logFile ? createWriteStream(opts.logFile) : null;
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      log?.write(chunk);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`${cmd} did not finish within ${opts.timeoutMs! / 1000} s`));
        }, opts.timeoutMs)
      : null;
    child.once('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      log?.end();
      resolve({ code, output });
    });
  });
}
