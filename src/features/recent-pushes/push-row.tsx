// One row of Recent pushes: an image and every tag the window moved onto it; or, for a
// repository that could not be read, what went wrong and when the next attempt is.
import { Link } from 'react-router-dom';
import type { Scope } from '../../api/scope';
import { RelativeTime } from '../../components/relative-time';
import { StatusBadge } from '../../components/status-badge';
import { cn } from '../../lib/cn';
import { formatBytes, formatExactBytes } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { repositoryPath, tagPath } from '../scope/paths';
import { indexSummary, type IndexProgress, type PushRow } from './recent-pushes-logic';
import type { RepositoryFault } from './use-recent-pushes';

export const PUSH_COLUMNS = [
  { label: 'Repository' },
  { label: 'Tags' },
  { label: 'Status' },
  { label: 'Platform' },
  { label: 'Size', numeric: true },
  { label: 'Pushed by' },
  { label: 'When' },
] as const;

export function PushRowView({
  row,
  progress,
  scope,
  active,
  onFocusRow,
}: {
  row: PushRow;
  progress: IndexProgress | undefined;
  scope: Scope;
  active: boolean;
  onFocusRow: () => void;
}) {
  const [first, ...others] = row.tags;
  return (
    <tr
      className={cn('border-t border-border hover:bg-muted/60', active && 'bg-muted/40')}
      data-row={row.key}
      data-repository={row.repository}
    >
      <td className="px-3 py-2">
        <Link
          to={repositoryPath(scope, row.repository)}
          className="underline-offset-2 hover:underline"
          tabIndex={-1}
        >
          {row.repository}
        </Link>
      </td>
      <td className="px-3 py-2">
        <Link
          to={tagPath(scope, row.repository, first!)}
          data-row-link
          tabIndex={active ? 0 : -1}
          onFocus={onFocusRow}
          className="font-mono font-medium underline-offset-2 hover:underline"
        >
          {first}
        </Link>
        {others.length ? (
          <span className="ml-2 font-mono text-xs text-muted-fg">
            <span className="sr-only">also tagged </span>
            {others.join(', ')}
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2">
        <StatusBadge status={row.status} kind={row.kind} platform={row.platform} arch={row.arch} />
      </td>
      <td className="px-3 py-2" data-testid="push-platform">
        {row.kind === 'index' ? (
          <>
            <span>{indexSummary(progress)}</span>
            {progress?.error ? (
              <span className="mt-1 block rounded bg-danger px-1.5 py-0.5 text-xs text-danger-fg">
                {progress.error}
              </span>
            ) : null}
          </>
        ) : row.platform && row.arch ? (
          `${row.platform}/${row.arch}`
        ) : (
          <span className="text-muted-fg">—</span>
        )}
      </td>
      <td className="px-3 py-2 text-right tabular-nums" title={formatExactBytes(row.sizeInBytes)}>
        {formatBytes(row.sizeInBytes)}
      </td>
      <td className="px-3 py-2 text-muted-fg">{row.pushedBy ?? '—'}</td>
      <td className="px-3 py-2 text-muted-fg">
        <RelativeTime value={row.updatedAt} />
      </td>
    </tr>
  );
}

function Countdown({ at }: { at: number }) {
  const now = useNow(1000);
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <>{seconds > 0 ? `Trying again in ${seconds} s.` : 'Trying again…'}</>;
}

export function FaultRowView({ fault, scope }: { fault: RepositoryFault; scope: Scope }) {
  return (
    <tr
      className="border-t border-border"
      data-fault={fault.kind}
      data-repository={fault.repository}
    >
      <td className="px-3 py-2">
        {fault.kind === 'gone' ? (
          fault.repository
        ) : (
          <Link
            to={repositoryPath(scope, fault.repository)}
            className="underline-offset-2 hover:underline"
          >
            {fault.repository}
          </Link>
        )}
      </td>
      <td colSpan={PUSH_COLUMNS.length - 1} className="px-3 py-2">
        <span
          className={cn(
            'rounded px-1.5 py-0.5',
            fault.kind === 'rate-limited' || fault.kind === 'failed'
              ? 'bg-warning text-warning-fg'
              : 'bg-danger text-danger-fg',
          )}
        >
          {fault.message}
        </span>{' '}
        {fault.retryAt !== undefined ? (
          <span className="text-muted-fg" data-testid="retry-countdown">
            <Countdown at={fault.retryAt} />
          </span>
        ) : null}
      </td>
    </tr>
  );
}
