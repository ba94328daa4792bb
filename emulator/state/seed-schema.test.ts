// A seed that breaks the contract is refused, and the message names the field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from './demo-seed';
import { loadSeed } from './load-seed';
import { validateSeed } from './seed-schema';
import { fixtureSeed } from '../test-support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;

/** The fixture seed with one change applied, validated; returns the error message. */
function refusal(mutate: (seed: AnyJson) => void): string {
  const seed = fixtureSeed() as AnyJson;
  mutate(seed);
  try {
    validateSeed(seed);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the seed was accepted');
}

const webTag = (seed: AnyJson, i: number) => seed.projects[0].repositories[0].tags[i];

describe('validateSeed', () => {
  it('accepts the e2e fixture and the demo seed', () => {
    expect(validateSeed(fixtureSeed()).projects).toHaveLength(3);
    expect(() => validateSeed(buildDemoSeed())).not.toThrow();
  });

  it.each<[string, (s: AnyJson) => void, string]>([
    [
      'a bad digest',
      (s) => (s.projects[0].repositories[1].tags[3].manifestDigest = 'sha256:abc'),
      'VCR_SEED: projects[0].repositories[1].tags[3].manifestDigest: must be sha256:<64 hex>',
    ],
    [
      'an unknown kind',
      (s) => (webTag(s, 0).kind = 'manifesto'),
      'VCR_SEED: projects[0].repositories[0].tags[0].kind: must be one of index, manifest, attestation (got "manifesto")',
    ],
    [
      'an unknown status',
      (s) => (webTag(s, 0).status = 'done'),
      'VCR_SEED: projects[0].repositories[0].tags[0].status: must be one of preparing, ready, unoptimized or null (got "done")',
    ],
    [
      'a bad image id',
      (s) => (webTag(s, 1).imageId = 'img-1'),
      'VCR_SEED: projects[0].repositories[0].tags[1].imageId: must look like image_<alphanumerics>',
    ],
    [
      'a bad repository name',
      (s) => (s.projects[0].repositories[2].name = 'Empty Repo'),
      'VCR_SEED: projects[0].repositories[2].name: must match',
    ],
    [
      'a bad tag name',
      (s) => (webTag(s, 2).tag = '-arm'),
      'VCR_SEED: projects[0].repositories[0].tags[2].tag: must match',
    ],
    [
      'a duplicate tag',
      (s) => (webTag(s, 2).tag = 'latest'),
      'VCR_SEED: projects[0].repositories[0].tags[2].tag: duplicate tag "latest"',
    ],
    [
      'a token for an unknown team',
      (s) => s.tokens[1].teamIds.push('team_ghost'),
      'VCR_SEED: tokens[1].teamIds[1]: unknown team "team_ghost" (not in teams)',
    ],
    [
      'a project in an unknown team',
      (s) => (s.projects[1].teamId = 'team_ghost'),
      'VCR_SEED: projects[1].teamId: unknown team "team_ghost" (not in teams)',
    ],
    [
      'a missing required field',
      (s) => delete webTag(s, 0).sizeInBytes,
      'VCR_SEED: projects[0].repositories[0].tags[0].sizeInBytes: Invalid input',
    ],
    [
      'a field of the wrong type',
      (s) => (webTag(s, 0).sizeInBytes = '38MB'),
      'VCR_SEED: projects[0].repositories[0].tags[0].sizeInBytes: Invalid input',
    ],
    [
      'an unknown field (a typo)',
      (s) => (webTag(s, 0).pushed_by = 'x'),
      'VCR_SEED: projects[0].repositories[0].tags[0]: unknown field "pushed_by"',
    ],
    [
      'prepareSeconds on a ready tag',
      (s) => (webTag(s, 0).prepareSeconds = 10),
      'VCR_SEED: projects[0].repositories[0].tags[0].prepareSeconds: only a tag with status "preparing"',
    ],
    [
      'an index with an arch',
      (s) => (webTag(s, 3).arch = 'amd64'),
      'VCR_SEED: projects[0].repositories[0].tags[3].platform: an index has no platform or arch',
    ],
    [
      '"ready" on arm64',
      (s) => (webTag(s, 2).status = 'ready'),
      'VCR_SEED: projects[0].repositories[0].tags[2].status: "ready" is only for linux/amd64',
    ],
    [
      'updatedAt before createdAt',
      (s) => (webTag(s, 0).updatedAt = '2025-01-01T00:00:00.000Z'),
      'VCR_SEED: projects[0].repositories[0].tags[0].updatedAt: must not be before createdAt',
    ],
    [
      'a timestamp that is not ISO 8601',
      (s) => (webTag(s, 0).createdAt = 'yesterday'),
      'VCR_SEED: projects[0].repositories[0].tags[0].createdAt: must be an ISO 8601 timestamp',
    ],
    [
      'two tags of one image that disagree',
      (s) => (s.projects[0].repositories[1].tags[0].sizeInBytes = 1),
      'VCR_SEED: projects[0].repositories[1].tags[',
    ],
    [
      'a team slug that is not a slug',
      (s) => (s.teams[0].slug = 'Acme Inc'),
      'VCR_SEED: teams[0].slug: must be a lowercase slug',
    ],
    ['no tokens', (s) => (s.tokens = []), 'VCR_SEED: tokens: needs at least one token'],
  ])('refuses %s, naming the field', (_, mutate, expected) => {
    expect(refusal(mutate)).toContain(expected);
  });

  it('counts further problems without listing them all', () => {
    const message = refusal((s) => {
      webTag(s, 0).kind = 'x';
      webTag(s, 1).kind = 'y';
    });
    expect(message).toMatch(/tags\[0\]\.kind: .*\(and 1 more problem\)$/);
  });
});

describe('loadSeed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seed-test-'));
  it('names an unreadable file and a file that is not JSON', () => {
    expect(() => loadSeed(path.join(dir, 'missing.json'))).toThrow(
      /^VCR_SEED: cannot read .*missing\.json \(ENOENT\)/,
    );
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ "tokens": [ }');
    expect(() => loadSeed(bad)).toThrow(/^VCR_SEED: .*bad\.json is not valid JSON/);
  });
  it('uses the demo seed when no path is given', () => {
    expect(loadSeed(undefined).label).toBe('demo seed');
  });
});
