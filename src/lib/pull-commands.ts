// `docker pull` commands as the official CLI prints image references. Kept apart from the
// reference parser (image-reference.ts) so the tag detail deep link does not carry the parser
// in its first-load JS: a module shared with a lazy page lands whole in the main chunk.
export const VCR_HOST = 'vcr.vercel.com';

export interface ImageReferenceParts {
  team: string;
  project: string;
  repo: string;
}

export function imageReference({ team, project, repo }: ImageReferenceParts): string {
  return `${VCR_HOST}/${team}/${project}/${repo}`;
}

export function pullByTag(parts: ImageReferenceParts, tag: string): string {
  return `docker pull ${imageReference(parts)}:${tag}`;
}

export function pullByDigest(parts: ImageReferenceParts, digest: string): string {
  return `docker pull ${imageReference(parts)}@${digest}`;
}
