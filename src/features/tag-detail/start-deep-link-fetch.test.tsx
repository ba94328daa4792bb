import { QueryClient } from '@tanstack/react-query';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { tagQueryKey } from '../../api/get-tag';
import { startDeepLinkFetch } from './start-deep-link-fetch';
import { baseTag, renderAt, serveTag, useLookups } from './test-utils';

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
