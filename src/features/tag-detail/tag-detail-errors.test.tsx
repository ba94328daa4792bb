import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { server } from '../../test/msw-server';
import { baseTag, renderAt, serveTag, useLookups } from './test-utils';

const URL_V1 = '/repositories/web-app/tags/v1.0.0?projectId=prj_e2e&teamId=team_e2e';

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-11-27T12:00:00Z') });
});
afterEach(() => vi.useRealTimers());

function countAll() {
  const seen: string[] = [];
  server.use(
    http.all('*', ({ request }) => {
      seen.push(request.url);
      return HttpResponse.json({});
    }),
  );
  return seen;
}

describe('tag detail: a link that cannot work is refused before any request', () => {
  it.each([
    ['/repositories/web-app/tags/v1.0.0', /no projectId/],
    ['/repositories/Web%20App/tags/v1.0.0?projectId=p', /cannot be a repository name/],
    ['/repositories/web-app/tags/-bad?projectId=p', /cannot be a tag name/],
  ])('%s', async (url, message) => {
    const seen = countAll();
    renderAt(url);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('This link cannot be opened');
    expect(alert).toHaveTextContent(message);
    expect(screen.getByRole('link', { name: 'Choose a project' })).toHaveAttribute('href', '/');
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(seen).toEqual([]);
  });
});

describe('tag detail: API errors', () => {
  it('401 says how to supply a token, without retrying', async () => {
    const counter = useLookups();
    serveTag(counter, [
      { status: 401, body: { error: { code: 'unauthorized', message: 'Missing token' } } },
    ]);
    renderAt(URL_V1);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not signed in');
    expect(alert).toHaveTextContent('VERCEL_TOKEN');
    expect(screen.getByRole('link', { name: /paste a token in Settings/ })).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(counter.tag).toBe(1);
  });

  it('403 names the scope that lacks access', async () => {
    const counter = useLookups();
    serveTag(counter, [
      { status: 403, body: { error: { code: 'forbidden', message: 'Forbidden' } } },
    ]);
    renderAt('/repositories/web-app/tags/v1.0.0?projectId=prj_other&teamId=team_other');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'cannot read project prj_other in team team_other',
    );
  });

  it('404 says which tag in which repository, with a link to the repository', async () => {
    const counter = useLookups();
    serveTag(counter, [
      { status: 404, body: { error: { code: 'not_found', message: 'VCR Tag not found.' } } },
    ]);
    renderAt(URL_V1);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tag "v1.0.0" was not found in repository "web-app".',
    );
    expect(screen.getByRole('link', { name: 'Open repository web-app' })).toHaveAttribute(
      'href',
      '/repositories/web-app?projectId=prj_e2e&teamId=team_e2e',
    );
    expect(screen.queryByLabelText('Loading tag')).not.toBeInTheDocument();
  });

  it('410 says it is gone', async () => {
    const counter = useLookups();
    serveTag(counter, [{ status: 410, body: { error: { code: 'gone', message: 'Deleted.' } } }]);
    renderAt(URL_V1);
    expect(await screen.findByRole('alert')).toHaveTextContent('410 Gone');
  });

  it('429 waits for Retry-After, counts down, then loads', async () => {
    const counter = useLookups();
    serveTag(counter, [
      {
        status: 429,
        headers: { 'retry-after': '5' },
        body: { error: { code: 'rate_limited', message: 'Slow down' } },
      },
      baseTag,
    ]);
    renderAt(URL_V1);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Too many requests');
    expect(alert).toHaveTextContent('Retry-After');
    await waitFor(() => expect(screen.getByTestId('retry-countdown')).toHaveTextContent('5'));
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByTestId('retry-countdown')).toHaveTextContent('3');
    expect(counter.tag).toBe(1);
    await act(() => vi.advanceTimersByTimeAsync(3500));
    expect(counter.tag).toBe(2);
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('5xx: shows x-vercel-id, retries with backoff, keeps trying slowly, recovers alone', async () => {
    const counter = useLookups();
    const down = {
      status: 503,
      headers: { 'x-vercel-id': 'fra1::down-1' },
      body: { error: { code: 'internal_server_error', message: 'Service unavailable' } },
    };
    // 1 first try + 4 retries (1+2+4+8 s), then slow polls every 10 s; up on the 7th request.
    serveTag(counter, [down, down, down, down, down, down, baseTag]);
    renderAt(URL_V1);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The API is having trouble');
    expect(alert).toHaveTextContent('fra1::down-1');
    expect(alert).toHaveTextContent(/Trying again|Retrying/);
    await act(() => vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 100));
    expect(counter.tag).toBe(5);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(counter.tag).toBe(6);
    expect(screen.getByRole('alert')).toHaveTextContent('The API is having trouble');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('network failure: says it cannot reach the API and recovers', async () => {
    const counter = useLookups();
    serveTag(counter, ['network', baseTag]);
    renderAt(URL_V1);
    expect(await screen.findByRole('alert')).toHaveTextContent('Cannot reach the API');
    await act(() => vi.advanceTimersByTimeAsync(1100));
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
  });

  it('keeps showing the tag while polling fails, and says so', async () => {
    const counter = useLookups();
    const preparing = { ...baseTag, status: 'preparing' };
    serveTag(counter, [
      preparing,
      { status: 502 },
      { status: 502 },
      { status: 502 },
      { status: 502 },
      { status: 502 },
      baseTag,
    ]);
    renderAt(URL_V1);
    await screen.findByText('Preparing');
    await act(() => vi.advanceTimersByTimeAsync(2000 + 1000 + 2000 + 4000 + 8000 + 100));
    expect(screen.getByTestId('tag-facts')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('The API is having trouble');
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    expect(screen.getByText('Ready', { exact: true })).toBeInTheDocument();
  });

  it('a response that breaks the contract gets a clear message, not a crash', async () => {
    const counter = useLookups();
    server.use(
      http.get('/api/v1/vcr/repository/:repo/tags/:tag', () => {
        counter.tag++;
        return HttpResponse.json(
          { tag: { ...baseTag, manifestDigest: 42 } },
          { headers: { 'x-vercel-id': 'iad1::odd' } },
        );
      }),
    );
    renderAt(URL_V1);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unexpected response from the API');
    expect(alert).toHaveTextContent('tag.manifestDigest');
    expect(alert).toHaveTextContent('iad1::odd');
    await act(() => vi.advanceTimersByTimeAsync(30_000));
    expect(counter.tag).toBe(1);
  });
});
