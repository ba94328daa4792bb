// The seed check for an index's `manifests` (seed-schema.ts calls it once per repository):
// every child is an image of the same repository with the platform it claims, attestation
// manifests name a sibling they describe, and the index and its children carry sealed
// digests (manifests.ts explains why a registry client needs that).
import { DIGEST_RE } from '../../src/api/schemas';
import { sealImage, sealIndex, type ImageRecipe } from './manifests';
import type { IndexChild } from './records';

const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9]+(?:\/[a-z0-9]+)?$/;

type Fail = (path: string, reason: string) => void;

interface SeedImageFields {
  kind: string;
  platform?: string | undefined;
  arch?: string | undefined;
  sizeInBytes: number;
  manifestDigest: string;
}

/** What this check reads of a seed repository. Structural, so that seed-schema.ts (which
 * calls it) is not imported back. */
export interface CheckedRepository {
  name: string;
  tags: (SeedImageFields & { imageId: string; manifests?: IndexChild[] | undefined })[];
  untaggedImages?: (SeedImageFields & { id: string })[] | undefined;
}

interface Known extends ImageRecipe {
  at: string;
  digest: string;
}

export function checkIndexManifests(repo: CheckedRepository, at: string, fail: Fail): void {
  const byDigest = new Map<string, Known>();
  repo.tags.forEach((t, n) => {
    if (!byDigest.has(t.manifestDigest)) {
      byDigest.set(t.manifestDigest, {
        id: t.imageId,
        kind: t.kind,
        ...(t.platform !== undefined ? { platform: t.platform } : {}),
        ...(t.arch !== undefined ? { arch: t.arch } : {}),
        sizeInBytes: t.sizeInBytes,
        at: `${at}.tags[${n}]`,
        digest: t.manifestDigest,
      });
    }
  });
  (repo.untaggedImages ?? []).forEach((u, n) => {
    if (!byDigest.has(u.manifestDigest)) {
      byDigest.set(u.manifestDigest, {
        id: u.id,
        kind: u.kind,
        ...(u.platform !== undefined ? { platform: u.platform } : {}),
        ...(u.arch !== undefined ? { arch: u.arch } : {}),
        sizeInBytes: u.sizeInBytes,
        at: `${at}.untaggedImages[${n}]`,
        digest: u.manifestDigest,
      });
    }
  });
  const sealedChecked = new Set<string>();

  repo.tags.forEach((t, n) => {
    if (t.manifests === undefined) return;
    const tat = `${at}.tags[${n}]`;
    if (t.kind !== 'index') {
      fail(`${tat}.manifests`, 'only a tag of kind "index" has manifests');
      return;
    }
    let ok = true;
    const digests = new Set<string>();
    t.manifests.forEach((m, k) => {
      const mat = `${tat}.manifests[${k}]`;
      const bad = (field: string, reason: string) => {
        ok = false;
        fail(`${mat}.${field}`, reason);
      };
      if (!DIGEST_RE.test(m.digest)) return bad('digest', 'must be sha256:<64 hex>');
      if (digests.has(m.digest)) return bad('digest', 'listed twice in this index');
      digests.add(m.digest);
      const child = byDigest.get(m.digest);
      if (!child) {
        return bad(
          'digest',
          `must be the manifestDigest of an image of this repository (a tag or an untaggedImages entry)`,
        );
      }
      if (child.kind === 'index') return bad('digest', 'an index inside an index is not supported');
      if (!PLATFORM_RE.test(m.platform)) {
        return bad('platform', 'must be os/arch or os/arch/variant, e.g. linux/arm64/v8');
      }
      if (m.attestationOf !== undefined) {
        if (child.kind !== 'attestation') {
          return bad(
            'attestationOf',
            `only an attestation has attestationOf (${child.at} is a ${child.kind})`,
          );
        }
        if (m.platform !== 'unknown/unknown') {
          return bad('platform', 'an attestation manifest has platform "unknown/unknown"');
        }
        const subject = t.manifests!.find((s) => s.digest === m.attestationOf);
        if (!subject || subject.attestationOf !== undefined) {
          return bad(
            'attestationOf',
            'must be the digest of a platform image listed in this index',
          );
        }
      } else {
        if (child.kind === 'attestation') {
          return bad('attestationOf', `an attestation (${child.at}) needs attestationOf`);
        }
        const [os, arch] = m.platform.split('/');
        if (os !== child.platform || arch !== child.arch) {
          return bad(
            'platform',
            `must start with ${child.platform}/${child.arch}, the platform of ${child.at}`,
          );
        }
      }
      if (m.sizeInBytes !== child.sizeInBytes) {
        return bad('sizeInBytes', `must be ${child.sizeInBytes}, the sizeInBytes of ${child.at}`);
      }
      if (!sealedChecked.has(child.digest)) {
        sealedChecked.add(child.digest);
        const sealed = sealImage(child, repo.name);
        if (sealed !== child.digest) {
          bad(
            'digest',
            `${child.at}.manifestDigest must be ${sealed}, the sha256 of the manifest the registry serves for it (see README, Emulator)`,
          );
        }
      }
    });
    if (!ok) return;
    const sealed = sealIndex(t.manifests, (d) => byDigest.get(d), repo.name);
    if (sealed !== t.manifestDigest) {
      fail(
        `${tat}.manifestDigest`,
        `must be ${sealed}, the sha256 of the index the registry serves for these manifests (see README, Emulator)`,
      );
    }
  });
}
