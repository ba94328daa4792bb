import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { ImageListItem } from '../../api/schemas';
import { PLAN_STORAGE_KEY } from '../../lib/plan';
import { server } from '../../test/msw-server';
import { PlanSection } from '../settings/plan-section';
import { renderAt } from '../scope/test-render';
import { StoragePanel } from './storage-panel';

const SCOPE = { projectId: 'prj_1', teamId: 'team_1' };
const IMAGES = '/api/v1/vcr/repository/web-app/images';
const DAY = 86_400_000;
const today = new Date(Math.floor(Date.now() / DAY) * DAY + 3_600_000).toISOString();
const yesterday = new Date(Date.parse(today) - DAY).toISOString();

let n = 0;
function image(sizeInBytes: number, tags: string[], createdAt = today): ImageListItem {
  n++;
  return {
    id: `image_${n}`,
    repositoryId: 'repo_1',
    manifestDigest: `sha256:${n.toString(16).padStart(64, '0')}`,
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'ready',
    sizeInBytes,
    createdAt,
    tags,
  };
}

function repository(status = 200) {
  return http.get('/api/v1/vcr/repository/web-app', () =>
    status === 200
      ? HttpResponse.json({
          repository: {
            id: 'repo_1',
            projectId: 'prj_1',
            name: 'web-app',
            public: false,
            createdAt: today,
            updatedAt: today,
          },
        })
      : HttpResponse.json({ error: { code: 'not_found', message: 'gone' } }, { status }),
  );
}

/** Serves `pages` in order, by cursor. */
function imagePages(pages: ImageListItem[][], seen: (string | null)[] = []) {
  server.use(
    http.get(IMAGES, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url.searchParams.get('untagged'));
      const i = Number(url.searchParams.get('cursor') ?? 0);
      return HttpResponse.json({
        images: pages[i],
        ...(i + 1 < pages.length ? { nextCursor: String(i + 1) } : {}),
      });
    }),
  );
  return seen;
}

const routes = (
  <>
    <Route path="/repo" element={<StoragePanel scope={SCOPE} repo="web-app" />} />
    <Route path="/settings" element={<PlanSection />} />
  </>
);

