import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { ImageDetail } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { renderAt } from '../scope/test-render';
import { ImageDetailPage } from './image-detail-page';
import { ImagesPage } from './images-page';
import { baseImageOf, layerDetail } from './layer-logic';

const DIGEST = `sha256:${'fedcba9876543210'.repeat(4)}`;
const SCOPE = 'projectId=prj_1&teamId=team_1';

const image: ImageDetail = {
  id: 'image_abc',
  repositoryId: 'repo_1',
  manifestDigest: DIGEST,
  kind: 'manifest',
  platform: 'linux',
  arch: 'amd64',
  status: 'ready',
  sizeInBytes: 38_693_274,
  createdAt: '2026-11-20T10:00:00.000Z',
  tags: ['latest', 'v1'],
  layers: [
    {
      type: 'from',
      operation: 'FROM',
      baseImage: 'node:20-alpine',
      collapsedLayerCount: 5,
      sizeBytes: 40_000_000,
    },
    { type: 'env', operation: 'ENV', env: 'NODE_ENV=production', sizeBytes: 0 },
    { type: 'run', operation: 'RUN', command: 'npm ci', sizeBytes: 2_097_152 },
    { type: 'copy', operation: 'COPY', value: '. /app', sizeBytes: null },
  ],
};

const routes = (
  <>
    <Route path="/repositories/:repo/images" element={<ImagesPage />} />
    <Route path="/repositories/:repo/images/:imageId" element={<ImageDetailPage />} />
  </>
);

describe('layer logic', () => {
  it('shows each variant’s argument and finds the base image', () => {
    expect(image.layers.map(layerDetail)).toEqual([
      'node:20-alpine',
      'NODE_ENV=production',
      'npm ci',
      '. /app',
    ]);
    expect(baseImageOf(image.layers)).toBe('node:20-alpine');
    expect(baseImageOf([])).toBeNull();
  });
});

describe('ImageDetailPage', () => {
  it('shows kind, status, platform, size, digest, tags and layers, by digest', async () => {
    let requested = '';
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images/:ref', ({ params }) => {
        requested = String(params.ref);
        return HttpResponse.json({ image });
      }),
    );
    renderAt(`/repositories/web-app/images/${encodeURIComponent(DIGEST)}?${SCOPE}`, routes);
    expect(await screen.findByRole('heading', { name: 'Image fedcba987654' })).toBeInTheDocument();
    expect(requested).toBe(DIGEST);
    expect(screen.getByText('Manifest')).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.getByText('linux/amd64')).toBeInTheDocument();
    expect(screen.getByText('36.9 MiB')).toBeInTheDocument();
    expect(screen.getByText(DIGEST)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'v1' })).toHaveAttribute(
      'href',
      `/repositories/web-app/tags/v1?${SCOPE}`,
    );
    const layers = screen.getByRole('table');
    const rows = within(layers).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'FROM',
      'ENV',
      'RUN',
      'COPY',
    ]);
    expect(within(rows[0]!).getByText(/5 base image layers/)).toBeInTheDocument();
    expect(within(rows[2]!).getByText('2 MiB')).toBeInTheDocument();
    expect(screen.getAllByText('node:20-alpine').length).toBe(2);
  });

  it('refuses an image id that cannot be, before any request', async () => {
    renderAt(`/repositories/web-app/images/not-an-image?${SCOPE}`, routes);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '"not-an-image" is neither an image id',
    );
  });

  it('explains a missing image with a link back to the repository', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images/:ref', () =>
        HttpResponse.json(
          { error: { code: 'not_found', message: 'VCR Image not found.' } },
          { status: 404 },
        ),
      ),
    );
    renderAt(`/repositories/web-app/images/image_zzz?${SCOPE}`, routes);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Image image_zzz was not found in repository web-app.',
    );
    expect(screen.getByRole('link', { name: 'Back to web-app' })).toBeInTheDocument();
  });
});

describe('ImagesPage', () => {
  it('asks the API for untagged images only and links each to its page', async () => {
    let untagged: string | null = null;
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images', ({ request }) => {
        untagged = new URL(request.url).searchParams.get('untagged');
        return HttpResponse.json({ images: [{ ...image, tags: [], layers: undefined }] });
      }),
    );
    renderAt(`/repositories/web-app/images?${SCOPE}&untagged=true`, routes);
    const link = await screen.findByRole('link', { name: 'fedcba987654' });
    expect(untagged).toBe('true');
    expect(link).toHaveAttribute('href', `/repositories/web-app/images/image_abc?${SCOPE}`);
    expect(screen.getByRole('heading', { name: 'Untagged images of web-app' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Untagged only' })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });

  it('says so when every image has a tag', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images', () => HttpResponse.json({ images: [] })),
    );
    renderAt(`/repositories/web-app/images?${SCOPE}&untagged=true`, routes);
    expect(await screen.findByText(/No untagged images/)).toBeInTheDocument();
  });
});
