// The registry's bytes: OCI manifests, indexes and config blobs rendered deterministically
// from an image's record, so a seed always produces the same bytes and the same digests.
//
// Digests. A registry addresses a manifest by the sha256 of its exact bytes, and clients
// check it: skopeo or docker fetching `…@sha256:X` refuse bytes that do not hash to X. The
// seed, however, states each image's `manifestDigest` (the REST API shows it). No bytes can
// be made to hash to a digest chosen in advance, so the choice is the other way round: the
// bytes are rendered from the image's fields (never from its digest), and a seed is
// "sealed" when its digests ARE the sha256 of those bytes. The seed builders (demo seed,
// e2e seed) call `sealImage`/`sealIndex` below, and the seed check refuses an index with
// `manifests` (or one of its children) whose digest is not sealed, naming the digest it
// should be. An unsealed digest elsewhere (a hand-written seed, a control-route push) is
// still served by tag and by that digest, but Docker-Content-Digest always states the
// sha256 of the bytes actually sent, so a verifying client notices rather than being lied to.
import { createHash } from 'node:crypto';
import { prng, sha256Hex } from './ids';
import { generateLayers } from './layers';
import type { ImageRecord, IndexChild } from './records';

export type { IndexChild } from './records';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const IN_TOTO = 'application/vnd.in-toto+json';

/** The fields a single-platform or attestation manifest is rendered from. */
export interface ImageRecipe {
  id: string;
  kind: string;
  platform?: string;
  arch?: string;
  sizeInBytes: number;
}

export interface Rendered {
  mediaType: string;
  bytes: Buffer;
  digest: string;
}

export const sha256Digest = (bytes: Buffer | string) =>
  `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function rendered(mediaType: string, value: unknown): Rendered {
  // Compact JSON with a fixed key order: the same input always gives the same bytes.
  const bytes = Buffer.from(JSON.stringify(value));
  return { mediaType, bytes, digest: sha256Digest(bytes) };
}

/** The config blob: what `skopeo inspect` (not raw) reads for os/architecture. */
export function renderConfig(recipe: ImageRecipe, layerDigests: string[]): Rendered {
  const attestation = recipe.kind === 'attestation';
  return rendered(OCI_CONFIG, {
    architecture: attestation ? 'unknown' : (recipe.arch ?? 'amd64'),
    os: attestation ? 'unknown' : (recipe.platform ?? 'linux'),
    config: attestation
      ? {}
      : { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] },
    rootfs: {
      type: 'layers',
      diff_ids: layerDigests.map((d) => `sha256:${sha256Hex(`diff/${d}`)}`),
    },
  });
}

/** Layer descriptors: the size-bearing layers of the REST image detail, keyed on the image id. */
function layerDescriptors(recipe: ImageRecipe, repositoryName: string) {
  // generateLayers keys its digests on manifestDigest, which here is the output, not an
  // input; the image id stands in so the bytes never depend on the digest they produce.
  const record = { ...recipe, manifestDigest: recipe.id } as unknown as ImageRecord;
  const layers = generateLayers(record, repositoryName).filter(
    (l) => l.digest !== null && (l.sizeBytes ?? 0) > 0,
  );
  if (recipe.kind === 'attestation') {
    return layers.map((l) => ({
      mediaType: IN_TOTO,
      digest: l.digest!,
      size: l.sizeBytes!,
      annotations: { 'in-toto.io/predicate-type': 'https://slsa.dev/provenance/v0.2' },
    }));
  }
  if (layers.length === 0) {
    // A tiny image still has one layer (scratch + a binary).
    const r = prng(recipe.id);
    return [
      {
        mediaType: OCI_LAYER_GZIP,
        digest: `sha256:${sha256Hex(`${recipe.id}/layer/${Math.floor(r() * 1e9)}`)}`,
        size: Math.max(1, recipe.sizeInBytes - 200),
      },
    ];
  }
  return layers.map((l) => ({ mediaType: OCI_LAYER_GZIP, digest: l.digest!, size: l.sizeBytes! }));
}

/** A single-platform image manifest (or a Buildx attestation manifest) and its config. */
export function renderImage(
  recipe: ImageRecipe,
  repositoryName: string,
): { manifest: Rendered; config: Rendered } {
  const layers = layerDescriptors(recipe, repositoryName);
  const config = renderConfig(
    recipe,
    layers.map((l) => l.digest),
  );
  const manifest = rendered(OCI_MANIFEST, {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: { mediaType: OCI_CONFIG, digest: config.digest, size: config.bytes.length },
    layers,
  });
  return { manifest, config };
}

export function parsePlatform(platform: string): {
  os: string;
  architecture: string;
  variant?: string;
} {
  const [os = '', architecture = '', variant] = platform.split('/');
  return { os, architecture, ...(variant ? { variant } : {}) };
}

/**
 * An OCI image index as Buildx writes it: one descriptor per platform image, then one per
 * attestation manifest with platform unknown/unknown and the `vnd.docker.reference.*`
 * annotations naming the image it describes. `sizeOf` gives each child manifest's byte
 * length (the descriptor's `size` is the manifest's own size, not the image's).
 */
export function renderIndex(children: IndexChild[], sizeOf: (digest: string) => number): Rendered {
  return rendered(OCI_INDEX, {
    schemaVersion: 2,
    mediaType: OCI_INDEX,
    manifests: children.map((c) => ({
      mediaType: OCI_MANIFEST,
      digest: c.digest,
      size: sizeOf(c.digest),
      ...(c.attestationOf
        ? {
            annotations: {
              'vnd.docker.reference.digest': c.attestationOf,
              'vnd.docker.reference.type': 'attestation-manifest',
            },
          }
        : {}),
      platform: parsePlatform(c.platform),
    })),
  });
}

/** The digest a seed must give a single-platform or attestation image (see the top comment). */
export function sealImage(recipe: ImageRecipe, repositoryName: string): string {
  return renderImage(recipe, repositoryName).manifest.digest;
}

/**
 * The digest a seed must give an index over `children`, whose recipes are looked up by digest.
 */
export function sealIndex(
  children: IndexChild[],
  recipeOf: (digest: string) => ImageRecipe | undefined,
  repositoryName: string,
): string {
  return renderIndex(children, (digest) => {
    const recipe = recipeOf(digest);
    return recipe ? renderImage(recipe, repositoryName).manifest.bytes.length : 0;
  }).digest;
}