describe('StoragePanel', () => {
  it('counts each image once, however many tags share it, untagged included', async () => {
    const shared = image(1_000_000_000, ['latest', 'v1', 'stable']);
    const seen = imagePages([
      [shared, image(500_000_000, [], yesterday)],
      // The same image again (a page boundary moved while pushing), and one more.
      [{ ...shared }, image(500_000_000, ['v0'])],
    ]);
    server.use(repository());
    renderAt('/repo', routes);
    // In the rows' units (2e9 bytes = 1.86 GiB); the cost line alone speaks billing GB.
    const stored = await screen.findByTestId('stored-bytes');
    expect(stored).toHaveTextContent('1.9 GiB');
    expect(stored).toHaveAttribute('title', '2,000,000,000 bytes');
    expect(seen).toEqual([null, null]); // all images, untagged ones too
    expect(screen.getByTestId('storage-cost')).toHaveTextContent('$0.20 / month');
    expect(screen.getByTestId('limit-images')).toHaveTextContent('3 of 10,000 (0%)');
    expect(screen.getByTestId('limit-tags')).toHaveTextContent('4 of 10,000 (0%)');
    expect(screen.getByText(/Untagged \(1\): 476\.8 MiB/)).toHaveAttribute(
      'title',
      '500,000,000 bytes',
    );
    expect(screen.getByText(/Tagged: 1\.4 GiB/)).toBeInTheDocument();
    expect(screen.getByText(/2 GB × \$0\.10 per GB \(10⁹ bytes\)/)).toBeInTheDocument();
    expect(screen.getByText(/Limits on Pro/)).toBeInTheDocument();
  });

  it('describes the pushes chart in words and as a table, and reads days by keyboard', async () => {
    imagePages([
      [
        image(1, ['a']),
        image(1, ['b']),
        image(1, [], yesterday),
        image(1, [], '2020-01-01T00:00:00Z'),
      ],
    ]);
    server.use(repository());
    renderAt('/repo', routes);
    const summary = await screen.findByTestId('pushes-summary');
    expect(summary).toHaveTextContent(
      /^3 images pushed in the last 30 days; the busiest day was .+ with 2\.$/,
    );
    const chart = screen.getByRole('group', { name: /Pushes per day chart/ });
    expect(chart).toHaveAccessibleDescription(/3 images pushed/);
    expect(screen.getAllByTestId('push-bar')).toHaveLength(30);

    await userEvent.click(screen.getByText('Show as a table'));
    const table = screen.getByRole('table', { name: /Images pushed per day/ });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(30);
    expect(within(rows[29]!).getAllByRole('cell')[1]).toHaveTextContent('2');
    expect(within(rows[28]!).getAllByRole('cell')[1]).toHaveTextContent('1');

    act(() => chart.focus());
    const tooltip = screen.getByTestId('pushes-tooltip');
    expect(tooltip).toHaveTextContent(/: 2 images pushed$/);
    await userEvent.keyboard('{ArrowLeft}');
    expect(tooltip).toHaveTextContent(/: 1 image pushed$/);
    await userEvent.keyboard('{Home}');
    expect(tooltip).toHaveTextContent(/: 0 images pushed$/);
    await userEvent.keyboard('{Escape}');
    expect(tooltip).toHaveTextContent('');
  });

  it('measures against the plan chosen in Settings, and warns near and at a limit', async () => {
    const user = userEvent.setup();
    const first = renderAt('/settings', routes);
    expect(screen.getByRole('radio', { name: /Pro/ })).toBeChecked();
    await user.click(screen.getByRole('radio', { name: /Hobby/ }));
    expect(localStorage.getItem(PLAN_STORAGE_KEY)).toBe('hobby');
    first.unmount();

    imagePages([Array.from({ length: 45 }, (_, i) => image(10, [`t${i}`]))]);
    server.use(repository());
    renderAt('/repo', routes);
    expect(await screen.findByText(/Limits on Hobby/)).toBeInTheDocument();
    const images = screen.getByTestId('limit-images');
    expect(images).toHaveTextContent('45 of 50 (90%)');
    expect(images).toHaveTextContent(/Near the limit/);
    expect(screen.getByTestId('limit-tags')).toHaveTextContent('45 of 1,000 (5%)');
    expect(screen.getByTestId('limit-tags')).not.toHaveTextContent(/limit:/);
  });

  it('says when the images limit is reached', async () => {
    localStorage.setItem(PLAN_STORAGE_KEY, 'hobby');
    imagePages([Array.from({ length: 50 }, () => image(10, []))]);
    server.use(repository());
    renderAt('/repo', routes);
    expect(await screen.findByTestId('limit-images')).toHaveTextContent(
      /50 of 50 \(100%\)At the images limit/,
    );
  });

  it('pages through a large repository with a visible count, stopping at the cap', async () => {
    // Endless pages of 100: the panel must stop by itself and offer to go on.
    let requests = 0;
    server.use(
      repository(),
      http.get(IMAGES, ({ request }) => {
        requests++;
        const i = Number(new URL(request.url).searchParams.get('cursor') ?? 0);
        return HttpResponse.json({
          images: Array.from({ length: 100 }, () => image(1, [])),
          nextCursor: String(i + 1),
        });
      }),
    );
    renderAt('/repo', routes);
    expect(await screen.findByText(/Counted [\d,]+ images so far…/)).toBeInTheDocument();
    expect(
      await screen.findByText(
        'Counted the first 5,000 images; the figures cover those only.',
        {},
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(requests).toBe(50);
    await userEvent.click(screen.getByRole('button', { name: 'Keep counting' }));
    expect(
      await screen.findByText(
        'Counted the first 10,000 images; the figures cover those only.',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(requests).toBe(100);
  }, 45_000);

  it('stays hidden when the repository does not exist (the tag list says so)', async () => {
    let imageRequests = 0;
    server.use(
      repository(404),
      http.get(IMAGES, () => {
        imageRequests++;
        return HttpResponse.json({ images: [] });
      }),
    );
    const { container } = renderAt('/repo', routes);
    await waitFor(() => expect(screen.queryByTestId('storage-panel')).not.toBeInTheDocument());
    expect(imageRequests).toBe(0);
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows a failed count with a retry', async () => {
    server.use(
      repository(),
      http.get(IMAGES, () =>
        HttpResponse.json(
          { error: { code: 'internal_server_error', message: 'boom' } },
          { status: 500 },
        ),
      ),
    );
    renderAt('/repo', routes);
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Retry|Try again/ })).toBeInTheDocument();
  });
});
