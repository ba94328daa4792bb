import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { ImageDetail, ImageLayer } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { renderAt } from '../scope/test-render';
import { ImageDetailPage } from './image-detail-page';
import { layerDetail, layerNote, layerShares } from './layer-logic';

const SCOPE = 'projectId=prj_1&teamId=team_1';
const VHS = `sha256:${'ab12'.repeat(16)}`;

const layer = (operation: string, extra: Partial<ImageLayer> = {}): ImageLayer => ({
  type: operation,
  operation,
  createdBy: null,
  digest: null,
  sizeBytes: 0,
  ...extra,
});

const image: ImageDetail = {
  id: 'image_abc',
  repositoryId: 'repo_1',
  manifestDigest: `sha256:${'fedcba9876543210'.repeat(4)}`,
  kind: 'manifest',
  platform: 'linux',
  arch: 'amd64',
  status: 'ready',
  sizeInBytes: 100_002_048,
  createdAt: '2026-11-20T10:00:00.000Z',
  tags: ['latest'],
  vhs: { digest: VHS, path: `vhs/repo_1/sha256/${VHS.slice(7)}` },
  layers: [
    layer('FROM', { baseImage: 'node:22-alpine', sizeBytes: 75_000_000 }),
    layer('ARG', { value: 'NODE_VERSION' }),
    layer('RUN', { command: 'npm ci', sizeBytes: 25_000_000 }),
    layer('EXPOSE', { value: 'map[8080/tcp:{} 9000:{}]' }),
    layer('USER', { value: 'node' }),
    layer('HEALTHCHECK', { value: '{"Test":["CMD-SHELL","wget -qO- localhost || exit 1"]}' }),
    layer('STOPSIGNAL', { value: 'SIGTERM' }),
    layer('VOLUME', { value: '["/data","/cache"]' }),
    layer('SHELL', { value: '["/bin/bash","-c"]' }),
    layer('LABEL', { value: 'team=web' }),
    layer('ONBUILD', { value: 'COPY . /app' }),
    layer('ENTRYPOINT', { value: '["node","server.js"]' }),
  ],
};

const routes = <Route path="/repositories/:repo/images/:imageId" element={<ImageDetailPage />} />;

function serve(body: ImageDetail) {
  server.use(
    http.get('/api/v1/vcr/repository/web-app/images/:ref', () =>
      HttpResponse.json({ image: body }),
    ),
  );
}

describe('layer logic: the newer instructions', () => {
  it('formats each value as a Dockerfile would read', () => {
    expect(image.layers.slice(1).map(layerDetail)).toEqual([
      'NODE_VERSION',
      'npm ci',
      '8080/tcp 9000/tcp',
      'node',
      'CMD wget -qO- localhost || exit 1',
      'SIGTERM',
      '/data /cache',
      '["/bin/bash", "-c"]',
      'team=web',
      'COPY . /app',
      '["node", "server.js"]',
    ]);
    expect(layerDetail(layer('EXPOSE', { value: '443/udp' }))).toBe('443/udp');
    expect(layerDetail(layer('HEALTHCHECK', { value: '{"Test":["NONE"]}' }))).toBe('NONE');
    // Falls back to the history line when no value was recorded.
    expect(layerDetail(layer('USER', { createdBy: 'USER app' }))).toBe('USER app');
    // The variant comes from `type` when `operation` is missing.
    expect(layerDetail({ type: 'RUN', command: 'make' })).toBe('make');
    expect(layerNote(layer('USER'))).toMatch(/runs as/);
    expect(layerNote(layer('COPY'))).toBeNull();
  });

  it('gives each sized layer its share of the layers’ total', () => {
    expect(
      layerShares([
        layer('A', { sizeBytes: 3 }),
        layer('B', { sizeBytes: null }),
        layer('C', { sizeBytes: 1 }),
      ]),
    ).toEqual([0.75, null, 0.25]);
    expect(layerShares([layer('A', { sizeBytes: 0 })])).toEqual([0]);
  });
});

describe('ImageDetailPage: Sandbox drive and layers', () => {
  it('shows "Optimized for Sandbox" with the vhs digest, copyable', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    serve(image);
    renderAt(`/repositories/web-app/images/image_abc?${SCOPE}`, routes);
    expect(await screen.findByText('Optimized for Sandbox')).toBeInTheDocument();
    expect(screen.getByText(VHS)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Copy Sandbox drive digest' }));
    expect(writeText).toHaveBeenCalledWith(VHS);
  });

  it('says why there is no drive when vhs is absent', async () => {
    serve({ ...image, vhs: undefined, status: 'preparing' });
    renderAt(`/repositories/web-app/images/image_abc?${SCOPE}`, routes);
    expect(await screen.findByText('Being optimized for Sandbox…')).toBeInTheDocument();
    expect(screen.queryByText('Optimized for Sandbox')).not.toBeInTheDocument();
  });

  it('says an arm64 image is never converted', async () => {
    serve({ ...image, vhs: undefined, status: 'unoptimized', arch: 'arm64' });
    renderAt(`/repositories/web-app/images/image_abc?${SCOPE}`, routes);
    expect(await screen.findByText(/only linux\/amd64 images are converted/)).toBeInTheDocument();
  });

  it('renders the new instructions with their values and the sizes as bars', async () => {
    serve(image);
    renderAt(`/repositories/web-app/images/image_abc?${SCOPE}`, routes);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    const cells = (r: HTMLElement) => within(r).getAllByRole('cell');
    expect(rows.map((r) => cells(r)[1]!.textContent)).toEqual(image.layers.map((l) => l.operation));
    expect(cells(rows[3]!)[2]).toHaveTextContent('8080/tcp 9000/tcp');
    expect(cells(rows[3]!)[2]).toHaveTextContent('Port the container listens on');
    expect(cells(rows[4]!)[2]).toHaveTextContent(/^node/);
    // Bars: 75% and 25% of the layers' bytes, the percentage as text beside each bar.
    expect(cells(rows[0]!)[4]).toHaveTextContent('75%');
    expect(cells(rows[2]!)[4]).toHaveTextContent('25%');
    const bars = within(table).getAllByTestId('layer-bar');
    expect(bars).toHaveLength(image.layers.length);
    expect((bars[0]!.firstElementChild as HTMLElement).style.width).toBe('75%');
    expect((bars[1]!.firstElementChild as HTMLElement).style.width).toBe('0%');
  });
});
