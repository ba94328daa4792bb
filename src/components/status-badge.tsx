// The readiness badge, with the labels the official CLI uses, so the dashboard and a
// terminal never disagree. A status the API adds later is shown as it comes.
import { useId } from 'react';
import { cn } from '../lib/cn';

export interface StatusBadgeProps {
  status: string | null;
  /** With a null status, tells a multi-platform index from an attestation. */
  kind?: string;
  platform?: string;
  arch?: string;
  className?: string;
}

export function statusLabel(status: string | null, kind?: string): string {
  switch (status) {
    case 'preparing':
      return 'Preparing';
    case 'ready':
      return 'Ready';
    case 'unoptimized':
      return 'Ready (unoptimized)';
    case null:
      // The API gives null to an index (no status of its own) and to attestations, which are
      // not prepared for Sandbox; calling an attestation an index would mislead.
      return kind === 'attestation' ? 'No status (attestation)' : 'Multi-platform index';
    default:
      return status;
  }
}

/** Why an unoptimized image is still worth knowing about, and why Sandbox cannot boot it. */
export function unoptimizedReason(platform?: string, arch?: string): string {
  const built = platform && arch ? `Built for ${platform}/${arch}, not` : 'Not built for';
  return `${built} linux/amd64, so Vercel Sandbox cannot use it. It can still be pulled.`;
}

const tone: Record<string, string> = {
  preparing: 'bg-info text-info-fg',
  ready: 'bg-success text-success-fg',
  unoptimized: 'bg-warning text-warning-fg',
};

export function StatusBadge({ status, kind, platform, arch, className }: StatusBadgeProps) {
  const descriptionId = useId();
  const reason = status === 'unoptimized' ? unoptimizedReason(platform, arch) : undefined;
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium',
        (status !== null && tone[status]) || 'bg-muted text-fg',
        className,
      )}
      title={reason}
      data-status={status ?? 'index'}
    >
      {status === 'preparing' ? (
        <span
          aria-hidden="true"
          data-testid="preparing-indicator"
          className="size-2 rounded-full bg-current motion-safe:animate-pulse"
        />
      ) : null}
      <span aria-describedby={reason ? descriptionId : undefined}>{statusLabel(status, kind)}</span>
      {reason ? (
        <span id={descriptionId} className="sr-only">
          {reason}
        </span>
      ) : null}
    </span>
  );
}
