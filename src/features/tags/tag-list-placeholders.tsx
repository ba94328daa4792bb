// What stands in for the tag table while it has nothing to show: the skeleton keeps the
// table's row height so the page does not jump when the rows arrive.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Scope } from '../../api/scope';
import { Skeleton } from '../../components/skeleton';
import { imagesPath } from '../scope/paths';
import { TAG_ROW_HEIGHT } from './tag-row';

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-border p-8 text-center text-sm text-muted-fg">
      {children}
    </div>
  );
}

/** A repository without tags may still hold images: say how to tag one, and where they are. */
export function NoTagsYet({ scope, repo }: { scope: Scope; repo: string }) {
  return (
    <EmptyState>
      This repository has no tags yet. Push one with{' '}
      <code className="font-mono">
        docker push vcr.vercel.com/&lt;team&gt;/&lt;project&gt;/{repo}:&lt;tag&gt;
      </code>
      , or look at its{' '}
      <Link to={imagesPath(scope, repo, true)} className="underline">
        untagged images
      </Link>
      .
    </EmptyState>
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
