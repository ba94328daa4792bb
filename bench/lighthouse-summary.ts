// Reading Lighthouse reports (LHR JSON) into the figures the bench prints and the budgets it
// enforces: the median of each score and metric over the runs.

export const LIGHTHOUSE_BUDGET = {
  /** Category scores, 0–100, that the median must reach. */
  performance: 95,
  accessibility: 100,
  bestPractices: 100,
} as const;

export interface RunFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
}

/** The parts of a Lighthouse report the bench reads. */
export interface LighthouseReport {
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, { numericValue?: number } | undefined>;
}

export function median(values: readonly number[]): number {
  if (!values.length) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function score(report: LighthouseReport, category: string): number {
  const s = report.categories[category]?.score;
  if (s === null || s === undefined) throw new Error(`the report has no ${category} score`);
  return Math.round(s * 100);
}

function metric(report: LighthouseReport, audit: string): number {
  const v = report.audits[audit]?.numericValue;
  if (v === undefined) throw new Error(`the report has no ${audit} value`);
  return v;
}

export function figuresOf(report: LighthouseReport): RunFigures {
  if (report.runtimeError) {
    throw new Error(`Lighthouse: ${report.runtimeError.code}: ${report.runtimeError.message}`);
  }
  return {
    performance: score(report, 'performance'),
    accessibility: score(report, 'accessibility'),
    bestPractices: score(report, 'best-practices'),
    fcpMs: metric(report, 'first-contentful-paint'),
    lcpMs: metric(report, 'largest-contentful-paint'),
    tbtMs: metric(report, 'total-blocking-time'),
    cls: metric(report, 'cumulative-layout-shift'),
    speedIndexMs: metric(report, 'speed-index'),
  };
}

/** Median of every figure over the runs. */
export function medianFigures(runs: readonly RunFigures[]): RunFigures {
  const keys = Object.keys(runs[0] ?? {}) as (keyof RunFigures)[];
  if (!keys.length) throw new Error('no Lighthouse run to summarise');
  return Object.fromEntries(
    keys.map((k) => [k, median(runs.map((r) => r[k]))]),
  ) as unknown as RunFigures;
}

/** What misses the budget, in words; empty when everything is within it. */
export function budgetFailures(m: RunFigures): string[] {
  const out: string[] = [];
  for (const key of ['performance', 'accessibility', 'bestPractices'] as const) {
    if (m[key] < LIGHTHOUSE_BUDGET[key])
      out.push(`median ${key} ${m[key]} is under the budget of ${LIGHTHOUSE_BUDGET[key]}`);
  }
  return out;
}
