// Test harness for the tag detail page: the app's retry policy, a router at a deep link,
// MSW handlers for the tag and the scope look-ups, and a request counter.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { http, HttpResponse, type JsonBodyType } from 'msw';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { Tag } from '../../api/schemas';
import { Toaster } from '../../components/toast';
import { retryDelay, shouldRetry } from '../../lib/retry-policy';
import { server } from '../../test/msw-server';
import { TagDetailPage } from './tag-detail-page';

export const baseTag: Tag = {
  tag: 'v1.0.0',
  manifestDigest: `sha256:${'3f'.repeat(32)}`,
  imageId: 'image_abc123',
  kind: 'manifest',
  platform: 'linux',
  arch: 'amd64',
  pushedBy: 'ci@acme.dev',
  status: 'ready',
  sizeInBytes: 38693274,
  createdAt: '2026-11-20T12:00:00Z',
  updatedAt: '2026-11-27T11:55:00Z',
};

export const TAG_PATH = '/api/v1/vcr/repository/:repo/tags/:tag';

/** A client with the app's retry policy. */
export function testQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: shouldRetry, retryDelay, staleTime: 10_000 } },
  });
}

export function renderAt(
  url: string,
  prepare?: (client: QueryClient) => void,
  client = testQueryClient(),
) {
  prepare?.(client);
  const utils = render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>
          <Route path="/repositories/:repo/tags/:tag" element={<TagDetailPage />} />
          <Route path="*" element={<p>other page</p>} />
        </Routes>
        <Toaster />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...utils, client };
}

export interface Counter {
  tag: number;
  lookups: number;
}

/** Look-ups answer team acme / project storefront unless `lookups` says otherwise. */
export function useLookups(ok = true): Counter {
  const counter: Counter = { tag: 0, lookups: 0 };
  server.use(
    http.get('/api/teams/:id', () => {
      counter.lookups++;
      return ok
        ? HttpResponse.json({ id: 'team_e2e', slug: 'acme', name: 'Acme' })
        : HttpResponse.json({ error: { code: 'forbidden', message: 'no' } }, { status: 403 });
    }),
    http.get('/api/v9/projects/:id', () => {
      counter.lookups++;
      return ok
        ? HttpResponse.json({ id: 'prj_e2e', name: 'storefront', accountId: 'team_e2e' })
        : HttpResponse.json({ error: { code: 'forbidden', message: 'no' } }, { status: 403 });
    }),
  );
  return counter;
}

/** The tag endpoint answers from a list of responses, repeating the last one. */
export function serveTag(
  counter: Counter,
  responses: Array<
    Tag | { status: number; body?: JsonBodyType; headers?: Record<string, string> } | 'network'
  >,
) {
  server.use(
    http.get(TAG_PATH, () => {
      const r = responses[Math.min(counter.tag, responses.length - 1)];
      counter.tag++;
      if (r === 'network' || r === undefined) return HttpResponse.error();
      if ('tag' in r) return HttpResponse.json({ tag: r });
      return HttpResponse.json(r.body ?? { error: { code: 'x', message: 'failure' } }, {
        status: r.status,
        headers: r.headers,
      });
    }),
  );
}

export function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
}
