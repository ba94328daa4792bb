// Placeholder blocks sized like the content they stand in for, so nothing moves on load.
import { cn } from '../lib/cn';

export function Skeleton({ className }: { className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cn('block rounded bg-muted motion-safe:animate-pulse', className)}
    />
  );
}
