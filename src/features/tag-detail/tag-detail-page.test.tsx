import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tagQueryKey } from '../../api/get-tag';
import { server } from '../../test/msw-server';
import { baseTag, renderAt, serveTag, setVisibility, useLookups } from './test-utils';

const URL_V1 = '/repositories/web-app/tags/v1.0.0?projectId=prj_e2e&teamId=team_e2e';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-11-27T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
  setVisibility('visible');
});

describe('tag detail: loaded states', () => {
  it('shows a skeleton, then every fact of a ready manifest', async () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    renderAt(URL_V1);
    expect(screen.getByLabelText('Loading tag')).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('v1.0.0');

    const facts = await screen.findByTestId('tag-facts');
    expect(screen.getByText('Ready', { exact: true })).toBeInTheDocument();
    expect(within(facts).getByText('Manifest')).toBeInTheDocument();
    expect(within(facts).getByText('linux/amd64')).toBeInTheDocument();
    const size = screen.getByTestId('tag-size');
    expect(size).toHaveTextContent('36.9 MiB');
    expect(size).toHaveAttribute('title', '38,693,274 bytes');
    expect(within(facts).getByText('stored (compressed) size')).toBeInTheDocument();
    expect(screen.getByTestId('tag-digest')).toHaveTextContent(baseTag.manifestDigest);
    expect(screen.getByRole('button', { name: 'Copy digest' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'image_abc123' })).toHaveAttribute(
      'href',
      '/repositories/web-app/images/image_abc123?projectId=prj_e2e&teamId=team_e2e',
    );
    expect(within(facts).getByText('ci@acme.dev')).toBeInTheDocument();
    expect(within(facts).getByText('7 days ago')).toHaveAttribute('datetime', baseTag.createdAt);
    expect(within(facts).getByText('5 minutes ago').getAttribute('title')).toMatch(/2026/);

    expect(
      await screen.findByText(`docker pull vcr.vercel.com/acme/storefront/web-app:v1.0.0`),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `docker pull vcr.vercel.com/acme/storefront/web-app@${baseTag.manifestDigest}`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy pull command by tag' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy link to this page' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'web-app' })).toHaveAttribute(
      'href',
      '/repositories/web-app?projectId=prj_e2e&teamId=team_e2e',
    );
    expect(screen.getByRole('link', { name: 'Repositories' })).toHaveAttribute(
      'href',
      '/repositories?projectId=prj_e2e&teamId=team_e2e',
    );
    await waitFor(() => expect(document.title).toBe('Ready · web-app:v1.0.0 · VCR Dashboard'));
  });

  it('skeleton and loaded page have the same rows (no layout shift)', async () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    renderAt(URL_V1);
    const skeletonRows = screen.getByTestId('tag-facts-skeleton').querySelectorAll('dt');
    const labels = [...skeletonRows].map((d) => d.textContent);
    const facts = await screen.findByTestId('tag-facts');
    expect([...facts.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(labels);
  });

  it('shows a multi-platform index with its note', async () => {
    const counter = useLookups();
    const index = { ...baseTag, kind: 'index', status: null, platform: undefined, arch: undefined };
    serveTag(counter, [index]);
    renderAt(URL_V1);
    expect(await screen.findByText('Multi-platform index')).toBeInTheDocument();
    expect(screen.getByText('Index')).toBeInTheDocument();
    expect(screen.getByText('All platforms of the index')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('web-app:v1.0.0 · VCR Dashboard'));
  });

  it('shows an attestation and a tag without pushedBy', async () => {
    const counter = useLookups();
    const att = { ...baseTag, kind: 'attestation', platform: undefined, arch: undefined };
    delete (att as Partial<typeof att>).pushedBy;
    serveTag(counter, [att]);
    renderAt(URL_V1);
    expect(await screen.findByText('Attestation')).toBeInTheDocument();
    expect(screen.getByText('Not platform-specific')).toBeInTheDocument();
    expect(screen.getByText('Not recorded')).toBeInTheDocument();
  });

  it('explains an unoptimized (arm64) tag', async () => {
    const counter = useLookups();
    serveTag(counter, [{ ...baseTag, status: 'unoptimized', arch: 'arm64' }]);
    renderAt(URL_V1);
    expect(await screen.findByText('Ready (unoptimized)')).toBeInTheDocument();
    expect(screen.getByText('linux/arm64')).toBeInTheDocument();
    expect(
      screen.getAllByText(/not linux\/amd64, so Vercel Sandbox cannot use it/).length,
    ).toBeGreaterThan(0);
  });

  it('shows an unknown future status and kind as they come', async () => {
    const counter = useLookups();
    serveTag(counter, [{ ...baseTag, status: 'quarantined', kind: 'artifact' }]);
    renderAt(URL_V1);
    expect(await screen.findByText('quarantined')).toBeInTheDocument();
    expect(screen.getByText('artifact')).toBeInTheDocument();
  });

  it('falls back to ids in the pull command when the look-ups fail', async () => {
    const counter = useLookups(false);
    serveTag(counter, [baseTag]);
    renderAt(URL_V1);
    expect(
      await screen.findByText('docker pull vcr.vercel.com/team_e2e/prj_e2e/web-app:v1.0.0'),
    ).toBeInTheDocument();
    expect(screen.getByText(/could not be looked up, so ids stand in/)).toBeInTheDocument();
  });

  it('uses a slug from the scope without looking the team up', async () => {
    const counter = useLookups();
    let teamLookups = 0;
    server.use(
      http.get('/api/teams/:id', () => {
        teamLookups++;
        return HttpResponse.json({ id: 'x', slug: 'x' });
      }),
    );
    serveTag(counter, [baseTag]);
    renderAt('/repositories/web-app/tags/v1.0.0?projectId=prj_e2e&slug=acme');
    expect(
      await screen.findByText('docker pull vcr.vercel.com/acme/storefront/web-app:v1.0.0'),
    ).toBeInTheDocument();
    expect(teamLookups).toBe(0);
  });
});

