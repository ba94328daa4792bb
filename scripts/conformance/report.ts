// How a verdict is printed. Kept apart from run.ts so its shape is unit-tested. It never
// prints "N passed, N failed": CI reads that shape from `npm test` and must not pick up ours.
import type { Comparison, Difference } from './compare';
import { checkLabel, type Summary } from './junit';
import type { Verdict } from './verdict';

export function formatSummary(s: Summary): string {
  return `pass ${s.passed} · fail ${s.failed} · skip ${s.skipped}`;
}

export function formatVerdict(target: string, summary: Summary, verdict: Verdict): string[] {
  const lines = [
    `Conformance of the ${target}: ${formatSummary(summary)} (of which ${verdict.expected.length} documented VCR refusals)`,
  ];
  if (verdict.unexpected.length) {
    lines.push('', `Failures that are not documented refusals (${verdict.unexpected.length}):`);
    for (const r of verdict.unexpected) {
      lines.push(`  ✗ ${checkLabel(r)}${r.message ? ` — ${r.message}` : ''}`);
    }
  }
  if (verdict.nowPassing.length) {
    lines.push('', 'Documented refusals that now pass (remove the row, or refuse again):');
    for (const f of verdict.nowPassing) lines.push(`  ! ${f.check} (README line ${f.line})`);
  }
  if (verdict.unmatched.length) {
    lines.push('', 'Documented refusals that matched no check (a typo, or a check gone):');
    for (const f of verdict.unmatched) lines.push(`  ? ${f.check} (README line ${f.line})`);
  }
  if (verdict.notRun.length) {
    lines.push(
      '',
      `Checks the reference registry passes that did not run here (a skip is not a pass) (${verdict.notRun.length}):`,
    );
    for (const c of verdict.notRun) {
      lines.push(`  – ${c.check} (${c.status}${c.message ? `: ${c.message}` : ''})`);
    }
  }
  lines.push(
    '',
    verdict.ok
      ? `OK: every check passes or is a documented VCR refusal.`
      : `NOT CONFORMANT: ${verdict.unexpected.length} undocumented failures, ${verdict.nowPassing.length} refusals now passing, ${verdict.unmatched.length} refusals unmatched, ${verdict.notRun.length} reference passes not run.`,
  );
  return lines;
}

export function sideBySide(reference: Summary, emulator: Summary): string[] {
  const rows: [string, string, string][] = [
    ['', 'distribution 2.8', 'emulator'],
    ['pass', String(reference.passed), String(emulator.passed)],
    ['fail', String(reference.failed), String(emulator.failed)],
    ['skip', String(reference.skipped), String(emulator.skipped)],
  ];
  return rows.map(([a, b, c]) => `  ${a.padEnd(6)}${b.padStart(18)}${c.padStart(10)}`);
}

const describeDiff = (d: Difference) =>
  `  ${d.check}: reference ${d.reference}, emulator ${d.emulator}${d.refusal ? ` (VCR refusal ${d.refusal})` : ''}`;

export function formatComparison(c: Comparison): string[] {
  const lines: string[] = [];
  const section = (title: string, diffs: Difference[]) => {
    if (!diffs.length) return;
    lines.push('', `${title} (${diffs.length}):`, ...diffs.map(describeDiff));
  };
  section('Stricter than the reference (it passes, the emulator does not)', c.stricter);
  section('Looser than the reference (the emulator passes, it does not)', c.looser);
  section('Neither passes, but they differ', c.otherwise);
  if (!c.stricter.length && !c.looser.length && !c.otherwise.length) {
    lines.push('', 'Every check has the same outcome on both.');
  }
  return lines;
}
