import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { server } from '../test/msw-server';
import { fetchTagPage } from './list-tags';
import {
  clearPendingDeletions,
  HIDE_DELETING_MS,
  isImageDeleting,
  markImageDeleting,
} from './pending-deletions';

const scope = { projectId: 'prj_1' };
afterEach(() => clearPendingDeletions());

describe('pending deletions', () => {
  it('hides an image for a while, per scope and repository, then lets the API decide again', () => {
    markImageDeleting(scope, 'web', 'image_1', 1_000);
    expect(isImageDeleting(scope, 'web', 'image_1', 1_001)).toBe(true);
    expect(isImageDeleting(scope, 'api', 'image_1', 1_001)).toBe(false);
    expect(isImageDeleting({ projectId: 'prj_2' }, 'web', 'image_1', 1_001)).toBe(false);
    expect(isImageDeleting(scope, 'web', 'image_1', 1_000 + HIDE_DELETING_MS)).toBe(false);
  });

  it('leaves the tags of a deleting image out of a fetched tag page', async () => {
    const tag = (name: string, imageId: string) => ({
      tag: name,
      manifestDigest: `sha256:${'a'.repeat(64)}`,
      imageId,
      kind: 'manifest',
      platform: 'linux',
      arch: 'amd64',
      status: 'ready',
      sizeInBytes: 1,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    });
    server.use(
      http.get('/api/v1/vcr/repository/web/tags', () =>
        HttpResponse.json({
          tags: [tag('latest', 'image_1'), tag('v1', 'image_1'), tag('v0', 'image_0')],
          nextCursor: 'c',
        }),
      ),
    );
    markImageDeleting(scope, 'web', 'image_1');
    const page = await fetchTagPage(
      scope,
      'web',
      { sortBy: 'updatedAt', sortOrder: 'desc' },
      undefined,
    );
    expect(page.tags.map((t) => t.tag)).toEqual(['v0']);
    expect(page.nextCursor).toBe('c');
  });
});