describe('tag detail: opened with a copy in the cache (from a list)', () => {
  it('shows the copy with no request before it is on screen, then refreshes once', async () => {
    const counter = useLookups();
    serveTag(counter, [{ ...baseTag, pushedBy: 'fresh@acme.dev' }]);
    renderAt(URL_V1, (client) =>
      client.setQueryData(
        tagQueryKey({ projectId: 'prj_e2e', teamId: 'team_e2e' }, 'web-app', 'v1.0.0'),
        baseTag,
        { updatedAt: 0 },
      ),
    );
    // Synchronously after the first render: the facts are there, nothing was asked yet.
    expect(screen.getByTestId('tag-facts')).toBeInTheDocument();
    expect(counter.tag).toBe(0);
    expect(counter.lookups).toBe(0);
    expect(await screen.findByText('fresh@acme.dev')).toBeInTheDocument();
    expect(counter.tag).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(counter.tag).toBe(1);
    expect(counter.lookups).toBe(2);
  });

  it('a deep link without a copy asks for the tag in the first render', () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    let fetches = 0;
    const original = globalThis.fetch;
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((...args) => {
      fetches++;
      return original(...args);
    });
    renderAt(URL_V1);
    // Effects of the first commit have run: the tag request is on its way, the look-ups wait.
    expect(fetches).toBe(1);
    expect(spy.mock.calls[0]?.[0]).toContain('/tags/v1.0.0');
    spy.mockRestore();
  });
});

