import { describe, expect, it } from 'vitest';
import {
  budgetFailures,
  figuresOf,
  median,
  medianFigures,
  type LighthouseReport,
} from './lighthouse-summary';

function report(
  perf: number,
  a11y: number,
  bp: number,
  fcp: number,
  tbt: number,
): LighthouseReport {
  return {
    categories: {
      performance: { score: perf },
      accessibility: { score: a11y },
      'best-practices': { score: bp },
    },
    audits: {
      'first-contentful-paint': { numericValue: fcp },
      'largest-contentful-paint': { numericValue: fcp + 400 },
      'total-blocking-time': { numericValue: tbt },
      'cumulative-layout-shift': { numericValue: 0 },
      'speed-index': { numericValue: fcp + 100 },
    },
  };
}

describe('lighthouse summary', () => {
  it('takes the median, odd and even', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('reads scores as 0–100 and metrics in ms, median per figure', () => {
    const m = medianFigures(
      [
        report(0.97, 1, 1, 900, 40),
        report(0.93, 1, 0.96, 1200, 160),
        report(0.95, 1, 1, 1000, 90),
      ].map(figuresOf),
    );
    expect(m).toMatchObject({
      performance: 95,
      accessibility: 100,
      bestPractices: 100,
      fcpMs: 1000,
      lcpMs: 1400,
      tbtMs: 90,
    });
    expect(budgetFailures(m)).toEqual([]);
  });

  it('names every category under budget', () => {
    const m = medianFigures([figuresOf(report(0.94, 0.98, 1, 1000, 100))]);
    expect(budgetFailures(m)).toEqual([
      'median performance 94 is under the budget of 95',
      'median accessibility 98 is under the budget of 100',
    ]);
  });

  it('refuses a report that failed or lacks a score', () => {
    expect(() =>
      figuresOf({ ...report(1, 1, 1, 1, 1), runtimeError: { code: 'NO_FCP', message: 'x' } }),
    ).toThrow(/NO_FCP/);
    const broken = report(1, 1, 1, 1, 1);
    broken.categories.performance = { score: null };
    expect(() => figuresOf(broken)).toThrow(/performance/);
  });
});
