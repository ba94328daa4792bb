// The header's account slot. In the main chunk only this check lives; the user menu itself
// is a lazy chunk, fetched only when the server says Sign in with Vercel is on, so the tag
// deep link of a dashboard without sign-in pays nothing for it.
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { dashboardConfigQueryOptions } from '../../api/dashboard-config';

const UserMenu = lazy(() => import('./user-menu').then((m) => ({ default: m.UserMenu })));

export function HeaderAccount() {
  const { data } = useQuery(dashboardConfigQueryOptions());
  const auth = data?.auth;
  if (!auth?.user || auth.mode === 'none') return null;
  return (
    <Suspense fallback={null}>
      <UserMenu user={auth.user} mode={auth.mode} />
    </Suspense>
  );
}