describe('tag detail: watching a preparing tag', () => {
  const preparing = { ...baseTag, status: 'preparing' };

  it('checks every 2 s, announces ready, then stops', async () => {
    const counter = useLookups();
    serveTag(counter, [
      preparing,
      preparing,
      preparing,
      { ...baseTag, updatedAt: '2026-11-27T12:00:05Z' },
    ]);
    renderAt(URL_V1);
    expect(await screen.findByText('Preparing')).toBeInTheDocument();
    expect(screen.getByTestId('watch-note')).toHaveTextContent('checking every 2 s');
    // Title and icon are set by an effect after the commit that shows "Preparing": wait for it.
    await waitFor(() => expect(document.title).toBe('Preparing · web-app:v1.0.0 · VCR Dashboard'));
    await waitFor(() =>
      expect(document.querySelector('link[rel="icon"]')).toHaveAttribute(
        'href',
        '/favicon-preparing.svg',
      ),
    );
    expect(counter.tag).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(counter.tag).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(counter.tag).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(counter.tag).toBe(4);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Notifications' })).toHaveTextContent(
        'v1.0.0 is ready',
      ),
    );
    expect(screen.getByText('Ready', { exact: true })).toBeInTheDocument();
    expect(screen.getByText('v1.0.0 is ready.')).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Ready · web-app:v1.0.0 · VCR Dashboard'));
    await waitFor(() =>
      expect(document.querySelector('link[rel="icon"]')).toHaveAttribute(
        'href',
        '/favicon-ready.svg',
      ),
    );
    expect(screen.queryByTestId('watch-note')).not.toBeInTheDocument();
    // Terminal: no more requests, however long we wait.
    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(counter.tag).toBe(4);
  });

  it('does not announce a tag that was already ready when opened', async () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    renderAt(URL_V1);
    await screen.findByTestId('tag-facts');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(screen.getByRole('status', { name: 'Notifications' })).toHaveTextContent('');
    expect(counter.tag).toBe(1);
  });

  it('slows to every 10 s in a hidden tab and checks at once when shown', async () => {
    const counter = useLookups();
    serveTag(counter, [preparing]);
    renderAt(URL_V1);
    await screen.findByText('Preparing');
    act(() => setVisibility('hidden'));
    expect(screen.getByTestId('watch-note')).toHaveTextContent('checking every 10 s');
    const before = counter.tag;
    await act(() => vi.advanceTimersByTimeAsync(9_000));
    expect(counter.tag).toBe(before);
    await act(() => vi.advanceTimersByTimeAsync(1_500));
    expect(counter.tag).toBe(before + 1);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(counter.tag).toBe(before + 2);
    await act(() => vi.advanceTimersByTimeAsync(3_000));
    act(() => setVisibility('visible'));
    await waitFor(() => expect(counter.tag).toBe(before + 3));
    expect(screen.getByTestId('watch-note')).toHaveTextContent('checking every 2 s');
  });

  it('never overlaps requests when the API is slower than the interval', async () => {
    const counter = useLookups();
    let inFlight = 0;
    let maxInFlight = 0;
    server.use(
      http.get('/api/v1/vcr/repository/:repo/tags/:tag', async () => {
        counter.tag++;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5000));
        inFlight--;
        return HttpResponse.json({ tag: preparing });
      }),
    );
    renderAt(URL_V1);
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(maxInFlight).toBe(1);
    // 5 s per answer + 2 s wait: about 30 / 7 requests, never one per 2 s.
    expect(counter.tag).toBeLessThanOrEqual(5);
    expect(counter.tag).toBeGreaterThanOrEqual(4);
  });

  it('notifies through the browser when asked and the tab is hidden', async () => {
    const created: string[] = [];
    class FakeNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission = vi.fn(async () => {
        FakeNotification.permission = 'granted';
        return 'granted' as const;
      });
      constructor(title: string) {
        created.push(title);
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    try {
      const counter = useLookups();
      serveTag(counter, [preparing, preparing, baseTag]);
      renderAt(URL_V1);
      const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      await user.click(await screen.findByRole('button', { name: 'Notify me when ready' }));
      expect(FakeNotification.requestPermission).toHaveBeenCalled();
      expect(await screen.findByRole('button', { name: 'Notifying when ready' })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
      act(() => setVisibility('hidden'));
      await act(() => vi.advanceTimersByTimeAsync(25_000));
      await waitFor(() => expect(created).toEqual(['v1.0.0 is ready']));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
