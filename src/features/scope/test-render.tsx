// Test helpers for the browse pages: a fresh query client per test (no retries, so error
// states show at once) and a memory router at the given address.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Routes, useLocation } from 'react-router-dom';
import type { Tag } from '../../api/schemas';

export function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

export function renderAt(url: string, routes: ReactNode, client?: QueryClient) {
  const queryClient =
    client ?? new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 10_000 } } });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>
        <Routes>{routes}</Routes>
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { ...utils, queryClient };
}

let n = 0;
export function makeTag(overrides: Partial<Tag> = {}): Tag {
  n++;
  const hex = n.toString(16).padStart(4, '0').repeat(16);
  return {
    tag: `build-${n}`,
    manifestDigest: `sha256:${hex}`,
    imageId: `image_${n}`,
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'ready',
    sizeInBytes: 38_693_274,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
    ...overrides,
  };
}
