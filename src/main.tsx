import { startTransition } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { hashKey, hydrate } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router-dom';
import './index.css';
import { AppTree } from './app/app-tree';
import { createQueryClient } from './app/query-client';
import { readIsland } from './app/ssr-island';
import { getSessionToken } from './api/session-token';
import { adoptServerAnswer, startDeepLinkFetch } from './features/tag-detail/start-deep-link-fetch';
import { primeNextFormatter } from './lib/format';

const queryClient = createQueryClient();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A deep link the server rendered (server/ssr) carries its data: no request, just hydration.
// Not with a token pasted in this tab: the server rendered with its own credential, so the
// page asks again with the tab's (createRoot replaces the server's HTML).
const island = getSessionToken() ? null : readIsland(document);
if (island) {
  hydrate(queryClient, island.queries);
  for (const q of island.queries.queries) adoptServerAnswer(hashKey(q.queryKey));
} else {
  startDeepLinkFetch(queryClient, window.location);
}

const app = <AppTree client={queryClient} renderInfo={island} router={BrowserRouter} />;
// As a transition, the first render (or hydration) yields to the browser every few ms
// instead of holding the main thread for its whole length (one long task on a slow phone).
startTransition(() => {
  if (island) hydrateRoot(root, app);
  else createRoot(root).render(app);
});

// One formatter per task, each its own short task rather than part of the render that shows
// the first API answer (see primeNextFormatter).
const prime = () => {
  if (primeNextFormatter()) setTimeout(prime, 0);
};
setTimeout(prime, 0);
