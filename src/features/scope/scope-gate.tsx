// A URL without a scope gets the server's default scope added (replacing the history
// entry), so the address bar always holds a link that works for someone else.
import { lazy, Suspense, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { Skeleton } from '../../components/skeleton';

const DefaultScopeRedirect = lazy(() =>
  import('./default-scope-redirect').then((m) => ({ default: m.DefaultScopeRedirect })),
);

export function GateSkeleton() {
  return (
    <>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-40 w-full" />
    </>
  );
}

/**
 * Renders `children` (default: the nested routes) once the URL has a scope. `withoutDefault`
 * is what a URL without one shows when the server has no default scope either (default: a
 * "Which project?" page); the tag page passes itself so its own message stays.
 */
export function ScopeGate({
  children,
  withoutDefault,
}: {
  children?: ReactNode;
  withoutDefault?: ReactNode;
}) {
  const location = useLocation();
  const hasScope = Boolean(new URLSearchParams(location.search).get('projectId')?.trim());
  if (hasScope) return children ?? <Outlet />;
  return (
    <Suspense
      fallback={
        <div role="status" aria-busy="true" className="space-y-3">
          <span className="sr-only">Finding the default project…</span>
          <GateSkeleton />
        </div>
      }
    >
      <DefaultScopeRedirect withoutDefault={withoutDefault} />
    </Suspense>
  );
}
