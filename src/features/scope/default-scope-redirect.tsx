// The part of the scope gate that runs only for a URL without a scope: ask the server for its
// default scope and add it (replacing the history entry). A chunk of its own, so deep links
// that carry a scope (the usual case) never load it.
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';
import { ErrorPanel } from '../../components/error-panel';
import { GateSkeleton } from './scope-gate';

export function DefaultScopeRedirect({ withoutDefault }: { withoutDefault?: ReactNode }) {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const config = useQuery(dashboardConfigQueryOptions());

  if (config.isPending) {
    return (
      <div role="status" aria-busy="true" className="space-y-3">
        <span className="sr-only">Finding the default project…</span>
        <GateSkeleton />
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
  if (withoutDefault) return withoutDefault;
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
