// The write UI against MSW: what shows without writes, the type-the-name dialogs, the
// requests each control sends, and the errors they explain.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Outlet, Route } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { clearPendingDeletions } from '../../api/pending-deletions';
import type { Repository } from '../../api/schemas';
import { Toaster } from '../../components/toast';
import { server } from '../../test/msw-server';
import { renderAt } from '../scope/test-render';
import { DELETION_STARTED, DeleteImageAction } from './delete-image-action';
import { RepositoryAccessPanel } from './repository-access-panel';

const SCOPE = { projectId: 'prj_1', teamId: 'team_1' };
const Q = '?projectId=prj_1&teamId=team_1';
const R = '/api/v1/vcr/repository';

function repository(pub: boolean): Repository {
  return {
    id: 'repo_web01',
    projectId: 'prj_1',
    name: 'web-app',
    public: pub,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  };
}
const share = (slug: string, n: number) => ({
  repositoryId: 'repo_web01',
  teamId: `team_${slug.replace(/-/g, '')}`,
  teamSlug: slug,
  createdAt: `2026-11-0${n}T10:00:00.000Z`,
});

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

function api({ writes, pub = false }: { writes: boolean; pub?: boolean }) {
  const seen: Seen[] = [];
  let isPublic = pub;
  let shares = [share('partner-labs', 1)];
  const record = async (request: Request) => {
    const text = await request.text();
    seen.push({
      method: request.method,
      path: new URL(request.url).pathname,
      body: text ? JSON.parse(text) : null,
    });
  };
  server.use(
    http.get('/_dashboard/config', () =>
      HttpResponse.json({ mode: 'emulator', serverToken: true, defaultScope: null, writes }),
    ),
    http.get(`${R}/web-app`, () => HttpResponse.json({ repository: repository(isPublic) })),
    http.patch(`${R}/web-app`, async ({ request }) => {
      await record(request);
      isPublic = (seen.at(-1)!.body as { public: boolean }).public;
      return HttpResponse.json({ repository: repository(isPublic) });
    }),
    http.get(`${R}/web-app/permissions`, ({ request }) => {
      const cursor = new URL(request.url).searchParams.get('cursor');
      if (cursor === 'page2') return HttpResponse.json({ permissions: shares.slice(1) });
      return HttpResponse.json({
        permissions: shares.slice(0, 1),
        ...(shares.length > 1 ? { nextCursor: 'page2' } : {}),
      });
    }),
    http.post(`${R}/web-app/permissions`, async ({ request }) => {
      await record(request);
      const body = seen.at(-1)!.body as { teamSlug?: string };
      if (body.teamSlug === 'ghost') {
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'Team not found.' } },
          { status: 404 },
        );
      }
      const added = share(body.teamSlug ?? 'x', 5);
      shares = [...shares, added];
      return HttpResponse.json({ permission: added });
    }),
    http.delete(`${R}/web-app/permissions`, async ({ request }) => {
      await record(request);
      const { teamId } = seen.at(-1)!.body as { teamId: string };
      shares = shares.filter((s) => s.teamId !== teamId);
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete(`${R}/web-app/permissions/all`, async ({ request }) => {
      await record(request);
      shares = [];
      return new HttpResponse(null, { status: 204 });
    }),
    http.delete(`${R}/web-app`, async ({ request }) => {
      await record(request);
      return new HttpResponse(null, { status: 202 });
    }),
  );
  return { seen };
}

// The toaster lives in the layout, as in the app, so a toast outlives the page it came from.
const layout = (
  <>
    <Outlet />
    <Toaster />
  </>
);
const panelRoutes = (
  <Route element={layout}>
    <Route
      path="/repositories/:repo"
      element={<RepositoryAccessPanel scope={SCOPE} repo="web-app" />}
    />
    <Route path="/repositories" element={<p>Repositories list</p>} />
  </Route>
);

afterEach(() => clearPendingDeletions());

