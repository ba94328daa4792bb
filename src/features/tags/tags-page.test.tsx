import { useQuery } from '@tanstack/react-query';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { Route, useParams, useSearchParams } from 'react-router-dom';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tagQueryOptions } from '../../api/get-tag';
import { scopeFromSearchParams } from '../../api/scope';
import type { Tag } from '../../api/schemas';
import { server } from '../../test/msw-server';
import { makeTag, renderAt } from '../scope/test-render';
import { TagsPage } from './tags-page';

const LIST = '/api/v1/vcr/repository/web-app/tags';
const SCOPE = 'projectId=prj_1&teamId=team_1';

// jsdom lays nothing out: give the scroll area a height so the virtualizer renders rows.
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => 480,
  });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
    configurable: true,
    get: () => 1000,
  });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', clientHeight);
});

// The storage panel below the list has its own tests (features/storage): here its repository
// look-up answers 404, which keeps it hidden and its image paging out of these tests.
beforeEach(() => {
  server.use(
    http.get('/api/v1/vcr/repository/:repo', () =>
      HttpResponse.json({ error: { code: 'not_found', message: 'x' } }, { status: 404 }),
    ),
  );
});

/** Tag detail stand-in: shows what the detail query holds, and whether it is refetching. */
function DetailProbe() {
  const { repo = '', tag = '' } = useParams();
  const [params] = useSearchParams();
  const q = useQuery(tagQueryOptions(scopeFromSearchParams(params), repo, tag));
  return <h1>{q.data ? `detail ${q.data.tag} ${q.data.status}` : 'detail loading'}</h1>;
}

function routes() {
  return (
    <>
      <Route path="/repositories/:repo" element={<TagsPage />} />
      <Route path="/repositories/:repo/tags/:tag" element={<DetailProbe />} />
    </>
  );
}

function listHandler(pages: Tag[][], seen: URL[] = []) {
  return http.get(LIST, ({ request }) => {
    const url = new URL(request.url);
    seen.push(url);
    const i = Number(url.searchParams.get('cursor') ?? '0');
    const page = pages[i] ?? [];
    return HttpResponse.json({
      tags: page,
      ...(i + 1 < pages.length ? { nextCursor: String(i + 1) } : {}),
    });
  });
}

