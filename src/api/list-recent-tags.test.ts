import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw-server';
import { fetchAllRepositories } from './list-all-repositories';
import { fetchRecentTags } from './list-recent-tags';
import type { Tag } from './schemas';

const scope = { projectId: 'prj_1' };
const NOW = Date.parse('2026-12-06T12:00:00.000Z');

function tag(name: string, minutesAgo: number): Tag {
  const at = new Date(NOW - minutesAgo * 60_000).toISOString();
  return {
    tag: name,
    imageId: `image_${name}`,
    manifestDigest: `sha256:${'a'.repeat(64)}`,
    kind: 'manifest',
    status: 'ready',
    sizeInBytes: 1,
    createdAt: at,
    updatedAt: at,
  };
}

describe('fetchRecentTags', () => {
  it('reads pages newest first until one ends before the window, keeping only tags inside it', async () => {
    const cursors: (string | null)[] = [];
    server.use(
      http.get('/api/v1/vcr/repository/web/tags', ({ request }) => {
        const url = new URL(request.url);
        expect(url.searchParams.get('sortBy')).toBe('updatedAt');
        expect(url.searchParams.get('sortOrder')).toBe('desc');
        const cursor = url.searchParams.get('cursor');
        cursors.push(cursor);
        if (!cursor) {
          // The pinned `latest` comes first whatever its age.
          return HttpResponse.json({
            tags: [tag('latest', 5000), tag('a', 1), tag('b', 30)],
            nextCursor: 'p2',
          });
        }
        if (cursor === 'p2') {
          return HttpResponse.json({ tags: [tag('c', 50), tag('d', 90)], nextCursor: 'p3' });
        }
        return HttpResponse.json({ tags: [tag('e', 100)] });
      }),
    );
    const tags = await fetchRecentTags(scope, 'web', NOW - 60 * 60_000);
    expect(tags.map((t) => t.tag)).toEqual(['a', 'b', 'c']);
    expect(cursors).toEqual([null, 'p2']);
  });
});

describe('fetchAllRepositories', () => {
  it('asks for the largest page and follows the cursor', async () => {
    const limits: (string | null)[] = [];
    server.use(
      http.get('/api/v1/vcr/repository', ({ request }) => {
        const url = new URL(request.url);
        limits.push(url.searchParams.get('limit'));
        const repo = (name: string) => ({
          id: `repo_${name}`,
          projectId: 'prj_1',
          name,
          public: false,
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        });
        return url.searchParams.get('cursor')
          ? HttpResponse.json({ repositories: [repo('b')] })
          : HttpResponse.json({ repositories: [repo('a')], nextCursor: 'x' });
      }),
    );
    const all = await fetchAllRepositories(scope);
    expect(all.map((r) => r.name)).toEqual(['a', 'b']);
    expect(limits).toEqual(['1000', '1000']);
  });
});
