import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw-server';
import { ApiError } from './api-error';
import { fetchTag, tagQueryKey, tagQueryOptions } from './get-tag';
import { projectQueryOptions } from './get-project';
import { teamQueryOptions } from './get-team';
import type { Tag } from './schemas';

const tag: Tag = {
  tag: 'v1.0.0',
  manifestDigest: `sha256:${'a'.repeat(64)}`,
  imageId: 'image_1',
  kind: 'manifest',
  platform: 'linux',
  arch: 'amd64',
  status: 'ready',
  sizeInBytes: 38693274,
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-11-21T10:00:00Z',
};

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('fetchTag', () => {
  it('encodes path segments, sends the scope, and returns the tag', async () => {
    let seen: URL | undefined;
    server.use(
      http.get('/api/v1/vcr/repository/:repo/tags/:tag', ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ tag });
      }),
    );
    await expect(
      fetchTag({ projectId: 'prj_1', teamId: 'team_1' }, 'web-app', 'v1.0.0'),
    ).resolves.toEqual(tag);
    expect(seen?.pathname).toBe('/api/v1/vcr/repository/web-app/tags/v1.0.0');
    expect(seen?.searchParams.get('projectId')).toBe('prj_1');
    expect(seen?.searchParams.get('teamId')).toBe('team_1');
  });

  it.each([
    [null, 'web-app', 'latest', 'missing_project_id'],
    [{ projectId: 'p' }, 'Web_App', 'latest', 'invalid_repository_name'],
    [{ projectId: 'p' }, 'web-app', '.hidden', 'invalid_tag_name'],
    [{ projectId: 'p' }, 'web-app', 'a'.repeat(129), 'invalid_tag_name'],
    [{ projectId: 'p' }, 'web-app', 'a/b', 'invalid_tag_name'],
  ])('refuses %j %s:%s before any request', async (scope, repo, name, code) => {
    let requests = 0;
    server.use(
      http.get('*', () => {
        requests++;
        return HttpResponse.json({ tag });
      }),
    );
    const err = await rejection(fetchTag(scope, repo, name));
    expect(err.kind).toBe('invalid-input');
    expect(err.code).toBe(code);
    expect(requests).toBe(0);
  });

  it('accepts a repository id in place of a name', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/repo_abc/tags/latest', () => HttpResponse.json({ tag })),
    );
    await expect(fetchTag({ projectId: 'p' }, 'repo_abc', 'latest')).resolves.toEqual(tag);
  });

  it('keeps an unknown future status and kind instead of rejecting them', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/web-app/tags/latest', () =>
        HttpResponse.json({ tag: { ...tag, status: 'quarantined', kind: 'artifact' } }),
      ),
    );
    const t = await fetchTag({ projectId: 'p' }, 'web-app', 'latest');
    expect(t.status).toBe('quarantined');
    expect(t.kind).toBe('artifact');
  });

  it('reports a response that breaks the contract', async () => {
    server.use(
      http.get('/api/v1/vcr/repository/web-app/tags/latest', () =>
        HttpResponse.json({ tag: { ...tag, sizeInBytes: 'big' } }),
      ),
    );
    const err = await rejection(fetchTag({ projectId: 'p' }, 'web-app', 'latest'));
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain('tag.sizeInBytes');
  });
});

describe('tagQueryOptions', () => {
  it('keys by scope, repository and tag, and the key is typed for setQueryData', async () => {
    const a = tagQueryOptions({ projectId: 'p', teamId: 't' }, 'web-app', 'latest');
    expect(a.queryKey).toEqual(tagQueryKey({ teamId: 't', projectId: 'p' }, 'web-app', 'latest'));
    expect(a.queryKey).not.toEqual(tagQueryKey({ projectId: 'p' }, 'web-app', 'latest'));
    const client = new QueryClient();
    client.setQueryData(a.queryKey, tag);
    expect(client.getQueryData(a.queryKey)?.sizeInBytes).toBe(38693274);
  });
});

describe('scope look-ups', () => {
  it('looks a team up by id via /teams and by slug via /v2/teams', async () => {
    server.use(
      http.get('/api/teams/team_1', () =>
        HttpResponse.json({ id: 'team_1', slug: 'acme', name: 'Acme' }),
      ),
      http.get('/api/v2/teams/acme', () => HttpResponse.json({ id: 'team_1', slug: 'acme' })),
    );
    const client = new QueryClient();
    await expect(client.fetchQuery(teamQueryOptions({ teamId: 'team_1' }))).resolves.toMatchObject({
      slug: 'acme',
    });
    await expect(client.fetchQuery(teamQueryOptions({ slug: 'acme' }))).resolves.toMatchObject({
      id: 'team_1',
    });
  });

  it('looks a project up with the team in the query', async () => {
    let url: URL | undefined;
    server.use(
      http.get('/api/v9/projects/prj_1', ({ request }) => {
        url = new URL(request.url);
        return HttpResponse.json({ id: 'prj_1', name: 'storefront', accountId: 'team_1' });
      }),
    );
    const client = new QueryClient();
    await expect(
      client.fetchQuery(projectQueryOptions({ projectId: 'prj_1', teamId: 'team_1' })),
    ).resolves.toMatchObject({ name: 'storefront' });
    expect(url?.searchParams.get('teamId')).toBe('team_1');
    expect(url?.searchParams.has('projectId')).toBe(false);
  });
});
