import { describe, expect, it } from 'vitest';
import {
  formatDecimalGb,
  formatUsd,
  monthlyCostUsd,
  pushesPerDay,
  storageTotals,
  uniqueImages,
  usageLevel,
} from './storage-math';

const img = (
  id: string,
  sizeInBytes: number,
  tags: string[],
  createdAt = '2026-11-20T10:00:00Z',
) => ({
  id,
  manifestDigest: `sha256:${id.padEnd(64, '0')}`,
  sizeInBytes,
  tags,
  createdAt,
});

describe('storageTotals', () => {
  it('counts an image once however many tags point at it', () => {
    const shared = img('image_a', 500_000_000, ['latest', 'v1', 'v1.0', 'stable']);
    const totals = storageTotals([shared, img('image_b', 250_000_000, ['v0'])]);
    expect(totals).toEqual({
      images: 2,
      untaggedImages: 0,
      tags: 5,
      bytes: 750_000_000,
      untaggedBytes: 0,
    });
  });

  it('counts untagged images, which are stored until deleted', () => {
    const totals = storageTotals([img('image_a', 100, ['latest']), img('image_old', 40, [])]);
    expect(totals).toEqual({
      images: 2,
      untaggedImages: 1,
      tags: 1,
      bytes: 140,
      untaggedBytes: 40,
    });
  });

  it('counts an image listed twice (pages that overlap while pushes happen) once', () => {
    const a = img('image_a', 100, ['latest']);
    expect(uniqueImages([a, { ...a }, img('image_b', 1, [])])).toHaveLength(2);
    expect(storageTotals([a, { ...a }]).bytes).toBe(100);
    // Without an id, the digest tells them apart.
    const noId = { ...img('x', 7, []), id: '' };
    expect(storageTotals([noId, { ...noId }]).images).toBe(1);
  });

  it('counts an index and its platform images each with its own listed size', () => {
    const totals = storageTotals([
      img('image_index', 1_200, ['latest']),
      img('image_amd64', 30_000_000, []),
      img('image_arm64', 29_000_000, []),
    ]);
    expect(totals.bytes).toBe(59_001_200);
    expect(totals.untaggedImages).toBe(2);
  });

  it('is all zeros for an empty repository', () => {
    expect(storageTotals([])).toEqual({
      images: 0,
      untaggedImages: 0,
      tags: 0,
      bytes: 0,
      untaggedBytes: 0,
    });
  });
});

describe('cost', () => {
  it('is $0.10 per decimal GB a month', () => {
    expect(monthlyCostUsd(1e9)).toBeCloseTo(0.1, 10);
    expect(monthlyCostUsd(2 ** 30)).toBeCloseTo(0.107374, 6);
    expect(monthlyCostUsd(-5)).toBe(0);
  });

  it('rounds to cents, and never shows a real cost as $0.00', () => {
    expect(formatUsd(monthlyCostUsd(123_456_789_012), 'en-US')).toBe('$12.35');
    expect(formatUsd(monthlyCostUsd(44_999_999), 'en-US')).toBe('< $0.01');
    expect(formatUsd(monthlyCostUsd(50_000_000), 'en-US')).toBe('$0.01');
    expect(formatUsd(0, 'en-US')).toBe('$0.00');
    expect(formatUsd(1234.5, 'de-DE')).toBe('1.234,50\u00a0$');
  });

  it('shows the cost line size in the same decimal GB as the price', () => {
    expect(formatDecimalGb(1_234_567_890, 'en-US')).toBe('1.23 GB');
    expect(formatDecimalGb(12_345_678, 'en-US')).toBe('0.012 GB');
  });
});

describe('pushesPerDay', () => {
  const NOW = Date.parse('2026-11-28T10:00:00Z');

  it('buckets images by UTC day over the last 30 days, oldest first', () => {
    const days = pushesPerDay(
      [
        { createdAt: '2026-11-28T00:00:00Z' }, // today, first instant
        { createdAt: '2026-11-28T09:59:00Z' },
        { createdAt: '2026-11-27T23:59:59.999Z' }, // yesterday, last instant
        { createdAt: '2026-10-30T00:00:00Z' }, // the first day shown
        { createdAt: '2026-10-29T23:59:59Z' }, // too old
        { createdAt: '2026-11-29T00:00:01Z' }, // clock skew: tomorrow is not shown
        { createdAt: 'not a date' },
      ],
      NOW,
    );
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({
      day: Date.parse('2026-10-30T00:00:00Z'),
      date: '2026-10-30',
      count: 1,
    });
    expect(days[28]).toMatchObject({ date: '2026-11-27', count: 1 });
    expect(days[29]).toMatchObject({ date: '2026-11-28', count: 2 });
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(4);
  });

  it('takes another window length', () => {
    expect(pushesPerDay([], NOW, 7).map((d) => d.date)).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
  });
});

describe('usageLevel', () => {
  it('is near from 80% of a limit and over at the limit', () => {
    expect(usageLevel(39, 50)).toBe('ok');
    expect(usageLevel(40, 50)).toBe('near');
    expect(usageLevel(50, 50)).toBe('over');
    expect(usageLevel(51, 50)).toBe('over');
  });
});
