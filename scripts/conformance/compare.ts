// Where the emulator answers differently from the reference registry (distribution 2.8) on
// the same profile, check by check. A check is keyed by its path and occurrence, since the
// suite repeats names (blob-delete runs several times in one branch).
import { checkLabel, type CheckResult, type CheckStatus } from './junit';
import { refusalMatches, type Refusal } from './refusals';

export interface Difference {
  check: string;
  reference: CheckStatus;
  emulator: CheckStatus | 'absent';
  /** The documented VCR refusal that explains it, if any. */
  refusal?: string;
}

export interface Comparison {
  /** The reference passes, the emulator fails or skips (a skip is not a pass). */
  stricter: Difference[];
  /** The reference fails or skips, the emulator passes. */
  looser: Difference[];
  /** Both fail, or both skip, or one fails where the other skips: no pass on either side. */
  otherwise: Difference[];
  /** Stricter checks that no refusal explains: what "does better than the reference" forbids. */
  unexplained: Difference[];
}

const keyOf = (r: CheckResult) => checkLabel(r);

export function compare(
  reference: CheckResult[],
  emulator: CheckResult[],
  refusals: Refusal[],
): Comparison {
  const mine = new Map(emulator.map((r) => [keyOf(r), r]));
  const out: Comparison = { stricter: [], looser: [], otherwise: [], unexplained: [] };
  const seen = new Set<string>();
  for (const ref of reference) {
    const key = keyOf(ref);
    seen.add(key);
    const emu = mine.get(key);
    const status = emu?.status ?? 'absent';
    // Skipped on one side, not run at all on the other: neither answered, nothing to compare.
    if (status === ref.status || (ref.status === 'skipped' && status === 'absent')) continue;
    const refusal = refusals.find((f) => refusalMatches(f, ref.name))?.check;
    const diff: Difference = {
      check: key,
      reference: ref.status,
      emulator: status,
      ...(refusal ? { refusal } : {}),
    };
    if (ref.status === 'passed') {
      out.stricter.push(diff);
      if (!refusal) out.unexplained.push(diff);
    } else if (status === 'passed') out.looser.push(diff);
    else out.otherwise.push(diff);
  }
  for (const emu of emulator) {
    const key = keyOf(emu);
    if (seen.has(key)) continue;
    // A check only the emulator ran (the suite took another path on the reference).
    if (emu.status === 'passed')
      out.looser.push({ check: key, reference: 'skipped', emulator: 'passed' });
  }
  return out;
}
