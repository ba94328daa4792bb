// The runner's verdict: green only when every failed check is a documented VCR refusal AND
// every documented refusal is still observed. A refusal that no longer fails (the emulator
// now accepts what VCR refuses, or the row names a check that no longer exists) is as much
// a defect as an unexpected failure: the README would be stating something untrue.
import { checkLabel, type CheckResult } from './junit';
import { refusalMatches, type Refusal } from './refusals';

export interface Verdict {
  ok: boolean;
  /** Failed checks that no refusal covers. */
  unexpected: CheckResult[];
  /** Failed checks that a refusal covers. */
  expected: CheckResult[];
  /** Refusals whose checks ran and passed, none failing. */
  nowPassing: Refusal[];
  /** Refusals that matched no check that ran (a typo, or a check the suite no longer has). */
  unmatched: Refusal[];
  /** Checks the reference registry passes that were skipped or never run here, unrefused. */
  notRun: { check: string; status: 'skipped' | 'absent' }[];
}

export function judge(
  results: CheckResult[],
  refusals: Refusal[],
  referencePasses: string[] = [],
): Verdict {
  const unexpected: CheckResult[] = [];
  const expected: CheckResult[] = [];
  for (const r of results) {
    if (r.status !== 'failed') continue;
    (refusals.some((f) => refusalMatches(f, r.name)) ? expected : unexpected).push(r);
  }
  const nowPassing: Refusal[] = [];
  const unmatched: Refusal[] = [];
  for (const f of refusals) {
    const ran = results.filter((r) => r.status !== 'skipped' && refusalMatches(f, r.name));
    if (ran.length === 0) unmatched.push(f);
    else if (ran.every((r) => r.status === 'passed')) nowPassing.push(f);
  }
  // A failed one is already an unexpected failure; only skips and absences are added here.
  const byLabel = new Map(results.map((r) => [checkLabel(r), r]));
  const notRun: Verdict['notRun'] = [];
  for (const label of referencePasses) {
    const r = byLabel.get(label);
    if (r && r.status !== 'skipped') continue;
    const name = label.replace(/ \(#\d+\)$/, '');
    if (refusals.some((f) => refusalMatches(f, name))) continue;
    notRun.push({ check: label, status: r ? 'skipped' : 'absent' });
  }
  return {
    ok:
      unexpected.length === 0 &&
      nowPassing.length === 0 &&
      unmatched.length === 0 &&
      notRun.length === 0,
    unexpected,
    expected,
    nowPassing,
    unmatched,
    notRun,
  };
}
