import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { makeTag, renderAt } from '../scope/test-render';
import { RecentPushesPage } from './recent-pushes-page';

const API = '/api/v1/vcr/repository';
const routes = <Route path="/pushes" element={<RecentPushesPage />} />;

function repo(name: string, updatedAt: string): Repository {
  return {
    id: `repo_${name}`,
    projectId: 'prj_1',
    name,
    public: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt,
  };
}

const problem = (status: number, code: string, message: string) =>
  HttpResponse.json({ error: { code, message } }, { status });

describe('RecentPushesPage', () => {
  it('shows each fault on its own row while the other rows keep working', async () => {
    const now = new Date();
    const recent = new Date(now.getTime() - 5 * 60_000).toISOString();
    server.use(
      http.get(API, () =>
        HttpResponse.json({
          repositories: [
            repo('api', recent),
            repo('locked', recent),
            repo('vanished', recent),
            repo('multi', recent),
            repo('quiet', '2026-01-02T00:00:00.000Z'),
          ],
        }),
      ),
      http.get(`${API}/api/tags`, () =>
        HttpResponse.json({
          tags: [
            makeTag({
              tag: 'latest',
              manifestDigest: `sha256:${'a'.repeat(64)}`,
              updatedAt: recent,
            }),
            makeTag({
              tag: 'main-aa3bf51',
              manifestDigest: `sha256:${'a'.repeat(64)}`,
              updatedAt: recent,
            }),
          ],
        }),
      ),
      http.get(`${API}/locked/tags`, () => problem(403, 'forbidden', 'Not allowed.')),
      http.get(`${API}/vanished/tags`, () => problem(404, 'not_found', 'VCR Tag not found.')),
      http.get(`${API}/multi/tags`, () =>
        HttpResponse.json({
          tags: [
            makeTag({
              tag: 'v1',
              kind: 'index',
              status: null,
              platform: undefined,
              arch: undefined,
              updatedAt: recent,
            }),
          ],
        }),
      ),
      http.get(`${API}/quiet/tags`, () => HttpResponse.error()),
      http.get('/api/teams/team_1', () => HttpResponse.json({ id: 'team_1', slug: 'acme' })),
      http.get('/api/v9/projects/prj_1', () =>
        HttpResponse.json({ id: 'prj_1', name: 'storefront', accountId: 'team_1' }),
      ),
      http.get('/api/registry/v2/:team/:project/:repo/manifests/:ref', () =>
        HttpResponse.json(
          { errors: [{ code: 'UNAUTHORIZED', message: 'registry down' }] },
          { status: 502 },
        ),
      ),
    );
    renderAt('/pushes?projectId=prj_1&teamId=team_1', routes);

    const latest = await screen.findByRole('link', { name: 'latest' });
    // Two tags of one image: one row.
    const row = latest.closest('tr')!;
    expect(row).toHaveTextContent('main-aa3bf51');
    expect(within(row).getByRole('link', { name: 'api' })).toBeInTheDocument();

    expect(await screen.findByText(/may not read repository locked \(403\)/)).toBeInTheDocument();
    expect(screen.getByText(/Repository vanished is gone/)).toBeInTheDocument();
    const multi = screen.getByRole('link', { name: 'v1' }).closest('tr')!;
    await waitFor(() =>
      expect(within(multi).getByTestId('push-platform')).toHaveTextContent(
        'index: platforms unavailable',
      ),
    );
    expect(within(multi).getByTestId('push-platform')).toHaveTextContent(
      'The registry could not be read',
    );
    // A repository not updated inside the window costs no request and shows nothing.
    expect(document.querySelector('tr[data-repository="quiet"]')).toBeNull();
  });

  it('filters by repository through the URL, and the arrows move between rows', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString();
    server.use(
      http.get(API, () =>
        HttpResponse.json({ repositories: [repo('a', recent), repo('b', recent)] }),
      ),
      http.get(`${API}/:name/tags`, ({ params }) =>
        HttpResponse.json({
          tags: [makeTag({ tag: `${String(params.name)}-v1`, updatedAt: recent })],
        }),
      ),
    );
    const user = userEvent.setup();
    renderAt('/pushes?projectId=prj_1', routes);
    const first = await screen.findByRole('link', { name: 'a-v1' });
    await screen.findByRole('link', { name: 'b-v1' });
    first.focus();
    await user.keyboard('{ArrowDown}');
    // Same time: by repository name, so the next row is b's.
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('link', { name: 'b-v1' })),
    );
    expect(first).toHaveAttribute('tabindex', '-1');

    await user.selectOptions(screen.getByLabelText('Repository'), 'b');
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent('/pushes?projectId=prj_1&repo=b'),
    );
    expect(screen.queryByRole('link', { name: 'a-v1' })).not.toBeInTheDocument();
  });
});
