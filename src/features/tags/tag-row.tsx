// One row of the virtualized tag table. Fixed height, so the virtualizer never measures.
import { memo } from 'react';
import { Link } from 'react-router-dom';
import type { Scope } from '../../api/scope';
import { CopyButton } from '../../components/copy-button';
import { KindLabel } from '../../components/kind-label';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { cn } from '../../lib/cn';
import { formatBytes, formatExactBytes, shortDigest } from '../../lib/format';
import { tagPath } from '../scope/paths';
import type { TagRow } from './tag-list-logic';
import type { TagPrefetch } from './use-tag-prefetch';

export const TAG_ROW_HEIGHT = 48;

export interface TagRowProps {
  index: number;
  row: TagRow;
  scope: Scope;
  repo: string;
  active: boolean;
  justReady: boolean;
  onFocusRow: (index: number) => void;
  prefetch: TagPrefetch;
}

export const TagRowView = memo(function TagRowView({
  index,
  row,
  scope,
  repo,
  active,
  justReady,
  onFocusRow,
  prefetch,
}: TagRowProps) {
  const { tag } = row;
  return (
    <tr
      data-index={index}
      data-tag={tag.tag}
      aria-rowindex={index + 2}
      style={{ height: TAG_ROW_HEIGHT }}
      className={cn(
        'border-t border-border hover:bg-muted/60',
        active && 'bg-muted/40',
        justReady && 'bg-success/60',
      )}
      onMouseEnter={() => prefetch.schedule(tag)}
      onMouseLeave={prefetch.cancel}
    >
      <td className="truncate px-3">
        <Link
          to={tagPath(scope, repo, tag.tag)}
          data-row-link
          tabIndex={active ? 0 : -1}
          onFocus={() => {
            onFocusRow(index);
            prefetch.schedule(tag);
          }}
          onClick={() => prefetch.seed(tag)}
          className="font-medium underline-offset-2 hover:underline"
          title={tag.tag}
        >
          {tag.tag}
        </Link>
        {row.pinned ? (
          <span className="ml-2 rounded border border-border px-1.5 py-0.5 text-xs text-muted-fg">
            pinned
          </span>
        ) : null}
        {justReady ? (
          <span
            className="ml-2 rounded bg-success px-1.5 py-0.5 text-xs font-medium text-success-fg"
            data-testid="just-ready"
          >
            now ready
          </span>
        ) : null}
      </td>
      <td className="px-3">
        <StatusBadge status={tag.status} kind={tag.kind} platform={tag.platform} arch={tag.arch} />
      </td>
      <td className="px-3">
        <KindLabel kind={tag.kind} />
      </td>
      <td className="truncate px-3 font-mono text-xs">
        {tag.platform && tag.arch ? (
          `${tag.platform}/${tag.arch}`
        ) : (
          <span className="text-muted-fg" title="All platforms of the index">
            all
          </span>
        )}
      </td>
      <td className="px-3 text-right tabular-nums" title={formatExactBytes(tag.sizeInBytes)}>
        {formatBytes(tag.sizeInBytes)}
      </td>
      <td className="px-3">
        <span className="inline-flex items-center gap-1">
          <code className="font-mono text-xs" title={tag.manifestDigest}>
            {shortDigest(tag.manifestDigest)}
          </code>
          <CopyButton
            value={tag.manifestDigest}
            label={`Copy digest of ${tag.tag}`}
            className="[&_[role=status]]:sr-only"
          />
        </span>
      </td>
      <td className="truncate px-3 text-muted-fg">
        <RelativeTime value={tag.updatedAt} />
      </td>
    </tr>
  );
});
