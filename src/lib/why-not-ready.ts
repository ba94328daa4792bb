// "Why is this not ready?" in one sentence: Sandbox boots one linux/amd64 image, so an index
// (including a single-platform Buildx push wrapped in one by its default provenance/SBOM
// attestations), an image for another platform, and an attestation never become `ready`.
// Shared by the tag page and the Recent pushes notification, so both say the same thing.

export type NotReadyCase = 'index' | 'unoptimized' | 'attestation';

export interface NotReadySubject {
  kind: string;
  status: string | null;
  platform?: string | undefined;
  arch?: string | undefined;
}

export function notReadyCase(tag: Pick<NotReadySubject, 'kind' | 'status'>): NotReadyCase | null {
  if (tag.kind === 'index') return 'index';
  if (tag.kind === 'attestation') return 'attestation';
  if (tag.status === 'unoptimized') return 'unoptimized';
  return null;
}

/**
 * The sentence for a tag Sandbox can never use, or null when it can. `wrapped`: an index
 * holding one platform image plus attestations (a Buildx default).
 */
export function whyNotReadySentence(tag: NotReadySubject, wrapped = false): string | null {
  const which = notReadyCase(tag);
  if (!which) return null;
  const platform = tag.platform && tag.arch ? `${tag.platform}/${tag.arch}` : 'another platform';
  if (which === 'index' && wrapped)
    return 'This tag is a single-platform image wrapped in an index by Buildx’s default provenance and SBOM attestations, and Vercel Sandbox only runs a plain linux/amd64 manifest: push it again without them.';
  if (which === 'index')
    return 'This tag is a multi-platform index, and Vercel Sandbox only runs a single linux/amd64 image: push one without Buildx’s default provenance and SBOM attestations (which wrap even a single platform in an index).';
  if (which === 'unoptimized')
    return `This image is built for ${platform}, not linux/amd64, so Vercel Sandbox cannot use it: rebuild it with --platform linux/amd64.`;
  return 'This tag points at an attestation (build provenance or an SBOM), which describes an image but is not one, so nothing can run from it: push the image itself.';
}
