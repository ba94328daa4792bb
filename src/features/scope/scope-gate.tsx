// A browse URL without a scope gets the server's default scope added (replacing the
// history entry), so the address bar always holds a link that works for someone else.
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation } from 'react-router-dom';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import { ErrorPanel } from '../../components/error-panel';
import { Skeleton } from '../../components/skeleton';

export function ScopeGate() {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const hasScope = Boolean(params.get('projectId')?.trim());
  const config = useQuery({ ...dashboardConfigQueryOptions(), enabled: !hasScope });

  if (hasScope) return <Outlet />;
  if (config.isPending) {
    return (
      <div role="status" aria-busy="true" className="space-y-3">
        <span className="sr-only">Finding the default project…</span>
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  const scope = config.data?.defaultScope;
  if (scope) {
    params.set('projectId', scope.projectId);
    if (scope.teamId && !params.get('slug')) params.set('teamId', scope.teamId);
    return <Navigate replace to={`${location.pathname}?${params.toString()}${location.hash}`} />;
  }
  if (config.isError) {
    return (
      <ErrorPanel
        error={config.error}
        onRetry={() => void config.refetch()}
        backLink={{ to: '/', label: 'Choose a project' }}
      />
    );
  }
  return (
    <section aria-labelledby="no-scope-title" className="space-y-3">
      <h1 id="no-scope-title" className="text-2xl font-semibold">
        Which project?
      </h1>
      <p className="text-muted-fg">
        This address names no project, and the server has no default one (set VERCEL_ORG_ID and
        VERCEL_PROJECT_ID, or start it in a directory linked with{' '}
        <code className="font-mono">vercel link</code>).
      </p>
      <Link to="/" className="underline">
        Choose a project
      </Link>
    </section>
  );
}
