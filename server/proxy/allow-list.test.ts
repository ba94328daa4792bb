import { describe, expect, it } from 'vitest';
import { matchAllowedRoute } from './allow-list';

const match = (path: string, query = '') => matchAllowedRoute(path, new URLSearchParams(query));

describe('matchAllowedRoute', () => {
  it('rebuilds a canonical path and query from the decoded values', () => {
    expect(match('/v1/vcr/repository/web%2Dapp/tags/v1', 'projectId=p&teamId=t')).toEqual({
      ok: true,
      path: '/v1/vcr/repository/web-app/tags/v1',
      search: '?projectId=p&teamId=t',
    });
    const digest = `sha256:${'0'.repeat(64)}`;
    expect(match(`/v1/vcr/repository/r/images/${digest}`)).toMatchObject({
      ok: true,
      path: `/v1/vcr/repository/r/images/${encodeURIComponent(digest)}`,
    });
  });

  it('matches whole paths only, never a prefix', () => {
    expect(match('/v9/projects/p')).toMatchObject({ ok: true });
    expect(match('/v9/projects/p/env')).toMatchObject({ ok: false, status: 404 });
    expect(match('/v9/projects')).toMatchObject({ ok: false, status: 404 });
    expect(match('/v1/vcr')).toMatchObject({ ok: false, status: 404 });
    expect(match('/v2/user/')).toMatchObject({ ok: false, status: 404 });
    expect(match('v2/user')).toMatchObject({ ok: false, status: 404 });
  });

  it('holds names to the naming rules', () => {
    expect(match('/v1/vcr/repository/' + 'a'.repeat(255))).toMatchObject({ ok: true });
    expect(match('/v1/vcr/repository/' + 'a'.repeat(256))).toMatchObject({ ok: false });
    expect(match('/v1/vcr/repository/r/tags/' + 'a'.repeat(129))).toMatchObject({ ok: false });
    expect(match('/v1/vcr/repository/r/tags/-bad')).toMatchObject({ ok: false });
    expect(match('/v1/vcr/repository/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('allows only the query parameters each route documents', () => {
    expect(match('/v1/vcr/repository/r/images', 'projectId=p&untagged=true')).toMatchObject({
      ok: true,
    });
    expect(match('/v1/vcr/repository/r/tags', 'projectId=p&untagged=true')).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(
      match('/v1/vcr/repository/r/tags', 'projectId=p&sortBy=tag&sortOrder=asc'),
    ).toMatchObject({ ok: true });
    expect(match('/v2/user', 'limit=1')).toMatchObject({ ok: false, status: 400 });
    expect(match('/v1/vcr/repository', `projectId=${'x'.repeat(1025)}`)).toMatchObject({
      ok: false,
    });
  });
});
