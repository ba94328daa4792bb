// Reads the suite's junit.xml: one <testcase name=… status=…> per check. The suite writes
// a flat, machine-made file, so attribute-level parsing is enough and no XML dependency is
// needed. Names repeat (e.g. blob-delete runs several times in one branch): each occurrence
// is its own result, and `occurrence` tells them apart.
export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  /** The check's path without the suite's root, e.g. `image/push/blob-post-only`. */
  name: string;
  /** 1 for the first check with this name, 2 for the second… */
  occurrence: number;
  status: CheckStatus;
  /** The suite's explanation of a failure or a skip (its system-out), first line only. */
  message: string;
}

/** A check as printed and compared: its path, plus `(#n)` from its second occurrence on. */
export const checkLabel = (r: Pick<CheckResult, 'name' | 'occurrence'>) =>
  r.occurrence > 1 ? `${r.name} (#${r.occurrence})` : r.name;

export const SUITE_ROOT = 'OCI Conformance Test/';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ent: string) => {
    if (ent.startsWith('#x')) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    if (ent.startsWith('#')) return String.fromCodePoint(parseInt(ent.slice(1), 10));
    return ENTITIES[ent] ?? whole;
  });
}

export function checkName(raw: string): string {
  return raw.startsWith(SUITE_ROOT) ? raw.slice(SUITE_ROOT.length) : raw;
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decodeXml(m[1]!) : undefined;
}

export function parseJunit(xml: string): CheckResult[] {
  if (!/<testsuites?[\s>]/.test(xml)) throw new Error('not a junit report (no <testsuite>)');
  const seen = new Map<string, number>();
  const results: CheckResult[] = [];
  const caseRe = /<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const m of xml.matchAll(caseRe)) {
    const tag = m[1]!;
    const body = m[3] ?? '';
    const rawName = attr(tag, 'name');
    if (rawName === undefined) continue;
    const name = checkName(rawName);
    const status = toStatus(attr(tag, 'status'), body);
    const occurrence = (seen.get(name) ?? 0) + 1;
    seen.set(name, occurrence);
    const out = /<system-out>([\s\S]*?)<\/system-out>/.exec(body);
    const failure = /<(?:failure|error)\b[^>]*\smessage="([^"]*)"/.exec(body);
    const message = decodeXml(out?.[1] ?? failure?.[1] ?? '')
      .split('\n')
      .find((l) => l.trim() !== '');
    results.push({ name, occurrence, status, message: status === 'passed' ? '' : (message ?? '') });
  }
  return results;
}

function toStatus(status: string | undefined, body: string): CheckStatus {
  // The suite writes status="passed|skipped|failure|error"; other junit writers only nest
  // <failure>/<error>/<skipped>, so both are read.
  if (status === 'failure' || status === 'error' || /<(failure|error)\b/.test(body)) {
    return 'failed';
  }
  if (status === 'skipped' || status === 'disabled' || /<skipped\b/.test(body)) return 'skipped';
  return 'passed';
}

export interface Summary {
  passed: number;
  failed: number;
  skipped: number;
}

export function summarize(results: CheckResult[]): Summary {
  const s: Summary = { passed: 0, failed: 0, skipped: 0 };
  for (const r of results) s[r.status]++;
  return s;
}
