import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { ImageDetail } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { renderAt } from '../scope/test-render';
import { GoToSlot } from './go-to-slot';

const HEX = '0123456789abcdef'.repeat(4);
const DIGEST = `sha256:${HEX}`;
const SCOPE = 'projectId=prj_1&teamId=team_1';

const routes = (
  <Route
    path="*"
    element={
      <>
        <GoToSlot />
        <label>
          Other field <input />
        </label>
      </>
    }
  />
);

const box = () => screen.getByRole('textbox', { name: /Go to a reference/ });
/** The real box, once its chunk has loaded (the header first shows a stand-in). */
const realBox = () => screen.findByRole('textbox', { name: /Enter opens/ });
const location = () => screen.getByTestId('location');

function image(id: string, repositoryId: string): ImageDetail {
  return {
    id,
    repositoryId,
    manifestDigest: DIGEST,
    kind: 'manifest',
    status: 'ready',
    sizeInBytes: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    tags: [],
    layers: [],
  };
}

/** Repositories `names`; `holders` have the image (by any ref), the others answer 404. */
function project(names: string[], holders: string[], seen: string[] = []) {
  server.use(
    http.get('/api/v1/vcr/repository', () =>
      HttpResponse.json({
        repositories: names.map((name) => ({
          id: `repo_${name}`,
          projectId: 'prj_1',
          name,
          public: false,
          createdAt: '2026-11-20T10:00:00.000Z',
          updatedAt: '2026-11-20T10:00:00.000Z',
        })),
      }),
    ),
    http.get('/api/v1/vcr/repository/:repo/images/:ref', ({ params }) => {
      const repo = String(params.repo);
      seen.push(repo);
      return holders.includes(repo)
        ? HttpResponse.json({ image: image('image_abc', `repo_${repo}`) })
        : HttpResponse.json(
            { error: { code: 'not_found', message: 'VCR Image not found.' } },
            { status: 404 },
          );
    }),
  );
  return seen;
}

/**
 * The resolver's lazy chunk, loaded: focus starts the import, and on a loaded machine its
 * first transform can take longer than a find*'s patience.
 */
const resolverLoaded = () => import('./go-to-result');

async function go(text: string) {
  const user = userEvent.setup();
  await user.click(box());
  const input = await realBox();
  await waitFor(() => expect(input).toHaveFocus());
  await resolverLoaded();
  await user.clear(input);
  await user.type(input, `${text}{Enter}`);
}

