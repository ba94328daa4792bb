// The checks the emulator fails on purpose, because VCR itself refuses that input, are
// listed in ONE place: the `### Conformance refusals` table of emulator/README.md (columns
// Check | VCR rule | Where VCR documents it). The runner reads that table so the README
// and the verdict can never disagree. A Check is a suite check path (`image/push/…`, the
// suite's root `OCI Conformance Test/` may be left out) in which `*` stands for any text,
// e.g. `image-uncompressed/*` (a whole branch) or `*/blob-delete` (one step in every branch).
export interface Refusal {
  check: string;
  rule: string;
  source: string;
  /** 1-based line in the README, for messages. */
  line: number;
}

export class RefusalsError extends Error {}

export const REFUSALS_HEADING = '### Conformance refusals';
const COLUMNS = ['check', 'vcr rule', 'where vcr documents it'];

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((c) => c.trim());
}

const stripCode = (s: string) => s.replace(/^`(.*)`$/, '$1').trim();

export function parseRefusals(markdown: string, label = 'emulator/README.md'): Refusal[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === REFUSALS_HEADING);
  if (start < 0) throw new RefusalsError(`${label}: no "${REFUSALS_HEADING}" section`);
  let i = start + 1;
  while (i < lines.length && !lines[i]!.trim().startsWith('|')) {
    if (/^#{1,3}\s/.test(lines[i]!)) break;
    i++;
  }
  if (i >= lines.length || !lines[i]!.trim().startsWith('|')) {
    throw new RefusalsError(`${label}: "${REFUSALS_HEADING}" has no table`);
  }
  const header = cells(lines[i]!).map((c) => c.toLowerCase());
  if (header.join('|') !== COLUMNS.join('|')) {
    throw new RefusalsError(
      `${label}:${i + 1}: the refusals table needs the columns Check | VCR rule | Where VCR documents it`,
    );
  }
  if (!/^\|?\s*:?-{3,}/.test(lines[i + 1]?.trim() ?? '')) {
    throw new RefusalsError(`${label}:${i + 2}: the refusals table has no |---| line`);
  }
  const refusals: Refusal[] = [];
  const seen = new Set<string>();
  for (let n = i + 2; n < lines.length && lines[n]!.trim().startsWith('|'); n++) {
    const row = cells(lines[n]!);
    const where = `${label}:${n + 1}`;
    if (row.length !== 3) throw new RefusalsError(`${where}: a refusal row needs 3 cells`);
    const [check, rule, source] = row.map(stripCode) as [string, string, string];
    if (!check || !rule || !source) {
      throw new RefusalsError(`${where}: Check, VCR rule and Where VCR documents it are required`);
    }
    const name = check.startsWith('OCI Conformance Test/')
      ? check.slice('OCI Conformance Test/'.length)
      : check;
    if (/^\*+$/.test(name)) throw new RefusalsError(`${where}: "${name}" would refuse every check`);
    if (seen.has(name)) throw new RefusalsError(`${where}: ${name} is listed twice`);
    seen.add(name);
    refusals.push({ check: name, rule, source, line: n + 1 });
  }
  return refusals;
}

const patterns = new Map<string, RegExp>();

export function refusalMatches(refusal: Pick<Refusal, 'check'>, name: string): boolean {
  if (!refusal.check.includes('*')) return name === refusal.check;
  let re = patterns.get(refusal.check);
  if (!re) {
    const escaped = refusal.check
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    re = new RegExp(`^${escaped.join('.*')}$`);
    patterns.set(refusal.check, re);
  }
  return re.test(name);
}
