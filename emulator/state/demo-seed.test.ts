// The demo seed really covers what issue 2 promises, so the demo shows every case.
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from './demo-seed';
import { validateSeed } from './seed-schema';

describe('demo seed', () => {
  const seed = validateSeed(buildDemoSeed());
  const repos = seed.projects.flatMap((p) => p.repositories ?? []);
  const tags = repos.flatMap((r) => r.tags);

  it('is deterministic', () => {
    expect(JSON.stringify(buildDemoSeed())).toBe(JSON.stringify(buildDemoSeed()));
  });
  it('has several repositories, one with at least 2,500 tags, and an empty one', () => {
    expect(repos.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...repos.map((r) => r.tags.length))).toBeGreaterThanOrEqual(2_500);
    expect(repos.some((r) => r.tags.length === 0)).toBe(true);
  });
  it('has every kind and every status, amd64 and arm64', () => {
    expect(new Set(tags.map((t) => t.kind))).toEqual(new Set(['index', 'manifest', 'attestation']));
    expect(new Set(tags.map((t) => t.status))).toEqual(
      new Set(['preparing', 'ready', 'unoptimized', null]),
    );
    expect(new Set(tags.map((t) => `${t.platform}/${t.arch}`))).toEqual(
      new Set(['linux/amd64', 'linux/arm64', 'undefined/undefined']),
    );
  });
  it('has tags with and without pushedBy, sizes from bytes to gigabytes', () => {
    expect(tags.some((t) => t.pushedBy)).toBe(true);
    expect(tags.some((t) => !t.pushedBy)).toBe(true);
    const sizes = tags.map((t) => t.sizeInBytes);
    expect(Math.min(...sizes)).toBeLessThan(1_024);
    expect(Math.max(...sizes)).toBeGreaterThan(5 * 1024 ** 3);
  });
  it('has a few tags that turn ready a minute or so after start, and untagged images', () => {
    const timed = tags.filter((t) => t.prepareSeconds !== undefined);
    expect(timed.length).toBeGreaterThanOrEqual(3);
    for (const t of timed) {
      expect(t.status).toBe('preparing');
      expect(t.prepareSeconds).toBeGreaterThanOrEqual(45);
      expect(t.prepareSeconds).toBeLessThanOrEqual(90);
    }
    expect(repos.some((r) => (r.untaggedImages ?? []).length > 0)).toBe(true);
  });
});
