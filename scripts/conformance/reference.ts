// The checks the reference registry (distribution 2.8) passes with profile.env, one per
// line, written by `npm run bench:conformance -- --write-reference`. The runner holds the
// emulator to them without needing docker-registry in CI: each must pass on the emulator,
// or be a documented refusal. That closes the gap a skip leaves: the suite skips a check
// whose setup the registry answered as "unsupported", and a skip is not a pass.
import { checkLabel, type CheckResult } from './junit';

export function formatReference(results: CheckResult[], registry: string): string {
  // Sorted: the suite runs some branches concurrently, so its report's order varies by run.
  const passes = results
    .filter((r) => r.status === 'passed')
    .map(checkLabel)
    .sort();
  return [
    `# Checks ${registry} passes with scripts/conformance/profile.env (${passes.length}).`,
    '# Written by `npm run bench:conformance -- --write-reference`; do not edit by hand.',
    ...passes,
    '',
  ].join('\n');
}

export function parseReference(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}
