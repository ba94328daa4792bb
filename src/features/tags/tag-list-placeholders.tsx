// What stands in for the tag table while it has nothing to show: the skeleton keeps the
// table's row height so the page does not jump when the rows arrive.
import type { ReactNode } from 'react';
import { Skeleton } from '../../components/skeleton';
import { TAG_ROW_HEIGHT } from './tag-row';

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-fg">
      {children}
    </div>
  );
}

export function TagListSkeleton() {
  return (
    <div className="rounded-lg border border-border" role="status" aria-busy="true">
      <span className="sr-only">Loading tags…</span>
      {Array.from({ length: 8 }, (_, i) => (
        <div
          key={i}
          className="flex items-center gap-4 border-b border-border px-3"
          style={{ height: TAG_ROW_HEIGHT }}
        >
          <Skeleton className="h-4 w-1/4" />
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-4 w-16" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="h-4 w-28" />
        </div>
      ))}
    </div>
  );
}