describe('TagsPage', () => {
  it('shows the rows with status, kind, platform, size and a 12-hex digest, latest pinned first', async () => {
    const seen: URL[] = [];
    server.use(
      listHandler(
        [
          [
            makeTag({ tag: 'latest', manifestDigest: `sha256:${'abcdef012345'.padEnd(64, '0')}` }),
            makeTag({ tag: 'v2', status: 'unoptimized', arch: 'arm64' }),
            makeTag({
              tag: 'multi',
              status: null,
              kind: 'index',
              platform: undefined,
              arch: undefined,
            }),
          ],
        ],
        seen,
      ),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    const table = await screen.findByRole('table', { name: 'Tags of web-app' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-tag'))).toEqual(['latest', 'v2', 'multi']);
    expect(within(rows[0]!).getByText('pinned')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('abcdef012345')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('36.9 MiB')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('Ready (unoptimized)')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('linux/arm64')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Multi-platform index')).toBeInTheDocument();
    expect(within(rows[2]!).getByText('Index')).toBeInTheDocument();
    expect(seen[0]!.searchParams.get('sortBy')).toBe('updatedAt');
    expect(seen[0]!.searchParams.get('sortOrder')).toBe('desc');
    expect(seen[0]!.searchParams.get('teamId')).toBe('team_1');
  });

  it('sorts on the server and keeps sort, filter and status in the URL', async () => {
    const seen: URL[] = [];
    server.use(
      listHandler(
        [[makeTag({ tag: 'alpha' }), makeTag({ tag: 'beta', status: 'preparing' })]],
        seen,
      ),
    );
    const user = userEvent.setup();
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Sort'), 'name:desc');
    await waitFor(() => expect(seen.at(-1)!.searchParams.get('sortBy')).toBe('tag'));
    expect(seen.at(-1)!.searchParams.get('sortOrder')).toBe('desc');
    await user.selectOptions(screen.getByLabelText('Status'), 'preparing');
    await user.type(screen.getByRole('searchbox'), 'be');
    expect(screen.getByTestId('location')).toHaveTextContent(
      `/repositories/web-app?${SCOPE}&sort=name&order=desc&status=preparing&q=be`,
    );
    await waitFor(() =>
      expect(
        screen
          .getAllByRole('row')
          .slice(1)
          .map((r) => r.getAttribute('data-tag')),
      ).toEqual(['beta']),
    );
  });

  it('opens with the sort and filter of a shared URL', async () => {
    const seen: URL[] = [];
    server.use(
      listHandler([[makeTag({ tag: 'a1' }), makeTag({ tag: 'b1', status: 'preparing' })]], seen),
    );
    renderAt(`/repositories/web-app?${SCOPE}&sort=name&status=ready`, routes());
    await screen.findByRole('table');
    expect(seen[0]!.searchParams.get('sortBy')).toBe('tag');
    expect(seen[0]!.searchParams.get('sortOrder')).toBe('asc');
    expect(screen.getByLabelText('Status')).toHaveValue('ready');
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.getAttribute('data-tag')),
    ).toEqual(['a1']);
  });

  it('loads the next page as the reader scrolls, and says when the list ends', async () => {
    const seen: URL[] = [];
    const pages = [0, 1, 2].map((p) =>
      Array.from({ length: 100 }, (_, i) => makeTag({ tag: `t-${p}-${i}` })),
    );
    server.use(listHandler(pages, seen));
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    await screen.findByRole('table');
    expect(seen).toHaveLength(1);
    // Only a window of rows is in the DOM.
    expect(screen.getAllByRole('row').length).toBeLessThan(40);
    const scroller = screen.getByTestId('tag-scroll');
    scroller.scrollTop = 100 * 48;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(seen).toHaveLength(2));
    scroller.scrollTop = 200 * 48;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(seen).toHaveLength(3));
    expect(seen[2]!.searchParams.get('cursor')).toBe('2');
    expect(await screen.findByTestId('end-of-list')).toHaveTextContent('300 tags');
  });

  it('shows an empty state for a repository without tags', async () => {
    server.use(listHandler([[]]));
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    expect(await screen.findByText(/This repository has no tags yet/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'untagged images' })).toHaveAttribute(
      'href',
      `/repositories/web-app/images?${SCOPE}&untagged=true`,
    );
  });

  it('explains a missing repository with a way back', async () => {
    server.use(
      http.get(LIST, () =>
        HttpResponse.json(
          { error: { code: 'not_found', message: 'Repository not found' } },
          { status: 404 },
        ),
      ),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Repository web-app was not found in project prj_1.',
    );
    expect(screen.getByRole('link', { name: 'All repositories' })).toBeInTheDocument();
  });

  it('refuses a repository name that cannot exist before any request', async () => {
    // No handler: any request would fail the test (onUnhandledRequest: error).
    renderAt(`/repositories/Bad%20Name?${SCOPE}`, routes());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '"Bad Name" cannot be a repository name',
    );
  });

  it('moves with j/k and arrows, opens with Enter, and / focuses the filter', async () => {
    server.use(
      listHandler([[makeTag({ tag: 'one' }), makeTag({ tag: 'two' }), makeTag({ tag: 'three' })]]),
    );
    server.use(http.get(`${LIST}/:tag`, () => HttpResponse.json({ tag: makeTag({ tag: 'two' }) })));
    const user = userEvent.setup();
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    await screen.findByRole('table');
    await user.keyboard('/');
    expect(screen.getByRole('searchbox')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'one' })).toHaveFocus();
    await user.keyboard('j');
    expect(screen.getByRole('link', { name: 'two' })).toHaveFocus();
    await user.keyboard('jk{ArrowDown}{ArrowUp}');
    expect(screen.getByRole('link', { name: 'two' })).toHaveFocus();
    // Only the active row is in the tab order.
    expect(screen.getByRole('link', { name: 'one' })).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: /detail two/ })).toBeInTheDocument();
  });

  it('renders the opened tag from the list at once, then refreshes it in the background', async () => {
    let detailRequests = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    server.use(listHandler([[makeTag({ tag: 'web', status: 'preparing' })]]));
    server.use(
      http.get(`${LIST}/web`, async () => {
        detailRequests++;
        await gate;
        return HttpResponse.json({ tag: makeTag({ tag: 'web', status: 'ready' }) });
      }),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    const link = await screen.findByRole('link', { name: 'web' });
    fireEvent.click(link);
    // Shown from the cache while the background request is still held.
    expect(
      await screen.findByRole('heading', { name: 'detail web preparing' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(detailRequests).toBe(1));
    release();
    expect(await screen.findByRole('heading', { name: 'detail web ready' })).toBeInTheDocument();
  });

  it('prefetches a tag when its row is hovered', async () => {
    let detailRequests = 0;
    server.use(listHandler([[makeTag({ tag: 'hovered' })]]));
    server.use(
      http.get(`${LIST}/hovered`, () => {
        detailRequests++;
        return HttpResponse.json({ tag: makeTag({ tag: 'hovered' }) });
      }),
    );
    const { queryClient } = renderAt(`/repositories/web-app?${SCOPE}`, routes());
    const link = await screen.findByRole('link', { name: 'hovered' });
    fireEvent.mouseEnter(link.closest('tr')!);
    await waitFor(() => expect(detailRequests).toBe(1));
    const key = tagQueryOptions(
      { projectId: 'prj_1', teamId: 'team_1' },
      'web-app',
      'hovered',
    ).queryKey;
    await waitFor(() => expect(queryClient.getQueryState(key)?.dataUpdatedAt).toBeGreaterThan(0));
  });

  it('keeps preparing rows in view live with one request per interval, and says when one is ready', async () => {
    const seen: URL[] = [];
    let status = 'preparing';
    server.use(
      http.get(LIST, ({ request }) => {
        seen.push(new URL(request.url));
        return HttpResponse.json({
          tags: [
            makeTag({ tag: 'p1', status }),
            makeTag({ tag: 'p2', status: 'preparing' }),
            makeTag({ tag: 'r' }),
          ],
        });
      }),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    await screen.findByRole('table');
    expect(seen).toHaveLength(1);
    await waitFor(() => expect(seen).toHaveLength(2), { timeout: 3000 });
    status = 'ready';
    // Two preparing rows, still one request per tick.
    await waitFor(() => expect(seen).toHaveLength(3), { timeout: 3000 });
    const row = screen.getByRole('link', { name: 'p1' }).closest('tr')!;
    await waitFor(() => expect(within(row).getByText('Ready')).toBeInTheDocument());
    expect(within(row).getByTestId('just-ready')).toHaveTextContent('now ready');
    expect(screen.getByText('p1 is ready')).toBeInTheDocument();
  }, 10_000);

  it('reads a preparing row by name once it has left its page (its new updatedAt moved it)', async () => {
    const listCalls: URL[] = [];
    let tagCalls = 0;
    const moving = makeTag({ tag: 'moving', status: 'preparing' });
    server.use(
      http.get(LIST, ({ request }) => {
        listCalls.push(new URL(request.url));
        // First read: the row is here; later reads: it sorted elsewhere.
        return HttpResponse.json({ tags: listCalls.length === 1 ? [moving] : [] });
      }),
      http.get(`${LIST}/moving`, () => {
        tagCalls++;
        return HttpResponse.json({ tag: { ...moving, status: 'ready' } });
      }),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    const row = (await screen.findByRole('link', { name: 'moving' })).closest('tr')!;
    await waitFor(() => expect(listCalls).toHaveLength(2), { timeout: 3000 });
    await waitFor(() => expect(within(row).getByText('Ready')).toBeInTheDocument(), {
      timeout: 3000,
    });
    expect(tagCalls).toBe(1);
    expect(listCalls).toHaveLength(2);
  }, 10_000);

  it('makes no live requests when no preparing row is in view', async () => {
    const seen: URL[] = [];
    server.use(
      listHandler(
        [[makeTag({ tag: 'r1' }), makeTag({ tag: 'r2', status: null, kind: 'index' })]],
        seen,
      ),
    );
    renderAt(`/repositories/web-app?${SCOPE}`, routes());
    await screen.findByRole('table');
    await new Promise((r) => setTimeout(r, 2600));
    expect(seen).toHaveLength(1);
  }, 10_000);
});
