// GET /v2/{team}/{project}/{repo}/manifests/{digest} of the registry (vcr.vercel.com),
// through the dashboard server's `/api/registry` mount: the only place an index lists its
// children (platform images and attestation manifests). The server adds the credential
// (Basic: the team ID and the token) and checks the bytes hash to the digest.
import { queryOptions } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { apiFetch } from './api-fetch';
import { DIGEST_RE } from './schemas';

export const ATTESTATION_REFERENCE_TYPE = 'attestation-manifest';

const descriptorSchema = z.object({
  mediaType: z.optional(z.string()),
  // Only zod functions the main chunk already has: zod is one module of the first-load
  // chunk, so any other function used here would be added to every page's first load.
  digest: z.string().check(z.refine((s) => DIGEST_RE.test(s), 'must be a sha256 digest')),
  size: z.number(),
  platform: z.optional(
    z.object({
      os: z.string(),
      architecture: z.string(),
      variant: z.optional(z.string()),
    }),
  ),
  annotations: z.optional(
    z.object({
      'vnd.docker.reference.type': z.optional(z.string()),
      'vnd.docker.reference.digest': z.optional(z.string()),
    }),
  ),
});

/** An OCI image index or a Docker manifest list: the same shape for what the page needs. */
export const indexManifestSchema = z.object({
  schemaVersion: z.number().check(z.refine((v) => v === 2, 'must be 2')),
  mediaType: z.optional(z.string()),
  manifests: z.array(descriptorSchema),
});
export type IndexManifest = z.infer<typeof indexManifestSchema>;
export type IndexDescriptor = IndexManifest['manifests'][number];

export interface IndexChild {
  digest: string;
  /** `os/arch[/variant]`, or null for an attestation manifest (unknown/unknown). */
  platform: string | null;
  /** For an attestation manifest: the digest of the image it describes. */
  attestationOf: string | null;
}

/** The children as the page shows them: platform images first, then attestations. */
export function indexChildren(index: IndexManifest): IndexChild[] {
  return index.manifests.map((m) => {
    const attestation = m.annotations?.['vnd.docker.reference.type'] === ATTESTATION_REFERENCE_TYPE;
    const p = m.platform;
    const known = p && p.os !== 'unknown' && p.architecture !== 'unknown';
    return {
      digest: m.digest,
      platform:
        known && !attestation
          ? `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`
          : null,
      attestationOf: attestation ? (m.annotations?.['vnd.docker.reference.digest'] ?? null) : null,
    };
  });
}

export interface RegistryName {
  /** The team that owns the project: the registry's Basic username. */
  teamId: string;
  team: string;
  project: string;
  repo: string;
}

export const registryKeys = {
  all: ['registry'] as const,
  manifest: (name: RegistryName, digest: string) =>
    [...registryKeys.all, name.teamId, name.team, name.project, name.repo, digest] as const,
};

export function indexManifestQueryOptions(name: RegistryName, digest: string) {
  return queryOptions({
    queryKey: registryKeys.manifest(name, digest),
    queryFn: ({ signal }) =>
      apiFetch(
        `/registry/v2/${[name.team, name.project, name.repo].map(encodeURIComponent).join('/')}/manifests/${digest}`,
        { schema: indexManifestSchema, query: { teamId: name.teamId }, signal },
      ),
    // Content addressed by digest never changes.
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
}
