// The bench's check-by-check comparison of the emulator with the reference registry.
import { describe, expect, it } from 'vitest';
import { compare } from './compare';
import type { CheckResult } from './junit';
import type { Refusal } from './refusals';
import { formatComparison, sideBySide } from './report';

const r = (name: string, status: CheckResult['status'], occurrence = 1): CheckResult => ({
  name,
  occurrence,
  status,
  message: '',
});
const refusal: Refusal = {
  check: 'image-uncompressed/*',
  rule: 'Layers must be gzip or zstd',
  source: 'vcr-api.md',
  line: 3,
};

describe('compare', () => {
  const reference = [
    r('ping', 'passed'),
    r('image/push/blob-delete', 'passed'),
    r('image/push/blob-delete', 'passed', 2),
    r('image-uncompressed/push/manifest-put-by-digest', 'passed'),
    r('sha256 blobs/chunked out-of-order/blob-patch-chunked', 'failed'),
    r('image/pull/blob-get-range', 'failed'),
    r('image/delete/tag-delete', 'skipped'),
    r('empty/referrers', 'skipped'),
  ];
  const emulator = [
    r('ping', 'passed'),
    r('image/push/blob-delete', 'passed'),
    r('image/push/blob-delete', 'skipped', 2),
    r('image-uncompressed/push/manifest-put-by-digest', 'failed'),
    r('sha256 blobs/chunked out-of-order/blob-patch-chunked', 'passed'),
    r('image/pull/blob-get-range', 'skipped'),
    r('empty/referrers', 'skipped'),
  ];
  const c = compare(reference, emulator, [refusal]);

  it('calls stricter what the reference passes and the emulator fails or skips, by occurrence', () => {
    expect(c.stricter).toEqual([
      { check: 'image/push/blob-delete (#2)', reference: 'passed', emulator: 'skipped' },
      {
        check: 'image-uncompressed/push/manifest-put-by-digest',
        reference: 'passed',
        emulator: 'failed',
        refusal: 'image-uncompressed/*',
      },
    ]);
  });
  it('only the stricter checks without a refusal are unexplained (a skip is not a pass)', () => {
    expect(c.unexplained.map((d) => d.check)).toEqual(['image/push/blob-delete (#2)']);
  });
  it('calls looser what the emulator passes and the reference does not', () => {
    expect(c.looser).toEqual([
      {
        check: 'sha256 blobs/chunked out-of-order/blob-patch-chunked',
        reference: 'failed',
        emulator: 'passed',
      },
    ]);
  });
  it('keeps other differences apart, and ignores a skip against a check never run', () => {
    expect(c.otherwise).toEqual([
      { check: 'image/pull/blob-get-range', reference: 'failed', emulator: 'skipped' },
    ]);
  });
  it('prints both summaries side by side and each difference with its refusal', () => {
    const table = sideBySide(
      { passed: 333, failed: 6, skipped: 13 },
      { passed: 7, failed: 372, skipped: 78 },
    ).join('\n');
    expect(table).toMatch(/distribution 2\.8\s+emulator/);
    expect(table).toMatch(/pass\s+333\s+7/);
    expect(table).not.toMatch(/\d+ passed, \d+ failed/);
    const text = formatComparison(c).join('\n');
    expect(text).toContain('Stricter than the reference (it passes, the emulator does not) (2):');
    expect(text).toContain(
      'image-uncompressed/push/manifest-put-by-digest: reference passed, emulator failed (VCR refusal image-uncompressed/*)',
    );
    expect(formatComparison(compare(reference, reference, []))).toEqual([
      '',
      'Every check has the same outcome on both.',
    ]);
  });
});
