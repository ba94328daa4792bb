// `POST /__emulator/push` with `kind: "index"` and `platforms`: a Buildx-style multi-platform
// push. Each platform becomes an untagged child image in `preparing` (turning `ready` for
// linux/amd64 and `unoptimized` for the rest, as any push), and the index lists them, so the
// registry serves its children and the REST API answers each child by digest. The index's
// digest is sealed over its children, like the seed's.
import { sealIndex, type ImageRecipe } from './manifests';
import type { ImageRecord, IndexChild } from './records';
import type { EmulatorState, PushInput, PushResult } from './state';

// A name no real tag can have (a tag may not start with "."), used for a moment only.
const SCRATCH_TAG = '.index-child';

export function pushIndexWithChildren(
  state: EmulatorState,
  input: PushInput,
  platforms: string[],
): PushResult {
  const children: ImageRecord[] = [];
  for (const p of platforms) {
    const [os, arch] = p.split('/') as [string, string];
    const pushed = state.push({
      ...input,
      kind: 'manifest',
      tag: SCRATCH_TAG,
      platform: os,
      arch,
      ...(input.sizeInBytes !== undefined
        ? { sizeInBytes: Math.round(input.sizeInBytes / platforms.length) }
        : {}),
    });
    const repo = state.repositoriesById.get(pushed.repository.id)!;
    // The child stays as an untagged image, as Buildx leaves it.
    repo.tags.delete(SCRATCH_TAG);
    children.push(repo.images.get(pushed.tag.imageId)!);
  }
  const result = state.push({ ...input, kind: 'index' });
  const repo = state.repositoriesById.get(result.repository.id)!;
  const index = repo.images.get(result.tag.imageId)!;
  const manifests: IndexChild[] = children.map((c) => ({
    digest: c.manifestDigest,
    platform: `${c.platform}/${c.arch}`,
    sizeInBytes: c.sizeInBytes,
  }));
  const byDigest = new Map(children.map((c) => [c.manifestDigest, c]));
  index.manifests = manifests;
  index.sizeInBytes = children.reduce((n, c) => n + c.sizeInBytes, 0);
  index.manifestDigest = sealIndex(
    manifests,
    (d) => byDigest.get(d) as ImageRecipe | undefined,
    repo.name,
  );
  repo.version++;
  return { ...result, tag: state.tagView(repo, repo.tags.get(input.tag)!) };
}
