// The one tree both renderers use: the browser (src/main.tsx, with BrowserRouter) and the
// server's deep-link rendering (server/ssr, with StaticRouter through ServerApp), so the HTML
// the server sends is what hydration expects.
import { StrictMode, useEffect, type ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import { RenderContext, type RenderInfo } from '../lib/render-context';
import { AppProvider } from './provider';
import { AppRoutes } from './router';

/**
 * Marks <html data-hydrated> once the page is interactive (hydrated, or first rendered), so
 * tests wait for that rather than guessing, and CSS could tell a static page from a live one.
 */
function InteractiveMark() {
  useEffect(() => {
    document.documentElement.setAttribute('data-hydrated', '');
  }, []);
  return null;
}

export function AppTree({
  client,
  renderInfo,
  router: Router,
}: {
  client: QueryClient;
  renderInfo: RenderInfo | null;
  router: (props: { children: ReactNode }) => ReactNode;
}) {
  return (
    <StrictMode>
      <AppProvider client={client}>
        <RenderContext value={renderInfo}>
          <Router>
            <AppRoutes />
          </Router>
          <InteractiveMark />
        </RenderContext>
      </AppProvider>
    </StrictMode>
  );
}
