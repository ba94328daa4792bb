import { describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatExactBytes,
  formatExactTime,
  formatRelative,
  formatRelativePlain,
  formatExactBytesPlain,
  formatExactTimePlain,
  relativeRefreshMs,
  shortDigest,
} from './format';

describe('formatBytes (the official CLI digits, IEC units, with a space)', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [2097152, '2 MiB'],
    [38693274, '36.9 MiB'],
    [1073741824, '1 GiB'],
    [5.5 * 1024 ** 3, '5.5 GiB'],
    [2 * 1024 ** 4, '2 TiB'],
  ])('%d → %s', (n, expected) => {
    expect(formatBytes(n)).toBe(expected);
  });

  it('rounds to one decimal and drops a trailing .0 only', () => {
    expect(formatBytes(1024 * 1.04)).toBe('1 KiB');
    expect(formatBytes(1024 * 1.06)).toBe('1.1 KiB');
  });

  it('refuses nonsense without throwing', () => {
    expect(formatBytes(Number.NaN)).toBe('–');
    expect(formatBytes(-1)).toBe('–');
  });
});

describe('formatExactBytes', () => {
  it('groups digits with Intl', () => {
    expect(formatExactBytes(38693274, 'en-US')).toBe('38,693,274 bytes');
    expect(formatExactBytes(1, 'en-US')).toBe('1 byte');
    expect(formatExactBytes(38693274, 'de-DE')).toBe('38.693.274 bytes');
  });
});

describe('shortDigest', () => {
  it('keeps the first 12 hex characters without the algorithm', () => {
    expect(shortDigest(`sha256:${'ab12'.repeat(16)}`)).toBe('ab12ab12ab12');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-27T12:00:00Z');
  it.each([
    ['2026-11-27T11:59:58Z', 'now'],
    ['2026-11-27T11:59:30Z', '30 seconds ago'],
    ['2026-11-27T11:55:00Z', '5 minutes ago'],
    ['2026-11-27T09:00:00Z', '3 hours ago'],
    ['2026-11-26T12:00:00Z', 'yesterday'],
    ['2026-11-21T12:00:00Z', '6 days ago'],
    ['2026-09-27T12:00:00Z', '2 months ago'],
    ['2024-11-27T12:00:00Z', '2 years ago'],
    ['2026-11-27T14:00:00Z', 'in 2 hours'],
  ])('%s → %s', (iso, expected) => {
    expect(formatRelative(iso, now, 'en')).toBe(expected);
  });

  it('says so for an unreadable date', () => {
    expect(formatRelative('not a date', now)).toBe('unknown time');
  });

  it('refreshes fast only while counting seconds', () => {
    expect(relativeRefreshMs(now - 5000, now)).toBe(1000);
    expect(relativeRefreshMs(now - 5 * 60_000, now)).toBe(15_000);
    expect(relativeRefreshMs(now - 5 * 3600_000, now)).toBe(60_000);
  });
});

describe('formatExactTime', () => {
  it('includes date, time and zone', () => {
    const s = formatExactTime('2026-11-27T12:34:56Z', 'en-US');
    expect(s).toContain('2026');
    expect(s).toMatch(/\d{1,2}:34:56/);
  });
});

describe('primeNextFormatter', () => {
  it('creates each default-locale formatter once, one per call, and they are then reused', async () => {
    vi.resetModules();
    const fresh = await import('./format');
    const counts = { NumberFormat: 0, DateTimeFormat: 0, RelativeTimeFormat: 0 };
    for (const name of Object.keys(counts) as (keyof typeof counts)[]) {
      const Real = Intl[name];
      // A function, not an arrow: the code under test calls it with `new`.
      vi.spyOn(Intl, name).mockImplementation(function (...args: never[]) {
        counts[name]++;
        return Reflect.construct(Real, args);
      } as never);
    }
    try {
      const seen: number[] = [];
      while (fresh.primeNextFormatter()) {
        seen.push(counts.NumberFormat + counts.DateTimeFormat + counts.RelativeTimeFormat);
      }
      // One new formatter per call, three calls, then nothing left.
      expect(seen).toEqual([1, 2, 3]);
      expect(counts).toEqual({ NumberFormat: 1, DateTimeFormat: 1, RelativeTimeFormat: 1 });
      expect(fresh.primeNextFormatter()).toBe(false);
      // The render then uses the primed ones: no new formatter.
      fresh.formatExactBytes(38693274);
      fresh.formatExactTime('2026-01-01T00:00:00Z');
      fresh.formatRelative(Date.now() - 60_000);
      expect(counts).toEqual({ NumberFormat: 1, DateTimeFormat: 1, RelativeTimeFormat: 1 });
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('the plain en-US/UTC forms (server rendering and hydration, no Intl)', () => {
  // What Intl itself says in en-US and UTC; a narrow no-break space before AM/PM (newer ICU)
  // counts as a space.
  const intlTime = (v: number) => formatExactTime(v, 'en-US', 'UTC').replace(/\u202f/g, ' ');

  it('match Intl for byte counts', () => {
    for (const n of [0, 1, 2, 512, 999, 1000, 1842, 38693274, 5368709120]) {
      expect(formatExactBytesPlain(n)).toBe(formatExactBytes(n, 'en-US'));
    }
    expect(formatExactBytesPlain(-1)).toBe('unknown size');
  });

  it('match Intl for exact times, midnight and noon included', () => {
    for (const iso of [
      '2026-01-05T08:12:00.000Z',
      '2026-11-26T15:30:11.799Z',
      '2026-11-26T00:05:01Z',
      '2026-11-26T12:05:01Z',
      '2025-12-31T23:59:59Z',
    ]) {
      const t = Date.parse(iso);
      expect(formatExactTimePlain(t), iso).toBe(intlTime(t));
    }
    expect(formatExactTimePlain('nope')).toBe('unknown time');
  });

  it('match Intl for relative times in every unit, both directions', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    const S = 1000;
    const M = 60 * S;
    const H = 60 * M;
    const D = 24 * H;
    for (const delta of [
      0,
      5 * S,
      15 * S,
      59 * S,
      M,
      5 * M,
      H,
      3 * H,
      D,
      2 * D,
      29 * D,
      30 * D,
      60 * D,
      330 * D,
      365 * D,
      3 * 365 * D,
    ]) {
      for (const sign of [-1, 1]) {
        const at = now + sign * delta;
        expect(formatRelativePlain(at, now), `${sign * delta}`).toBe(
          formatRelative(at, now, 'en-US'),
        );
      }
    }
  });
});
