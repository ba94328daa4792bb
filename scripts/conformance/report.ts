// How a verdict is printed. Kept apart from run.ts so its shape is unit-tested. It never
// prints "N passed, N failed": CI reads that shape from `npm test` and must not pick up ours.
import type { CheckResult, Summary } from './junit';
import type { Verdict } from './verdict';

export const checkLabel = (r: Pick<CheckResult, 'name' | 'occurrence'>) =>
  r.occurrence > 1 ? `${r.name} (#${r.occurrence})` : r.name;

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
    lines.push('', 'Documented refusals that matched no check that ran (a typo, or a check gone):');
    for (const f of verdict.unmatched) lines.push(`  ? ${f.check} (README line ${f.line})`);
  }
  lines.push(
    '',
    verdict.ok
      ? `OK: every check passes or is a documented VCR refusal.`
      : `NOT CONFORMANT: ${verdict.unexpected.length} undocumented failures, ${verdict.nowPassing.length} refusals now passing, ${verdict.unmatched.length} refusals unmatched.`,
  );
  return lines;
}
