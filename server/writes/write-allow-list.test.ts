import { describe, expect, it } from 'vitest';
import { matchAllowedWrite, MAX_WRITE_BODY_BYTES } from './write-allow-list';

const JSON_CT = 'application/json';
const Q = new URLSearchParams('projectId=prj_1&teamId=team_1');
const match = (
  method: string,
  path: string,
  body = '',
  contentType: string | null = body ? JSON_CT : null,
  query = Q,
) => matchAllowedWrite(method, path, query, contentType, body);

describe('matchAllowedWrite: the admitted writes', () => {
  it.each([
    ['DELETE', '/v1/vcr/repository/web-app', '', null],
    ['DELETE', '/v1/vcr/repository/repo_abc', '', null],
    ['DELETE', '/v1/vcr/repository/web-app/images/image_abc123', '', null],
    ['DELETE', `/v1/vcr/repository/web-app/images/sha256%3A${'a'.repeat(64)}`, '', null],
    ['PATCH', '/v1/vcr/repository/web-app', '{"public":true}', '{"public":true}'],
    ['PATCH', '/v1/vcr/repository/web-app', '{ "public" : false }', '{"public":false}'],
    [
      'POST',
      '/v1/vcr/repository/web-app/permissions',
      '{"teamId":"team_x1"}',
      '{"teamId":"team_x1"}',
    ],
    [
      'POST',
      '/v1/vcr/repository/web-app/permissions',
      '{\n  "teamSlug": "partner-labs"\n}',
      '{"teamSlug":"partner-labs"}',
    ],
    [
      'DELETE',
      '/v1/vcr/repository/web-app/permissions',
      '{"teamSlug":"acme"}',
      '{"teamSlug":"acme"}',
    ],
    ['DELETE', '/v1/vcr/repository/web-app/permissions/all', '', null],
  ])('%s %s %s → canonical body %s', (method, path, body, canonical) => {
    const m = match(method, path, body);
    expect(m).toEqual({
      ok: true,
      method,
      path: path.replace('%3A', '%3A'),
      search: '?projectId=prj_1&teamId=team_1',
      body: canonical,
    });
  });

  it('accepts a JSON content type with a utf-8 charset', () => {
    const m = match(
      'PATCH',
      '/v1/vcr/repository/a',
      '{"public":true}',
      'application/json; charset=utf-8',
    );
    expect(m.ok).toBe(true);
  });
});

describe('matchAllowedWrite: everything else is refused', () => {
  it.each([
    ['a write to a read-only route', 'DELETE', '/v1/vcr/repository/web-app/tags/latest', ''],
    [
      'create repository (not admitted)',
      'POST',
      '/v1/vcr/repository',
      '{"name":"x","projectId":"p"}',
    ],
    ['PATCH a project', 'PATCH', '/v9/projects/prj_1', '{"public":true}'],
    ['PUT', 'PUT', '/v1/vcr/repository/web-app', '{"public":true}'],
    ['POST to permissions/all', 'POST', '/v1/vcr/repository/web-app/permissions/all', ''],
    ['an extra segment', 'DELETE', '/v1/vcr/repository/web-app/images/image_1/x', ''],
    ['a bad image reference', 'DELETE', '/v1/vcr/repository/web-app/images/sha256%3Azz', ''],
    ['a trailing slash', 'DELETE', '/v1/vcr/repository/web-app/', ''],
  ])('%s', (_name, method, path, body) => {
    const m = match(method, path, body);
    expect(m.ok).toBe(false);
    if (!m.ok) expect([404, 405]).toContain(m.status);
  });

  it.each([
    ['an extra field', '{"public":true,"name":"evil"}'],
    ['a string for a boolean', '{"public":"true"}'],
    ['no field', '{}'],
    ['malformed JSON', '{"public":tru'],
    ['an array', '[true]'],
    ['null', 'null'],
    ['duplicated keys that parse to an extra field', '{"public":true,"public":true,"x":1}'],
  ])('PATCH with %s → 400', (_name, body) => {
    const m = match('PATCH', '/v1/vcr/repository/web-app', body);
    expect(m).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    ['both teamId and teamSlug', '{"teamId":"team_a","teamSlug":"a"}'],
    ['an extra field', '{"teamId":"team_a","role":"owner"}'],
    ['a team id that is not team_…', '{"teamId":"usr_1"}'],
    ['a slug with capitals', '{"teamSlug":"Acme"}'],
    ['an empty object', '{}'],
  ])('permissions with %s → 400', (_name, body) => {
    for (const method of ['POST', 'DELETE']) {
      const m = match(method, '/v1/vcr/repository/web-app/permissions', body);
      expect(m, method).toMatchObject({ ok: false, status: 400 });
    }
  });

  it('a body where none is taken → 400', () => {
    expect(match('DELETE', '/v1/vcr/repository/web-app', '{"force":true}')).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it('a body that is not declared JSON → 415', () => {
    expect(match('PATCH', '/v1/vcr/repository/a', '{"public":true}', 'text/plain')).toMatchObject({
      ok: false,
      status: 415,
    });
    expect(match('PATCH', '/v1/vcr/repository/a', '{"public":true}', null)).toMatchObject({
      ok: false,
      status: 415,
    });
  });

  it('an oversized body → 413', () => {
    const body = `{"public":true${' '.repeat(MAX_WRITE_BODY_BYTES)}}`;
    expect(match('PATCH', '/v1/vcr/repository/a', body)).toMatchObject({ ok: false, status: 413 });
  });

  it('query parameters as for reads: scope only, no repeats', () => {
    const path = '/v1/vcr/repository/web-app';
    expect(
      match('DELETE', path, '', null, new URLSearchParams('projectId=p&force=1')),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      match('DELETE', path, '', null, new URLSearchParams('projectId=p&projectId=q')),
    ).toMatchObject({ ok: false, status: 400 });
    expect(
      match('DELETE', path, '', null, new URLSearchParams('projectId=p&slug=acme')),
    ).toMatchObject({ ok: true, search: '?projectId=p&slug=acme' });
  });
});
