import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { makeTag } from '../scope/test-render';
import {
  activeRepositories,
  applyViewToSearchParams,
  groupPushes,
  indexSummary,
  matchesView,
  viewFromSearchParams,
} from './recent-pushes-logic';
import { faultOf, PUSHES_POLL_MS, recentTagsInterval, SWEEP_MS } from './use-recent-pushes';
import { doneMessage } from './use-watch-notification';
import { HIDDEN_POLL_MS } from '../tag-detail/watch-policy';

const since = Date.parse('2026-12-06T11:00:00.000Z');
const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('groupPushes', () => {
  it('makes one row per (repository, digest), newest first, tags most recent first', () => {
    const rows = groupPushes(
      [
        {
          repository: 'api',
          tags: [
            makeTag({
              tag: 'staging',
              manifestDigest: d('a'),
              updatedAt: '2026-12-06T11:10:00.000Z',
            }),
            makeTag({
              tag: 'latest',
              manifestDigest: d('a'),
              updatedAt: '2026-12-06T11:20:00.000Z',
              pushedBy: 'ci',
            }),
            makeTag({ tag: 'old', manifestDigest: d('b'), updatedAt: '2026-12-06T10:00:00.000Z' }),
          ],
        },
        {
          repository: 'web',
          tags: [
            makeTag({ tag: 'v2', manifestDigest: d('a'), updatedAt: '2026-12-06T11:30:00.000Z' }),
          ],
        },
      ],
      since,
    );
    expect(rows.map((r) => [r.repository, r.tags])).toEqual([
      ['web', ['v2']],
      ['api', ['latest', 'staging']],
    ]);
    expect(rows[1]).toMatchObject({ pushedBy: 'ci', updatedAt: '2026-12-06T11:20:00.000Z' });
  });
});

describe('view in the URL', () => {
  it('reads window, status and repository, falls back on nonsense, and writes only non-defaults', () => {
    const view = viewFromSearchParams(new URLSearchParams('window=hour&status=preparing&repo=api'));
    expect(view).toEqual({ window: 'hour', status: 'preparing', repo: 'api' });
    expect(viewFromSearchParams(new URLSearchParams('window=year&status=bogus'))).toEqual({
      window: 'day',
      status: 'all',
      repo: '',
    });
    const params = applyViewToSearchParams(new URLSearchParams('projectId=p&window=hour'), {
      window: 'day',
      status: 'ready',
      repo: '',
    });
    expect(params.toString()).toBe('projectId=p&status=ready');
  });
});

describe('filters and index rows', () => {
  const [row] = groupPushes(
    [
      {
        repository: 'api',
        tags: [makeTag({ kind: 'index', status: null, updatedAt: '2026-12-06T11:30:00.000Z' })],
      },
    ],
    since,
  );
  const progress = {
    platforms: 3,
    ready: 2,
    preparing: 1,
    unoptimized: [],
    loading: false,
    error: null,
  };
  it('an index with a preparing platform counts as preparing', () => {
    expect(matchesView(row!, { window: 'day', status: 'preparing', repo: '' }, progress)).toBe(
      true,
    );
    expect(
      matchesView(
        row!,
        { window: 'day', status: 'preparing', repo: '' },
        { ...progress, preparing: 0 },
      ),
    ).toBe(false);
    expect(matchesView(row!, { window: 'day', status: 'all', repo: 'web' }, progress)).toBe(false);
  });
  it('summarises its platforms', () => {
    expect(indexSummary(progress)).toBe('index: 2 of 3 platforms ready');
    expect(indexSummary({ ...progress, error: 'x' })).toBe('index: platforms unavailable');
  });
});

describe('cost', () => {
  it('lists tags only of repositories updated inside the window', () => {
    const repos = [
      { name: 'a', updatedAt: '2026-12-06T11:30:00.000Z' },
      { name: 'b', updatedAt: '2026-12-05T11:30:00.000Z' },
    ];
    expect(activeRepositories(repos, since).map((r) => r.name)).toEqual(['a']);
  });
  it('reads a preparing repository each interval, the rest once a minute, a 429 after Retry-After', () => {
    const beat = 60_000 * 1000; // a moment on every beat (5 s, 10 s, 60 s)
    expect(recentTagsInterval([makeTag({ status: 'preparing' })], null, true, beat)).toBe(
      PUSHES_POLL_MS,
    );
    expect(recentTagsInterval([makeTag()], null, true, beat)).toBe(SWEEP_MS);
    // Reads land on the wall clock's beats, so every viewer asks at the same moment.
    expect(recentTagsInterval([makeTag({ status: 'preparing' })], null, true, beat + 1200)).toBe(
      PUSHES_POLL_MS - 1200,
    );
    // A hidden tab slows down to the tag page's hidden pace.
    expect(recentTagsInterval([makeTag({ status: 'preparing' })], null, false, beat)).toBe(
      HIDDEN_POLL_MS,
    );
    const limited = new ApiError({
      kind: 'http',
      status: 429,
      message: 'slow',
      retryAfterMs: 30_000,
    });
    expect(recentTagsInterval(undefined, limited, true)).toBe(30_000);
    const forbidden = new ApiError({ kind: 'http', status: 403, message: 'no' });
    expect(recentTagsInterval(undefined, forbidden, true)).toBe(false);
  });
  it('names each fault', () => {
    const gone = new ApiError({ kind: 'http', status: 404, message: 'VCR Tag not found.' });
    expect(faultOf('api', gone, 0).kind).toBe('gone');
    const limited = new ApiError({
      kind: 'http',
      status: 429,
      message: 'slow',
      retryAfterMs: 7000,
    });
    expect(faultOf('api', limited, 1000)).toMatchObject({ kind: 'rate-limited', retryAt: 8000 });
  });
});

describe('doneMessage', () => {
  it('names the unoptimized ones and why', () => {
    const { title, body } = doneMessage([
      { key: '1', label: 'api:v1', preparing: false, kind: 'manifest', status: 'ready' },
      {
        key: '2',
        label: 'arm:v1',
        preparing: false,
        kind: 'manifest',
        status: 'unoptimized',
        platform: 'linux',
        arch: 'arm64',
      },
    ]);
    expect(title).toBe('All 2 images you watched have left preparing');
    expect(body).toContain('arm:v1 is unoptimized');
    expect(body).toContain('built for linux/arm64, not linux/amd64');
    expect(body).not.toContain('api:v1');
  });
});
