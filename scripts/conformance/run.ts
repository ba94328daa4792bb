// `npm run test:conformance [-- --target=emulator|dashboard]`: the OCI distribution-spec
// conformance suite against the emulator's registry (default: the standalone emulator;
// `dashboard`: the same registry at the dashboard server's /v2/), with the profile in
// profile.env and the seed in seed.json. Exits 0 only when every failed check is a refusal
// listed in emulator/README.md and every listed refusal still fails; 1 otherwise; 2 when it
// could not run at all. Results: test-results/conformance/<target>/ (junit.xml, report.html).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { summarize } from './junit';
import { readProfile } from './profile';
import { parseReference } from './reference';
import { parseRefusals } from './refusals';
import { formatVerdict } from './report';
import {
  buildSuite,
  EMULATOR_README,
  PROFILE_PATH,
  REFERENCE_PATH,
  RESULTS_ROOT,
  ROOT,
  runSuite,
  SEED_PATH,
} from './suite';
import {
  hostOf,
  parseTarget,
  seedTarget,
  startDashboard,
  startEmulator,
  type RunningTarget,
  type TargetName,
} from './targets';
import { judge } from './verdict';

const TARGETS: Record<TargetName, { label: string; start: typeof startEmulator }> = {
  emulator: { label: 'standalone emulator', start: startEmulator },
  dashboard: { label: "dashboard server's /v2/ (emulator mode)", start: startDashboard },
};

async function main(): Promise<number> {
  const target = parseTarget(process.argv.slice(2));
  // Inputs first: a broken profile or refusals table fails in a second, not after the suite.
  const profile = readProfile(PROFILE_PATH);
  const refusals = parseRefusals(readFileSync(EMULATOR_README, 'utf8'));
  const referencePasses = existsSync(REFERENCE_PATH)
    ? parseReference(readFileSync(REFERENCE_PATH, 'utf8'))
    : [];
  const creds = seedTarget(SEED_PATH);
  const binary = await buildSuite();
  const { label, start } = TARGETS[target];
  let server: RunningTarget | undefined;
  try {
    server = await start(SEED_PATH);
    const rel = (p: string) => path.relative(ROOT, p);
    console.log(
      `OCI conformance: ${label} at ${server.url}, profile ${rel(PROFILE_PATH)}, ${refusals.length} refusals from ${rel(EMULATOR_README)}`,
    );
    const run = await runSuite(
      binary,
      { ...creds, registry: hostOf(server.url) },
      profile,
      path.join(RESULTS_ROOT, target),
    );
    const summary = summarize(run.results);
    const verdict = judge(run.results, refusals, referencePasses);
    writeFileSync(
      path.join(run.resultsDir, 'verdict.json'),
      JSON.stringify({ target, summary, ...verdict }, null, 2),
    );
    for (const line of formatVerdict(label, summary, verdict)) console.log(line);
    console.log(`Details: ${rel(run.resultsDir)}/report.html (every request and answer)`);
    return verdict.ok ? 0 : 1;
  } finally {
    await server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`test:conformance: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
