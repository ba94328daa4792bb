import { describe, expect, it } from 'vitest';
import { apiRequestUrl, checkRequestTarget } from './request-guard';

const api = (target: string) => apiRequestUrl(new URL(`http://127.0.0.1:5173${target}`));

describe('apiRequestUrl', () => {
  it('strips the mount point and keeps the query, on the same origin', () => {
    const url = api('/api/v1/vcr/repository?projectId=p&teamId=t');
    expect(url).toBeInstanceOf(URL);
    expect((url as URL).href).toBe('http://127.0.0.1:5173/v1/vcr/repository?projectId=p&teamId=t');
    expect((api('/api') as URL).pathname).toBe('/');
    expect((api('/api/') as URL).pathname).toBe('/');
  });

  it.each([
    '/api//evil.example/v1/vcr/repository',
    '/api//v2/user',
    '/api/v1//vcr/repository',
    '/api/v2/user/',
  ])('refuses %s with 400 instead of changing its meaning', (target) => {
    expect(api(target)).toMatchObject({ status: 400, code: 'bad_request' });
  });
});

describe('checkRequestTarget', () => {
  it.each(['/api//evil.example/v2/user', '/api/v1//vcr', '/api/v2/user/', '/v2//user'])(
    'refuses the empty segment in %s',
    (target) => {
      expect(checkRequestTarget(target)).toMatchObject({ status: 400 });
    },
  );
  it('accepts a plain target, with // inside the query', () => {
    expect(checkRequestTarget('/api/v1/vcr/repository?cursor=a//b')).toBeNull();
    expect(checkRequestTarget('/')).toBeNull();
  });
});
