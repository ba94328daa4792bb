import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Repository } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { makeTag, renderAt } from '../scope/test-render';
import { RepositoriesPage } from './repositories-page';

const URL_ = '/api/v1/vcr/repository';

function repo(name: string, pub = false): Repository {
  return {
    id: `repo_${name.replace(/\W/g, '')}`,
    projectId: 'prj_1',
    name,
    public: pub,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
  };
}

const routes = <Route path="/repositories" element={<RepositoriesPage />} />;

describe('RepositoriesPage', () => {
  it('lists name and visibility, and pages with the cursor on "Load more"', async () => {
    const cursors: (string | null)[] = [];
    server.use(
      http.get(URL_, ({ request }) => {
        const url = new URL(request.url);
        // The live "preparing" counts read the whole list at the largest page: not this list.
        if (url.searchParams.get('limit') !== '1000') cursors.push(url.searchParams.get('cursor'));
        expect(url.searchParams.get('projectId')).toBe('prj_1');
        expect(url.searchParams.get('slug')).toBe('acme');
        return url.searchParams.get('cursor') === 'next'
          ? HttpResponse.json({ repositories: [repo('worker')] })
          : HttpResponse.json({
              repositories: [repo('api'), repo('docs', true)],
              nextCursor: 'next',
            });
      }),
    );
    const user = userEvent.setup();
    renderAt('/repositories?projectId=prj_1&slug=acme', routes);
    const api = await screen.findByRole('link', { name: 'api' });
    expect(api).toHaveAttribute('href', '/repositories/api?projectId=prj_1&slug=acme');
    const docsRow = screen.getByRole('link', { name: 'docs' }).closest('tr')!;
    expect(within(docsRow).getByText('Public')).toBeInTheDocument();
    expect(within(api.closest('tr')!).getByText('Private')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more repositories' }));
    expect(await screen.findByRole('link', { name: 'worker' })).toBeInTheDocument();
    expect(cursors).toEqual([null, 'next']);
    expect(screen.queryByRole('button', { name: /Load more/ })).not.toBeInTheDocument();
    expect(screen.getByText('3 repositories.')).toBeInTheDocument();
  });

  it('shows an empty state for a project without repositories', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ repositories: [] })));
    renderAt('/repositories?projectId=prj_empty', routes);
    expect(await screen.findByText('No repositories in this project yet.')).toBeInTheDocument();
  });

  it('names the scope that lacks access on a 403', async () => {
    server.use(
      http.get(URL_, () =>
        HttpResponse.json(
          { error: { code: 'forbidden', message: 'Not authorized' } },
          { status: 403 },
        ),
      ),
    );
    renderAt('/repositories?projectId=prj_x&teamId=team_y', routes);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('No access to this scope');
    expect(alert).toHaveTextContent('project prj_x in team team_y');
  });

  it('shows a loading skeleton first', async () => {
    server.use(http.get(URL_, () => HttpResponse.json({ repositories: [repo('a')] })));
    renderAt('/repositories?projectId=prj_1', routes);
    expect(screen.getByText('Loading repositories…')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('Loading repositories…')).not.toBeInTheDocument(),
    );
  });

  it('says live how many tags are preparing in each recently updated repository', async () => {
    const now = new Date().toISOString();
    let preparing = true;
    server.use(
      http.get(URL_, () =>
        HttpResponse.json({
          repositories: [{ ...repo('api'), updatedAt: now }, repo('docs')],
        }),
      ),
      http.get(`${URL_}/api/tags`, () =>
        HttpResponse.json({
          tags: [
            makeTag({ tag: 'a', status: preparing ? 'preparing' : 'ready', updatedAt: now }),
            makeTag({ tag: 'b', status: 'preparing', updatedAt: now }),
          ],
        }),
      ),
      // Not updated in the last day: its tags are never listed.
      http.get(`${URL_}/docs/tags`, () => HttpResponse.error()),
    );
    renderAt('/repositories?projectId=prj_1', routes);
    const api = await screen.findByRole('link', { name: 'api' });
    const cell = within(api.closest('tr')!).getByTestId('preparing-count');
    await waitFor(() => expect(cell).toHaveTextContent('2 preparing'));
    const docs = screen.getByRole('link', { name: 'docs' }).closest('tr')!;
    expect(within(docs).getByTestId('preparing-count')).toHaveTextContent('—');
    preparing = false;
    // The next interval (5 s) reads it again.
    await waitFor(() => expect(cell).toHaveTextContent('1 preparing'), { timeout: 15_000 });
  }, 25_000);
});
