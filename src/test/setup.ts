import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import { server } from './msw-server';

// find*/waitFor give up after 1 s by default. On a loaded 2-core CI, a page's first render
// after MSW answers took over 2 s (5 whole-suite runs beside CPU hogs): a red run for a page
// that was only slow. Waiting longer never lets a wrong page pass; it only waits.
// A test then gets room for a few such waits (vitest's default is 5 s).
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 15_000 });

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});
afterAll(() => server.close());
