import { describe, expect, it } from 'vitest';
import { classifyGoTo } from './classify-go-to';

const ORIGIN = 'http://localhost:5173';
const HEX = '0123456789abcdef'.repeat(4);
const DIGEST = `sha256:${HEX}`;
const c = (s: string) => classifyGoTo(s, ORIGIN);

describe('classifyGoTo', () => {
  it('takes full references through the start page’s parser (tag, digest, docker pull line)', () => {
    expect(c('vcr.vercel.com/acme/storefront/web-app:v1')).toEqual({
      kind: 'reference',
      ref: { team: 'acme', project: 'storefront', repo: 'web-app', tag: 'v1' },
    });
    expect(c(`docker pull vcr.vercel.com/acme/storefront/web-app@${DIGEST}`)).toEqual({
      kind: 'reference',
      ref: { team: 'acme', project: 'storefront', repo: 'web-app', digest: DIGEST },
    });
    const bad = c('vcr.vercel.com/acme/web-app:v1');
    expect(bad.kind === 'invalid' && bad.message).toMatch(/three parts/);
  });

  it('takes a dashboard link from any host, or a path, and refuses other pages', () => {
    expect(c('http://other-host:8080/repositories/web-app/tags/v1?projectId=prj_1#x')).toEqual({
      kind: 'url',
      path: '/repositories/web-app/tags/v1?projectId=prj_1#x',
    });
    expect(c('/repositories/web-app?projectId=prj_1')).toEqual({
      kind: 'url',
      path: '/repositories/web-app?projectId=prj_1',
    });
    expect(c(`${ORIGIN}/repositories/web-app/images/image_abc?projectId=p`).kind).toBe('url');
    const other = c('https://vercel.com/acme/storefront/settings');
    expect(other.kind === 'invalid' && other.message).toMatch(/not a page of this dashboard/);
  });

  it('takes a digest (with or without sha256:) and an image id', () => {
    expect(c(DIGEST)).toEqual({ kind: 'image', ref: DIGEST });
    expect(c(HEX.toUpperCase())).toEqual({ kind: 'image', ref: DIGEST });
    expect(c('image_abc123')).toEqual({ kind: 'image', ref: 'image_abc123' });
    const short = c('sha256:0123');
    expect(short.kind === 'invalid' && short.message).toMatch(/not a full digest/);
    const badId = c('image_');
    expect(badId.kind === 'invalid' && badId.message).toMatch(/not an image id/);
  });

  it('takes the 12-hex short digest the lists show', () => {
    expect(c('0123456789AB')).toEqual({ kind: 'short-digest', prefix: 'sha256:0123456789ab' });
    expect(c('sha256:0123456789ab')).toEqual({
      kind: 'short-digest',
      prefix: 'sha256:0123456789ab',
    });
    // Any other length of hex is a name (a repository can be called "deadbeef").
    expect(c('deadbeef')).toEqual({ kind: 'repository', repo: 'deadbeef' });
  });

  it('takes repo:tag, repo@digest and a bare repository name within the current project', () => {
    expect(c('web-app:latest')).toEqual({ kind: 'tag', repo: 'web-app', tag: 'latest' });
    expect(c(`web-app@${DIGEST}`)).toEqual({ kind: 'image', ref: DIGEST, repo: 'web-app' });
    expect(c('web-app')).toEqual({ kind: 'repository', repo: 'web-app' });
    const badTag = c('web-app:-x');
    expect(badTag.kind === 'invalid' && badTag.message).toMatch(/cannot be a tag/);
  });

  it('explains empty and unreadable input', () => {
    expect(c('  ').kind).toBe('invalid');
    const junk = c('Hello World!');
    expect(junk.kind === 'invalid' && junk.message).toMatch(/vcr\.vercel\.com/);
    expect(c('Web_App!').kind).toBe('invalid');
  });
});
