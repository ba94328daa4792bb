import { QueryClient } from '@tanstack/react-query';
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tagQueryKey } from '../../api/get-tag';
import { startDeepLinkFetch } from './start-deep-link-fetch';
import { baseTag, renderAt, serveTag, testQueryClient, useLookups } from './test-utils';

const SEARCH = '?projectId=prj_e2e&teamId=team_e2e';
const PATH = '/repositories/web-app/tags/v1.0.0';
const SCOPE = { projectId: 'prj_e2e', teamId: 'team_e2e' };

describe('startDeepLinkFetch', () => {
  it('starts the tag request before the first render, and the page waits for it', async () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    renderAt(PATH + SEARCH, (client) => {
      expect(startDeepLinkFetch(client, { pathname: PATH, search: SEARCH })).toBe(true);
      // In flight before anything renders.
      const state = client.getQueryState(tagQueryKey(SCOPE, 'web-app', 'v1.0.0'));
      expect(state?.fetchStatus).toBe('fetching');
    });
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
    // One request: the page's query found the early one in flight.
    expect(counter.tag).toBe(1);
  });

  it("leaves a failure to the page: a 404 shows the page's not-found panel", async () => {
    const counter = useLookups();
    serveTag(counter, [
      { status: 404, body: { error: { code: 'not_found', message: 'VCR Tag not found.' } } },
    ]);
    renderAt(PATH + SEARCH, (client) => {
      startDeepLinkFetch(client, { pathname: PATH, search: SEARCH });
    });
    expect(await screen.findByText(/Tag "v1.0.0" was not found/)).toBeInTheDocument();
    expect(counter.tag).toBe(1);
  });

  it('takes an answer that came before the page rendered as fresh: no second request', async () => {
    const counter = useLookups();
    serveTag(counter, [baseTag]);
    const client = testQueryClient();
    const key = tagQueryKey(SCOPE, 'web-app', 'v1.0.0');
    startDeepLinkFetch(client, { pathname: PATH, search: SEARCH });
    await waitFor(() => expect(client.getQueryState(key)?.status).toBe('success'));
    renderAt(PATH + SEARCH, undefined, client);
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
    // A copy opened from a list is refreshed one task after the render; this one is not.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(counter.tag).toBe(1);
  });

  it('keeps a failure that came before the page rendered, rather than asking again', async () => {
    const counter = useLookups();
    serveTag(counter, [
      { status: 401, body: { error: { code: 'forbidden', message: 'Not authorized' } } },
      baseTag,
    ]);
    const client = testQueryClient();
    const key = tagQueryKey(SCOPE, 'web-app', 'v1.0.0');
    startDeepLinkFetch(client, { pathname: PATH, search: SEARCH });
    // A slow first render: the early answer is in before the page mounts.
    await waitFor(() => expect(client.getQueryState(key)?.status).toBe('error'));
    const { unmount } = renderAt(PATH + SEARCH, undefined, client);
    expect(await screen.findByText('Not signed in to the Vercel API')).toBeInTheDocument();
    expect(counter.tag).toBe(1);
    expect(screen.queryByTestId('tag-facts')).not.toBeInTheDocument();

    // Only the deep link's first mount: opening the page again asks afresh.
    unmount();
    renderAt(PATH + SEARCH, undefined, client);
    expect(await screen.findByTestId('tag-facts')).toBeInTheDocument();
    expect(counter.tag).toBe(2);
  });

  it.each([
    ['another page', '/repositories/web-app', SEARCH],
    ['no projectId', PATH, '?teamId=team_e2e'],
    ['a tag name that cannot exist', '/repositories/web-app/tags/-bad', SEARCH],
    ['a repository name that cannot exist', '/repositories/Web App/tags/v1', SEARCH],
    ['an escaped path', '/repositories/web%2Dapp/tags/v1.0.0', SEARCH],
    ['more path after the tag', `${PATH}/extra`, SEARCH],
  ])('starts nothing for %s', (_, pathname, search) => {
    const client = new QueryClient();
    expect(startDeepLinkFetch(client, { pathname, search })).toBe(false);
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });
});