describe('GoToBox', () => {
  it('announces its shortcut and focuses on g, but not while typing in a field', async () => {
    renderAt('/repositories/web-app?projectId=prj_1', routes);
    expect(box()).toHaveAttribute('aria-keyshortcuts', 'g');
    expect(box()).not.toHaveFocus();
    const user = userEvent.setup();
    const other = screen.getByLabelText('Other field');
    await user.click(other);
    await user.keyboard('go');
    expect(other).toHaveFocus();
    expect(other).toHaveValue('go');
    expect(box()).toHaveValue('');
    // With a modifier it is someone else's shortcut.
    act(() => other.blur());
    fireEvent.keyDown(document.body, { key: 'g', ctrlKey: true });
    expect(box()).not.toHaveFocus();

    // The keydown handler focuses the box itself, so the next key is already in it.
    await user.keyboard('gweb');
    expect(box()).toHaveFocus();
    expect(box()).toHaveValue('web');
    await user.type(box(), '-app');
    // g again focuses it and selects what it holds, and still not from a field.
    await user.click(other);
    await user.keyboard('g');
    expect(other).toHaveFocus();
    expect(other).toHaveValue('gog');
    act(() => other.blur());
    await user.keyboard('g');
    expect(box()).toHaveFocus();
    expect(box()).toHaveValue('web-app');
    expect((box() as HTMLInputElement).selectionStart).toBe(0);
    expect((box() as HTMLInputElement).selectionEnd).toBe('web-app'.length);
  });

  it('is one real input from the first render: what is typed or pasted at once is kept', async () => {
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json({ id: 'prj_sf', name: 'storefront' }),
      ),
    );
    renderAt('/settings', routes);
    const first = box();
    expect(first).not.toHaveAttribute('readonly');
    const user = userEvent.setup();
    await user.click(first);
    await user.paste('vcr.vercel.com/acme/storefront/');
    await user.keyboard('web-app:v1');
    const reference = 'vcr.vercel.com/acme/storefront/web-app:v1';
    expect(first).toHaveValue(reference);
    expect((first as HTMLInputElement).selectionStart).toBe(reference.length);
    // The resolver's chunk arriving does not replace the box (nor its value or focus).
    await resolverLoaded();
    expect(box()).toBe(first);
    expect(first).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(
      await screen.findByText('/repositories/web-app/tags/v1?projectId=prj_sf&slug=acme'),
    ).toBe(location());
    expect(box()).toBe(first);
  });

  it('opens a full tag reference after resolving the project name', async () => {
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json({ id: 'prj_sf', name: 'storefront' }),
      ),
    );
    renderAt('/settings', routes);
    await go('vcr.vercel.com/acme/storefront/web-app:v1');
    expect(
      await screen.findByText('/repositories/web-app/tags/v1?projectId=prj_sf&slug=acme'),
    ).toBe(location());
    expect(await realBox()).toHaveValue('');
  });

  it('says when the project of a reference does not exist', async () => {
    server.use(
      http.get('/api/v9/projects/:idOrName', () =>
        HttpResponse.json({ error: { code: 'not_found', message: 'nope' } }, { status: 404 }),
      ),
    );
    renderAt('/settings', routes);
    await go(`vcr.vercel.com/acme/nothing/web-app@${DIGEST}`);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Project "nothing" was not found in team "acme".',
    );
    expect(location()).toHaveTextContent('/settings');
  });

  it('opens a dashboard link', async () => {
    renderAt('/settings', routes);
    await go('http://elsewhere.test/repositories/api/tags/v2?projectId=prj_9');
    // The resolver's chunk loads on the first submit, so the navigation follows it.
    await waitFor(() =>
      expect(location()).toHaveTextContent('/repositories/api/tags/v2?projectId=prj_9'),
    );
  });

  it('finds a bare digest in the current repository first', async () => {
    const seen = project(['api', 'web-app'], ['web-app']);
    renderAt(`/repositories/web-app/tags/latest?${SCOPE}`, routes);
    await go(DIGEST);
    expect(
      await screen.findByText(new RegExp(`/repositories/web-app/images/sha256%3A${HEX}`)),
    ).toBe(location());
    expect(seen).toEqual(['web-app']);
  });

  it('searches the project’s other repositories for an image id', async () => {
    project(['api', 'docs', 'web-app'], ['docs']);
    renderAt(`/repositories/web-app?${SCOPE}`, routes);
    await go('image_abc');
    expect(await screen.findByText(`/repositories/docs/images/image_abc?${SCOPE}`)).toBe(
      location(),
    );
  });

  it('asks which repository when a digest is in several', async () => {
    project(['api', 'docs', 'web-app'], ['api', 'docs']);
    renderAt(`/repositories?${SCOPE}`, routes);
    await go(DIGEST);
    expect(await screen.findByText(/is in 2 repositories/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'docs' }));
    expect(location()).toHaveTextContent(`/repositories/docs/images/sha256%3A${HEX}`);
  });

  it('says clearly when a digest is nowhere in the project', async () => {
    project(['api', 'web-app'], []);
    renderAt(`/repositories/web-app?${SCOPE}`, routes);
    await go(DIGEST);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No image sha256:0123456789ab… in the 2 repositories of project prj_1',
    );
  });

  it('finds a short digest among the current repository’s images', async () => {
    const other = `sha256:${'f'.repeat(64)}`;
    let pages = 0;
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images', ({ request }) => {
        pages++;
        const cursor = new URL(request.url).searchParams.get('cursor');
        const img = (d: string) => ({
          ...image(`image_${d.slice(7, 10)}`, 'repo_w'),
          manifestDigest: d,
        });
        return HttpResponse.json(
          cursor ? { images: [img(DIGEST)] } : { images: [img(other)], nextCursor: 'p2' },
        );
      }),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes);
    await go(HEX.slice(0, 12));
    expect(await screen.findByText(/\/repositories\/web-app\/images\/sha256%3A0123/)).toBe(
      location(),
    );
    expect(pages).toBe(2);
  });

  it('says where a short digest is looked for', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/web-app/images', () => HttpResponse.json({ images: [] })),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes);
    await go('0123456789ab');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'No image of web-app has a digest starting with 0123456789ab.',
    );
  });

  it('needs a project for a bare digest and says so without one', async () => {
    server.use(
      http.get('/_dashboard/config', () =>
        HttpResponse.json({ mode: 'proxy', serverToken: false, defaultScope: null }),
      ),
    );
    renderAt('/settings', routes);
    await go('image_abc');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /An image id does not say which project it is in/,
    );
    await go('0123456789ab');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /short digest \(0123456789ab\) is looked up in the repository you are on/,
    );
  });

  it('opens repo:tag in the server’s default project when the page has none', async () => {
    server.use(
      http.get('/_dashboard/config', () =>
        HttpResponse.json({
          mode: 'emulator',
          serverToken: true,
          defaultScope: { projectId: 'prj_d', teamId: 'team_d', source: 'env' },
        }),
      ),
    );
    renderAt('/settings', routes);
    await go('web-app:latest');
    expect(
      await screen.findByText('/repositories/web-app/tags/latest?projectId=prj_d&teamId=team_d'),
    ).toBe(location());
  });

  it('explains input it cannot read, and Escape dismisses the message', async () => {
    renderAt('/settings', routes);
    await go('sha256:abc');
    expect(await screen.findByRole('alert')).toHaveTextContent(/not a full digest/);
    expect(await realBox()).toHaveAccessibleDescription(/not a full digest/);
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
