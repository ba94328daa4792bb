// The image's `vhs` field: the optimized drive Vercel Sandbox boots from. Present once a
// linux/amd64 image has been converted; when absent, say why rather than leave a blank.
import type { ImageDetail } from '../../api/schemas';
import { CopyButton } from '../../components/copy-button';

function whyNot(image: ImageDetail): string {
  if (image.kind === 'index') {
    return 'Not optimized: an index has no drive of its own; its linux/amd64 image may have one.';
  }
  if (image.kind === 'attestation') return 'Not optimized: an attestation is not an image.';
  if (image.status === 'preparing') return 'Being optimized for Sandbox…';
  if (image.platform !== 'linux' || image.arch !== 'amd64') {
    return 'Not optimized: only linux/amd64 images are converted for Sandbox.';
  }
  return 'No optimized drive recorded for this image.';
}

export function SandboxDrive({ image }: { image: ImageDetail }) {
  if (!image.vhs) return <span className="text-muted-fg">{whyNot(image)}</span>;
  return (
    <span className="flex flex-col gap-1">
      <span className="inline-flex w-fit items-center rounded-full bg-success px-2 py-0.5 text-xs font-medium text-success-fg">
        Optimized for Sandbox
      </span>
      <span className="flex flex-wrap items-center gap-2">
        <code className="break-all font-mono text-xs">{image.vhs.digest}</code>
        <CopyButton value={image.vhs.digest} label="Copy Sandbox drive digest" />
      </span>
      <span className="break-all text-xs text-muted-fg">
        Path <code className="font-mono">{image.vhs.path}</code>
      </span>
    </span>
  );
}
