// The runner's verdict: green only when every failed check is a documented VCR refusal AND
// every documented refusal is still observed. A refusal that no longer fails (the emulator
// now accepts what VCR refuses, or the row names a check that no longer exists) is as much
// a defect as an unexpected failure: the README would be stating something untrue. A refusal
// is observed as a failure, or as a skip: the suite skips a step whose request the registry
// answered as unsupported (405 to a blob DELETE, 202 to a mount), which is how some refusals
// look from outside.
import { checkLabel, type CheckResult } from './junit';
import { refusalMatches, type Refusal } from './refusals';

export interface Verdict {
  ok: boolean;
  /** Failed checks that no refusal covers. */
  unexpected: CheckResult[];
  /** Failed checks that a refusal covers. */
  expected: CheckResult[];
  /** Refusals whose checks all passed. */
  nowPassing: Refusal[];
  /** Refusals that matched no check in the report (a typo, or a check the suite no longer has). */
  unmatched: Refusal[];
  /** Checks the reference registry passes that were skipped or never run here, unrefused. */
  notRun: { check: string; status: 'skipped' | 'absent'; message: string }[];
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
    const matched = results.filter((r) => refusalMatches(f, r.name));
    if (matched.length === 0) unmatched.push(f);
    else if (matched.every((r) => r.status === 'passed')) nowPassing.push(f);
  }
  // A failed one is already an unexpected failure; only skips and absences are added here.
  const byLabel = new Map(results.map((r) => [checkLabel(r), r]));
  const notRun: Verdict['notRun'] = [];
  for (const label of referencePasses) {
    const r = byLabel.get(label);
    if (r && r.status !== 'skipped') continue;
    const name = label.replace(/ \(#\d+\)$/, '');
    if (refusals.some((f) => refusalMatches(f, name))) continue;
    notRun.push({ check: label, status: r ? 'skipped' : 'absent', message: r?.message ?? '' });
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
