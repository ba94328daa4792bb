import { Link, Outlet } from 'react-router-dom';
import { ThemeToggle } from '../components/theme-toggle';
import { Toaster } from '../components/toast';
import { HeaderAccount } from '../features/auth/header-account';
import { DeploymentBadge } from '../features/deployment/deployment-badge';
import { GoToSlot } from '../features/go-to/go-to-slot';
import { PushesHeaderLink } from '../features/recent-pushes/pushes-header-link';

export function RootLayout() {
  return (
    <div className="min-h-screen flex flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 rounded bg-accent px-3 py-2 text-accent-fg"
      >
        Skip to content
      </a>
      <header className="border-b border-border">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link to="/" className="font-semibold tracking-tight">
            VCR Dashboard
          </Link>
          <DeploymentBadge />
          <GoToSlot />
          <div className="ml-auto flex items-center gap-3">
            <PushesHeaderLink />
            <Link
              to="/settings"
              className="inline-flex min-h-6 items-center whitespace-nowrap text-sm underline-offset-4 hover:underline"
            >
              Settings
            </Link>
            <ThemeToggle />
            <HeaderAccount />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        <Outlet />
      </main>
      <Toaster />
    </div>
  );
}
