import { describe, expect, it } from 'vitest';
import { looksLikeImageReference, parseImageReference } from './image-reference';

const DIGEST = `sha256:${'ab12'.repeat(16)}`;

describe('parseImageReference', () => {
  it('reads a tag reference', () => {
    expect(parseImageReference('vcr.vercel.com/acme/storefront/web-app:latest')).toEqual({
      ok: true,
      ref: { team: 'acme', project: 'storefront', repo: 'web-app', tag: 'latest' },
    });
  });

  it('reads a digest reference, and keeps a tag written before the digest', () => {
    expect(parseImageReference(`vcr.vercel.com/acme/storefront/web-app@${DIGEST}`)).toEqual({
      ok: true,
      ref: { team: 'acme', project: 'storefront', repo: 'web-app', digest: DIGEST },
    });
    const both = parseImageReference(`vcr.vercel.com/acme/storefront/web-app:v1@${DIGEST}`);
    expect(both.ok && both.ref.digest).toBe(DIGEST);
    expect(both.ok && both.ref.tag).toBe('v1');
  });

  it('accepts a whole docker pull line, quotes and a scheme', () => {
    const r = parseImageReference(
      '  docker pull "https://vcr.vercel.com/acme/storefront/api.v2:build-7" ',
    );
    expect(r).toEqual({
      ok: true,
      ref: { team: 'acme', project: 'storefront', repo: 'api.v2', tag: 'build-7' },
    });
  });

  it.each([
    ['', /Paste an image reference/],
    ['docker.io/library/node:20', /another registry/],
    ['vcr.vercel.com/acme/web-app:latest', /three parts/],
    ['vcr.vercel.com/acme/storefront/web-app', /no tag or digest/],
    ['vcr.vercel.com/Acme/storefront/web-app:latest', /"Acme" cannot be a team slug/],
    ['vcr.vercel.com/acme/store_front/web-app:latest', /cannot be a project name/],
    ['vcr.vercel.com/acme/storefront/Web-App:latest', /cannot be a repository name/],
    ['vcr.vercel.com/acme/storefront/web-app:-bad', /"-bad" cannot be a tag/],
    ['vcr.vercel.com/acme/storefront/web-app@sha256:abc', /is not a digest/],
    ['vcr.vercel.com/acme/storefront/web app:latest', /no spaces/],
  ])('refuses %j with a clear message', (input, message) => {
    const r = parseImageReference(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('looksLikeImageReference', () => {
  it('tells a reference from a project id', () => {
    expect(looksLikeImageReference('vcr.vercel.com/a/b/c:d')).toBe(true);
    expect(looksLikeImageReference('docker pull x')).toBe(true);
    expect(looksLikeImageReference('prj_123')).toBe(false);
  });
});
