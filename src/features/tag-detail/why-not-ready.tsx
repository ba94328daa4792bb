// "Why is this not ready?": a tag Vercel Sandbox can never use says why, in one sentence,
// and what to do, as a command to copy. Sandbox boots one linux/amd64 image: an index
// (including a single-platform Buildx push wrapped in one by its default provenance/SBOM
// attestations), an image for another platform, and an attestation never become `ready`.
import type { Tag } from '../../api/schemas';
import { CopyButton } from '../../components/copy-button';
import { Skeleton } from '../../components/skeleton';
import { statusLabel } from '../../components/status-badge';
import { imageReference, type ImageReferenceParts } from '../../lib/pull-commands';
import { notReadyCase, whyNotReadySentence } from '../../lib/why-not-ready';
import type { ChildRow } from './use-index-children';

/** The Buildx command that pushes one linux/amd64 manifest and no attestations. */
export function buildxAmd64Command(parts: ImageReferenceParts, tag: string): string {
  return `docker buildx build --platform linux/amd64 --provenance=false --sbom=false -t ${imageReference(parts)}:${tag} --push .`;
}

function Command({ label, command }: { label: string; command: string }) {
  return (
    <div className="flex items-center gap-2">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded-md border border-border bg-bg px-3 py-2 text-xs">
        <code className="font-mono">{command}</code>
      </pre>
      <CopyButton value={command} label={label} />
    </div>
  );
}

function isAmd64(row: ChildRow): boolean {
  return row.attestationOf === null && /^linux\/amd64(\/|$)/.test(row.platform ?? '');
}

export function WhyNotReady({
  tag,
  parts,
  rows,
  rowsLoading,
}: {
  tag: Tag;
  /** Null while the team slug / project name are looked up. */
  parts: ImageReferenceParts | null;
  /** An index's children (empty for other kinds). */
  rows: ChildRow[];
  rowsLoading: boolean;
}) {
  const which = notReadyCase(tag);
  if (!which) return null;
  const amd64 = rows.find(isAmd64);
  const images = rows.filter((r) => r.attestationOf === null && r.platform !== null);
  const wrapped = images.length === 1 && rows.length > 1;
  const push = parts ? buildxAmd64Command(parts, tag.tag) : null;
  const byDigest = parts && amd64 ? `${imageReference(parts)}@${amd64.digest}` : null;

  return (
    <section
      aria-labelledby="why-title"
      className="space-y-3 rounded-lg border border-warning bg-surface p-4"
      data-testid="why-not-ready"
    >
      <h2 id="why-title" className="text-base font-semibold">
        Why this tag will never be ready
      </h2>
      <p className="text-sm">{whyNotReadySentence(tag, wrapped)}</p>
      {push ? (
        <Command label="Copy the docker buildx command" command={push} />
      ) : (
        <Skeleton className="h-9 w-full" />
      )}
      {which === 'index' ? (
        rowsLoading ? (
          <Skeleton className="h-5 w-2/3" />
        ) : amd64 && byDigest ? (
          <div className="space-y-2">
            <p className="text-sm" data-testid="amd64-child">
              {amd64.image?.status === 'ready' ? (
                <span className="text-success-fg">
                  Its linux/amd64 image is ready: point Sandbox at it by digest instead.
                </span>
              ) : amd64.image?.status === 'preparing' ? (
                'Its linux/amd64 image is still preparing; once ready, Sandbox can use it by digest:'
              ) : (
                `Or point Sandbox at its linux/amd64 image by digest${amd64.image ? ` (${statusLabel(amd64.image.status, amd64.image.kind)})` : ''}:`
              )}
            </p>
            <Command label="Copy the linux/amd64 image reference" command={byDigest} />
          </div>
        ) : rows.length > 0 ? (
          <p className="text-sm text-muted-fg">
            This index has no linux/amd64 image to point Sandbox at.
          </p>
        ) : null
      ) : null}
    </section>
  );
}
