// An index's `manifests` in a seed: refused with the field's path when a child is not an
// image of the repository, claims the wrong platform or size, or an index or child digest
// is not sealed (the sha256 of the bytes the registry would serve).
import { describe, expect, it } from 'vitest';
import { validateSeed } from './seed-schema';
import { fixtureSeed } from '../test-support';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyJson = any;
const AT = 'projects[0].repositories[3]';

function refusal(mutate: (platforms: AnyJson, seed: AnyJson) => void): string {
  const seed = fixtureSeed() as AnyJson;
  mutate(seed.projects[0].repositories[3], seed);
  try {
    validateSeed(seed);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the seed was accepted');
}

describe('seed: index manifests', () => {
  it('accepts the fixture (a sealed Buildx index and a wrapped single push)', () => {
    const repo = validateSeed(fixtureSeed()).projects[0]!.repositories![3]!;
    expect(repo.name).toBe('platforms');
    expect(repo.tags[0]!.manifests).toHaveLength(4);
  });

  it.each<[string, (p: AnyJson, s: AnyJson) => void, string]>([
    [
      'a digest of no image of the repository',
      (p) => (p.tags[0].manifests[0].digest = `sha256:${'1'.repeat(64)}`),
      `${AT}.tags[0].manifests[0].digest: must be the manifestDigest of an image of this repository`,
    ],
    [
      'a digest from another repository',
      (p, s) =>
        (p.tags[0].manifests[0].digest = s.projects[0].repositories[0].tags[0].manifestDigest),
      `${AT}.tags[0].manifests[0].digest: must be the manifestDigest of an image of this repository`,
    ],
    [
      'a platform the child does not have',
      (p) => (p.tags[0].manifests[0].platform = 'linux/arm64'),
      `${AT}.tags[0].manifests[0].platform: must start with linux/amd64`,
    ],
    [
      'a malformed platform',
      (p) => (p.tags[0].manifests[0].platform = 'linux'),
      `${AT}.tags[0].manifests[0].platform: must be os/arch or os/arch/variant`,
    ],
    [
      'a wrong size',
      (p) => (p.tags[0].manifests[1].sizeInBytes = 1),
      `${AT}.tags[0].manifests[1].sizeInBytes: must be 50331648`,
    ],
    [
      'an attestation of nothing in the index',
      (p) => (p.tags[0].manifests[2].attestationOf = `sha256:${'2'.repeat(64)}`),
      `${AT}.tags[0].manifests[2].attestationOf: must be the digest of a platform image listed in this index`,
    ],
    [
      'an attestation without attestationOf',
      (p) => delete p.tags[0].manifests[2].attestationOf,
      `${AT}.tags[0].manifests[2].attestationOf: an attestation`,
    ],
    [
      'manifests on a manifest tag',
      (p, s) => (s.projects[0].repositories[0].tags[0].manifests = p.tags[0].manifests),
      'projects[0].repositories[0].tags[0].manifests: only a tag of kind "index" has manifests',
    ],
    [
      'an unsealed index digest',
      (p) => (p.tags[0].manifestDigest = `sha256:${'3'.repeat(64)}`),
      `${AT}.tags[0].manifestDigest: must be sha256:`,
    ],
    [
      'a child whose size changed, so its digest is no longer sealed',
      (p) => {
        p.untaggedImages[0].sizeInBytes += 1;
        p.tags[0].manifests[0].sizeInBytes += 1;
      },
      `${AT}.tags[0].manifests[0].digest: ${AT}.untaggedImages[0].manifestDigest must be sha256:`,
    ],
    [
      'an unknown field',
      (p) => (p.tags[0].manifests[0].size = 3),
      `${AT}.tags[0].manifests[0]: unknown field "size"`,
    ],
  ])('refuses %s', (_name, mutate, expected) => {
    expect(refusal(mutate)).toContain(`VCR_SEED: ${expected}`);
  });
});
