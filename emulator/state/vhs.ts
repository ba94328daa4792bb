// The `vhs` field of an image (vcr-api.md, "Added since 2026-08"): the optimized drive that
// Vercel Sandbox boots from. VCR only converts linux/amd64 images, and the field appears once
// the conversion finished, i.e. when the status turns `ready`; while `preparing` (or for an
// index, attestation or `unoptimized` image) it is omitted, never null, like the API's other
// optional fields. Derived from the manifest digest so the same image always has the same one.
import { sha256Hex } from './ids';
import type { ImageRecord } from './records';

export interface VhsView {
  digest: string;
  path: string;
}

export function vhsOf(image: ImageRecord): VhsView | undefined {
  if (image.status !== 'ready' || image.platform !== 'linux' || image.arch !== 'amd64') {
    return undefined;
  }
  const hex = sha256Hex(`${image.manifestDigest}/vhs`);
  return { digest: `sha256:${hex}`, path: `vhs/${image.repositoryId}/sha256/${hex}` };
}