describe('RepositoryAccessPanel without ALLOW_WRITES', () => {
  it('shows visibility and the shares, paged, and no write control', async () => {
    api({ writes: false });
    server.use(
      http.get(`${R}/web-app/permissions`, ({ request }) =>
        new URL(request.url).searchParams.get('cursor') === 'p2'
          ? HttpResponse.json({ permissions: [share('globex', 2)] })
          : HttpResponse.json({ permissions: [share('partner-labs', 1)], nextCursor: 'p2' }),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    expect(await screen.findByTestId('visibility')).toHaveTextContent('Private');
    const list = await screen.findByTestId('shares');
    expect(within(list).getByText('partner-labs')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more teams' }));
    expect(await within(list).findByText('globex')).toBeInTheDocument();
    expect(await screen.findByTestId('read-only-note')).toHaveTextContent('ALLOW_WRITES=1');
    expect(screen.queryByRole('button', { name: /Make public/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
    expect(screen.queryByLabelText(/Share with a team/)).toBeNull();
  });
});

describe('RepositoryAccessPanel with ALLOW_WRITES', () => {
  it('makes a repository public only after its exact name is typed; Esc closes and returns focus', async () => {
    const { seen } = api({ writes: true });
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    const open = await screen.findByRole('button', { name: 'Make public…' });

    await user.click(open);
    let dialog = await screen.findByRole('dialog', { name: 'Make web-app public?' });
    expect(dialog).toHaveAccessibleDescription(/Anyone on the internet/);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // Radix gives focus back from a timer after the dialog unmounts.
    await waitFor(() => expect(open).toHaveFocus());

    await user.click(open);
    dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Make public' });
    const input = within(dialog).getByLabelText(/Type web-app to confirm/);
    expect(confirm).toBeDisabled();
    await user.type(input, 'web-ap');
    expect(confirm).toBeDisabled();
    await user.type(input, 'pp');
    expect(confirm).toBeDisabled(); // "web-appp"
    await user.keyboard('{Backspace}');
    expect(confirm).toBeEnabled();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(seen).toEqual([{ method: 'PATCH', path: `${R}/web-app`, body: { public: true } }]);
    expect(await screen.findByText('web-app is now public.')).toBeInTheDocument();
    expect(screen.getByTestId('visibility')).toHaveTextContent('Public');
    expect(screen.getByRole('button', { name: 'Make private…' })).toBeInTheDocument();
  });

  it('explains a refused change inside the dialog and keeps it open', async () => {
    api({ writes: true });
    server.use(
      http.patch(`${R}/web-app`, () =>
        HttpResponse.json(
          { error: { code: 'forbidden', message: 'Not allowed.' } },
          { status: 403, headers: { 'x-vercel-id': 'iad1::abc' } },
        ),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    await user.click(await screen.findByRole('button', { name: 'Make public…' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/to confirm/), 'web-app');
    await user.click(within(dialog).getByRole('button', { name: 'Make public' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(/not allowed to change this repository/);
    expect(alert).toHaveTextContent('iad1::abc');
    expect(screen.getByTestId('visibility')).toHaveTextContent('Private');
  });

  it('shares by slug, refuses bad input without a request, explains an unknown team', async () => {
    const { seen } = api({ writes: true });
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    const input = await screen.findByLabelText('Share with a team (ID or slug)');

    await user.type(input, 'Not A Slug!');
    await user.click(screen.getByRole('button', { name: 'Share' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/team ID \(team_…\) or a team slug/);
    expect(seen).toEqual([]);

    await user.clear(input);
    await user.type(input, 'ghost{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/not found/);

    await user.clear(input);
    await user.type(input, 'globex{Enter}');
    await waitFor(() => expect(input).toHaveValue(''));
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      path: `${R}/web-app/permissions`,
      body: { teamSlug: 'globex' },
    });
    await user.click(await screen.findByRole('button', { name: 'Load more teams' }));
    expect(await within(screen.getByTestId('shares')).findByText('globex')).toBeInTheDocument();
  });

  it('removes one share by team id, then all of them after confirming', async () => {
    const { seen } = api({ writes: true });
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    await user.click(await screen.findByRole('button', { name: 'Stop sharing with partner-labs' }));
    expect(await screen.findByTestId('no-shares')).toBeInTheDocument();
    expect(seen).toEqual([
      {
        method: 'DELETE',
        path: `${R}/web-app/permissions`,
        body: { teamId: 'team_partnerlabs' },
      },
    ]);

    const input = screen.getByLabelText('Share with a team (ID or slug)');
    await user.type(input, 'team_globex{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Remove all shares…' }));
    const dialog = await screen.findByRole('dialog', { name: /Stop sharing web-app/ });
    await user.click(within(dialog).getByRole('button', { name: 'Remove all shares' }));
    expect(await screen.findByTestId('no-shares')).toBeInTheDocument();
    expect(seen.at(-1)).toEqual({
      method: 'DELETE',
      path: `${R}/web-app/permissions/all`,
      body: null,
    });
  });

  it('deletes the repository after its name is typed, says it started, and goes to the list', async () => {
    const { seen } = api({ writes: true });
    const user = userEvent.setup();
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    await user.click(await screen.findByRole('button', { name: 'Delete repository…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete repository web-app?' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete repository' });
    await user.type(within(dialog).getByLabelText(/to confirm/), 'WEB-APP');
    expect(confirm).toBeDisabled();
    await user.clear(within(dialog).getByLabelText(/to confirm/));
    await user.type(within(dialog).getByLabelText(/to confirm/), 'web-app');
    await user.click(confirm);
    expect(await screen.findByText('Repositories list')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/repositories${Q}`);
    expect(screen.getByText(`web-app: ${DELETION_STARTED}`)).toBeInTheDocument();
    expect(seen).toEqual([{ method: 'DELETE', path: `${R}/web-app`, body: null }]);
  });
});

describe('DeleteImageAction', () => {
  const imageRoutes = (
    <Route element={layout}>
      <Route
        path="/repositories/:repo/tags/:tag"
        element={
          <DeleteImageAction
            scope={SCOPE}
            repo="web-app"
            imageId="image_abc1"
            manifestDigest={`sha256:${'ab'.repeat(32)}`}
            fromTag="latest"
          />
        }
      />
      <Route path="/repositories/:repo" element={<p>Tags list</p>} />
    </Route>
  );
  const image = {
    id: 'image_abc1',
    repositoryId: 'repo_web01',
    manifestDigest: `sha256:${'ab'.repeat(32)}`,
    kind: 'manifest',
    platform: 'linux',
    arch: 'amd64',
    status: 'ready',
    sizeInBytes: 1000,
    createdAt: '2026-11-01T00:00:00.000Z',
    tags: ['latest', 'v1.2.3'],
    layers: [],
  };

  it('says there is no single-tag delete, lists the tags that go with the image, and goes to the tags list', async () => {
    let deleted = '';
    server.use(
      http.get(`${R}/web-app/images/image_abc1`, () => HttpResponse.json({ image })),
      http.delete(`${R}/web-app/images/:id`, ({ params }) => {
        deleted = String(params.id);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderAt(`/repositories/web-app/tags/latest${Q}`, imageRoutes);
    expect(screen.getByTestId('no-tag-delete')).toHaveTextContent('no single-tag delete');
    await user.click(screen.getByRole('button', { name: 'Delete the image this tag points to…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete image abababababab?' });
    expect(await within(dialog).findByText('These 2 tags go with it:')).toBeInTheDocument();
    expect(within(within(dialog).getByTestId('doomed-tags')).getAllByRole('listitem')).toHaveLength(
      2,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    expect(await screen.findByText('Tags list')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/repositories/web-app${Q}`);
    expect(screen.getByText(DELETION_STARTED)).toBeInTheDocument();
    expect(deleted).toBe('image_abc1');
  });

  it.each([
    [404, 'not_found', /not found; it may have been deleted already/],
    [402, 'payment_required', /plan does not allow this/],
    [409, 'conflict', /conflicts with the current state/],
    [405, 'writes_disabled', /writes are off on this dashboard server/],
  ])('explains a %i', async (status, code, message) => {
    server.use(
      http.get(`${R}/web-app/images/image_abc1`, () => HttpResponse.json({ image })),
      http.delete(`${R}/web-app/images/:id`, () =>
        HttpResponse.json({ error: { code, message: 'Nope.' } }, { status }),
      ),
    );
    const user = userEvent.setup();
    renderAt(`/repositories/web-app/tags/latest${Q}`, imageRoutes);
    await user.click(screen.getByRole('button', { name: /Delete the image/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(message);
    expect(screen.queryByText('Tags list')).toBeNull();
  });
});

describe('RepositoryAccessPanel for a repository that cannot be read', () => {
  it('renders nothing (the page explains the error)', async () => {
    api({ writes: true });
    let asked = false;
    server.use(
      http.get(`${R}/web-app`, () => {
        asked = true;
        return HttpResponse.json(
          { error: { code: 'not_found', message: 'VCR Repository not found.' } },
          { status: 404 },
        );
      }),
    );
    renderAt(`/repositories/web-app${Q}`, panelRoutes);
    expect(screen.getByTestId('repository-access')).toBeInTheDocument(); // while loading
    await waitFor(() => expect(asked).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('repository-access')).toBeNull());
  });
});

describe('DeleteImageAction on the image page', () => {
  it('lists the known tags without asking, and goes to the images list', async () => {
    let deleted = '';
    server.use(
      http.delete(`${R}/web-app/images/:id`, ({ params }) => {
        deleted = String(params.id);
        return new HttpResponse(null, { status: 202 });
      }),
    );
    const user = userEvent.setup();
    renderAt(
      `/repositories/web-app/images/image_abc1${Q}`,
      <Route element={layout}>
        <Route
          path="/repositories/:repo/images/:imageId"
          element={
            <DeleteImageAction
              scope={SCOPE}
              repo="web-app"
              imageId="image_abc1"
              manifestDigest={`sha256:${'cd'.repeat(32)}`}
              tags={['stable']}
            />
          }
        />
        <Route path="/repositories/:repo/images" element={<p>Images list</p>} />
      </Route>,
    );
    expect(screen.queryByTestId('no-tag-delete')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete image…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete image cdcdcdcdcdcd?' });
    expect(within(dialog).getByText('This tag goes with it:')).toBeInTheDocument();
    expect(within(dialog).getByTestId('doomed-tags')).toHaveTextContent('stable');
    await user.click(within(dialog).getByRole('button', { name: 'Delete image' }));
    expect(await screen.findByText('Images list')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(`/repositories/web-app/images${Q}`);
    expect(deleted).toBe('image_abc1');
  });
});
