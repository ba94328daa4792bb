// The tag's facts as a description list. The skeleton is the same list with placeholders of
// the same height in each value, so nothing moves when the data arrives.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Tag } from '../../api/schemas';
import { scopeSearch, type Scope } from '../../api/scope';
import { CopyButton } from '../../components/copy-button';
import { KindLabel } from '../../components/kind-label';
import { RelativeTime } from '../../components/relative-time';
import { Skeleton } from '../../components/skeleton';
import { unoptimizedReason } from '../../components/status-badge';
import { formatBytes, formatExactBytes, formatExactBytesPlain } from '../../lib/format';
import { useReaderFormat } from '../../lib/use-reader-format';
import { pullByDigest, pullByTag } from '../../lib/pull-commands';
import type { ScopeNames } from '../../lib/use-scope-names';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-1 border-b border-border py-2.5 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-fg">{label}</dt>
      <dd className="flex min-h-7 min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        {children}
      </dd>
    </div>
  );
}

export const ROW_LABELS = [
  'Kind',
  'Platform',
  'Size',
  'Digest',
  'Image ID',
  'Pushed by',
  'Created',
  'Updated',
] as const;

function platformText(tag: Tag): string | null {
  if (tag.platform && tag.arch) return `${tag.platform}/${tag.arch}`;
  return tag.platform ?? tag.arch ?? null;
}

export function TagFacts({ tag, repo, scope }: { tag: Tag; repo: string; scope: Scope }) {
  const platform = platformText(tag);
  // Server HTML (and its hydration) counts bytes in plain en-US, the reader's locale after.
  const intl = useReaderFormat();
  const exactSize = intl
    ? formatExactBytes(tag.sizeInBytes)
    : formatExactBytesPlain(tag.sizeInBytes);
  return (
    <dl data-testid="tag-facts">
      <Row label="Kind">
        <KindLabel kind={tag.kind} />
      </Row>
      <Row label="Platform">
        {platform ? (
          <span className="font-mono">{platform}</span>
        ) : tag.kind === 'index' ? (
          <span className="text-muted-fg">All platforms of the index</span>
        ) : (
          <span className="text-muted-fg">Not platform-specific</span>
        )}
        {tag.status === 'unoptimized' ? (
          <span className="text-warning-fg">{unoptimizedReason(tag.platform, tag.arch)}</span>
        ) : null}
      </Row>
      <Row label="Size">
        <span title={exactSize} data-testid="tag-size">
          {formatBytes(tag.sizeInBytes)}
          <span className="sr-only"> ({exactSize})</span>
        </span>
        <span className="text-muted-fg">stored (compressed) size</span>
      </Row>
      <Row label="Digest">
        <code className="min-w-0 break-all font-mono text-xs" data-testid="tag-digest">
          {tag.manifestDigest}
        </code>
        <CopyButton value={tag.manifestDigest} label="Copy digest" />
      </Row>
      <Row label="Image ID">
        <Link
          to={`/repositories/${encodeURIComponent(repo)}/images/${encodeURIComponent(tag.imageId)}${scopeSearch(scope)}`}
          className="font-mono text-xs underline underline-offset-2"
        >
          {tag.imageId}
        </Link>
      </Row>
      <Row label="Pushed by">
        {tag.pushedBy ? (
          <span>{tag.pushedBy}</span>
        ) : (
          <span className="text-muted-fg">Not recorded</span>
        )}
      </Row>
      <Row label="Created">
        <RelativeTime value={tag.createdAt} />
      </Row>
      <Row label="Updated">
        <RelativeTime value={tag.updatedAt} />
      </Row>
    </dl>
  );
}

export function TagFactsSkeleton() {
  return (
    <dl data-testid="tag-facts-skeleton">
      {ROW_LABELS.map((label) => (
        <Row key={label} label={label}>
          <Skeleton className="h-4 w-48 max-w-full" />
        </Row>
      ))}
    </dl>
  );
}

function Command({ label, command }: { label: string; command: string | null }) {
  return (
    <div className="flex min-h-9 items-center gap-2">
      <pre className="min-w-0 flex-1 overflow-x-auto rounded-md border border-border bg-surface px-3 py-2 text-xs">
        {command === null ? (
          <Skeleton className="h-4 w-3/4" />
        ) : (
          <code className="font-mono">{command}</code>
        )}
      </pre>
      {command === null ? (
        <Skeleton className="h-7 w-16" />
      ) : (
        <CopyButton value={command} label={label} />
      )}
    </div>
  );
}

export function PullCommands({
  tag,
  repo,
  names,
}: {
  tag: Tag | undefined;
  repo: string;
  names: ScopeNames | null;
}) {
  const ready = tag && names && !names.pending;
  const parts = names ? { team: names.team, project: names.project, repo } : null;
  return (
    <section aria-labelledby="pull-title" className="space-y-2">
      <h2 id="pull-title" className="text-base font-semibold">
        Pull
      </h2>
      <Command
        label="Copy pull command by tag"
        command={ready && parts ? pullByTag(parts, tag.tag) : null}
      />
      <Command
        label="Copy pull command by digest"
        command={ready && parts ? pullByDigest(parts, tag.manifestDigest) : null}
      />
      <p className="min-h-5 text-xs text-muted-fg">
        {ready && names.fallback
          ? 'The team slug or project name could not be looked up, so ids stand in for them.'
          : 'The digest form always pulls exactly this image, even after the tag moves.'}
      </p>
    </section>
  );
}
