import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import './index.css';
import { AppProvider } from './app/provider';
import { createQueryClient } from './app/query-client';
import { AppRoutes } from './app/router';
import { startDeepLinkFetch } from './features/tag-detail/start-deep-link-fetch';
import { primeNextFormatter } from './lib/format';

const queryClient = createQueryClient();
startDeepLinkFetch(queryClient, window.location);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const reactRoot = createRoot(root);
// As a transition, the first render yields to the browser every few ms instead of holding
// the main thread for its whole length (one long task on a slow phone).
startTransition(() => {
  reactRoot.render(
    <StrictMode>
      <AppProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AppProvider>
    </StrictMode>,
  );
});

// One formatter per task, each its own short task rather than part of the render that shows
// the first API answer (see primeNextFormatter).
const prime = () => {
  if (primeNextFormatter()) setTimeout(prime, 0);
};
setTimeout(prime, 0);
