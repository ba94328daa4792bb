// `npm run bench:conformance`: the OCI conformance suite, same binary and same profile
// (scripts/conformance/profile.env), against Debian's docker-registry (distribution 2.8, the
// reference registry) and the standalone emulator in one run. Prints both summaries side by
// side and every check where they differ: stricter (the reference passes, the emulator does
// not: a documented VCR refusal, or a gap) and looser (the emulator passes what the
// reference fails). Writes bench/results/conformance.json. Exits non-zero when the emulator
// misses a check the reference passes that no refusal explains (a skip is not a pass).
// `--write-reference` also rewrites scripts/conformance/reference-passes.txt from this run.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare } from '../scripts/conformance/compare';
import { summarize, type CheckResult } from '../scripts/conformance/junit';
import { readProfile } from '../scripts/conformance/profile';
import { formatReference } from '../scripts/conformance/reference';
import { parseRefusals } from '../scripts/conformance/refusals';
import { formatComparison, sideBySide } from '../scripts/conformance/report';
import {
  buildSuite,
  EMULATOR_README,
  PROFILE_PATH,
  REFERENCE_PATH,
  RESULTS_ROOT,
  ROOT,
  runSuite,
  SEED_PATH,
} from '../scripts/conformance/suite';
import {
  hostOf,
  seedTarget,
  startDistribution,
  startEmulator,
  type RunningTarget,
} from '../scripts/conformance/targets';

export interface BenchResult {
  name: string;
  ok: boolean;
  figures: Record<string, number | string>;
  failures: string[];
}

async function runAgainst(
  start: () => Promise<RunningTarget>,
  creds: { username: string; password: string; repo1: string; repo2: string },
  binary: string,
  profile: Record<string, string>,
  dir: string,
): Promise<{ results: CheckResult[]; ms: number }> {
  const server = await start();
  try {
    const t0 = performance.now();
    const run = await runSuite(binary, { ...creds, registry: hostOf(server.url) }, profile, dir);
    return { results: run.results, ms: Math.round(performance.now() - t0) };
  } finally {
    await server.stop();
  }
}

/** `writeReference`: also rewrite scripts/conformance/reference-passes.txt, the list of
 * checks the reference passes that `npm run test:conformance` holds the emulator to. */
export async function run({ writeReference = false } = {}): Promise<BenchResult> {
  const profile = readProfile(PROFILE_PATH);
  const refusals = parseRefusals(readFileSync(EMULATOR_README, 'utf8'));
  const binary = await buildSuite();
  const dir = path.join(RESULTS_ROOT, 'bench');
  // The reference has no auth: the suite only sends credentials when challenged.
  const reference = await runAgainst(
    () => startDistribution(),
    { username: '', password: '', repo1: 'conformance/repo1', repo2: 'conformance/repo2' },
    binary,
    profile,
    path.join(dir, 'distribution'),
  );
  const emulator = await runAgainst(
    () => startEmulator(SEED_PATH),
    seedTarget(SEED_PATH),
    binary,
    profile,
    path.join(dir, 'emulator'),
  );
  if (writeReference) {
    writeFileSync(REFERENCE_PATH, formatReference(reference.results, 'distribution 2.8'));
    console.log(`Wrote ${path.relative(ROOT, REFERENCE_PATH)}`);
  }
  const refSummary = summarize(reference.results);
  const emuSummary = summarize(emulator.results);
  const comparison = compare(reference.results, emulator.results, refusals);
  console.log('OCI conformance, same suite and profile on both:');
  for (const line of sideBySide(refSummary, emuSummary)) console.log(line);
  for (const line of formatComparison(comparison)) console.log(line);
  const result: BenchResult = {
    name: 'conformance',
    ok: comparison.unexplained.length === 0,
    figures: {
      'distribution 2.8 pass/fail/skip': `${refSummary.passed}/${refSummary.failed}/${refSummary.skipped}`,
      'emulator pass/fail/skip': `${emuSummary.passed}/${emuSummary.failed}/${emuSummary.skipped}`,
      'stricter (of which refusals)': `${comparison.stricter.length} (${comparison.stricter.length - comparison.unexplained.length})`,
      looser: comparison.looser.length,
      'suite time distribution/emulator (ms)': `${reference.ms}/${emulator.ms}`,
    },
    failures: comparison.unexplained.map(
      (d) => `${d.check}: the reference passes, the emulator ${d.emulator} (no VCR refusal)`,
    ),
  };
  mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(
    path.join(ROOT, 'bench/results/conformance.json'),
    `${JSON.stringify({ ...result, comparison, at: new Date().toISOString() }, null, 2)}\n`,
  );
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--write-reference');
  if (unknown.length) {
    console.error(`bench:conformance: unknown argument ${unknown[0]} (only --write-reference)`);
    process.exit(2);
  }
  run({ writeReference: args.includes('--write-reference') }).then(
    (result) => {
      console.log('');
      for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k}: ${v}`);
      if (result.failures.length) {
        console.error(
          `\n  ✗ ${result.failures.length} checks the reference passes fail or skip on the emulator with no documented refusal`,
        );
      } else
        console.log(
          '  ✓ the emulator passes every check the reference passes, or refuses it as VCR does',
        );
      process.exit(result.ok ? 0 : 1);
    },
    (err: unknown) => {
      console.error(`bench:conformance: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
