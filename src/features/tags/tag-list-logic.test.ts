import { describe, expect, it } from 'vitest';
import type { TagListData } from '../../api/list-tags';
import { makeTag } from '../scope/test-render';
import {
  apiSort,
  applyViewToSearchParams,
  chooseLiveTarget,
  filterRows,
  flattenPages,
  mergeFreshTags,
  viewFromSearchParams,
} from './tag-list-logic';

describe('view in the URL', () => {
  it('reads defaults from an empty query and ignores values that cannot be', () => {
    expect(viewFromSearchParams(new URLSearchParams(''))).toEqual({
      sort: 'updated',
      order: 'desc',
      q: '',
      status: null,
    });
    expect(viewFromSearchParams(new URLSearchParams('sort=bogus&order=up&status=gone'))).toEqual({
      sort: 'updated',
      order: 'desc',
      q: '',
      status: null,
    });
    expect(viewFromSearchParams(new URLSearchParams('sort=name')).order).toBe('asc');
  });

  it('round-trips a view and leaves defaults out, keeping the scope', () => {
    const base = new URLSearchParams('projectId=prj_1&teamId=team_1');
    const out = applyViewToSearchParams(base, {
      sort: 'name',
      order: 'desc',
      q: 'build',
      status: 'preparing',
    });
    expect(out.toString()).toBe(
      'projectId=prj_1&teamId=team_1&sort=name&order=desc&q=build&status=preparing',
    );
    expect(viewFromSearchParams(out)).toEqual({
      sort: 'name',
      order: 'desc',
      q: 'build',
      status: 'preparing',
    });
    const defaults = applyViewToSearchParams(out, {
      sort: 'updated',
      order: 'desc',
      q: ' ',
      status: null,
    });
    expect(defaults.toString()).toBe('projectId=prj_1&teamId=team_1');
  });

  it('maps the view to the API sort parameters', () => {
    expect(apiSort({ sort: 'name', order: 'asc' })).toEqual({ sortBy: 'tag', sortOrder: 'asc' });
    expect(apiSort({ sort: 'updated', order: 'desc' })).toEqual({
      sortBy: 'updatedAt',
      sortOrder: 'desc',
    });
  });
});

describe('flattenPages', () => {
  it('puts latest first, once, and remembers each row’s page', () => {
    const a = makeTag({ tag: 'a' });
    const b = makeTag({ tag: 'b' });
    const latest = makeTag({ tag: 'latest' });
    const rows = flattenPages([{ tags: [a, latest] }, { tags: [b, latest] }]);
    expect(rows.map((r) => [r.tag.tag, r.page, r.pinned])).toEqual([
      ['latest', 0, true],
      ['a', 0, false],
      ['b', 1, false],
    ]);
  });
});

describe('filterRows', () => {
  const rows = flattenPages([
    {
      tags: [
        makeTag({ tag: 'v1-prep', status: 'preparing' }),
        makeTag({ tag: 'v1', status: 'ready' }),
        makeTag({ tag: 'arm', status: 'unoptimized' }),
        makeTag({ tag: 'multi', status: null, kind: 'index' }),
      ],
    },
  ]);
  it.each([
    ['preparing', ['v1-prep']],
    ['ready', ['v1']],
    ['unoptimized', ['arm']],
    ['index', ['multi']],
  ] as const)('filters by status %s', (status, names) => {
    expect(filterRows(rows, { q: '', status }).map((r) => r.tag.tag)).toEqual(names);
  });
  it('filters by text in the name, case-insensitively, combined with status', () => {
    expect(filterRows(rows, { q: 'V1', status: null }).map((r) => r.tag.tag)).toEqual([
      'v1-prep',
      'v1',
    ]);
    expect(filterRows(rows, { q: 'v1', status: 'ready' }).map((r) => r.tag.tag)).toEqual(['v1']);
  });
});

describe('mergeFreshTags', () => {
  it('updates rows in place and keeps the same object when nothing changed', () => {
    const prep = makeTag({ tag: 'p', status: 'preparing' });
    const other = makeTag({ tag: 'o' });
    const data: TagListData = {
      pages: [{ tags: [other] }, { tags: [prep], nextCursor: 'c2' }],
      pageParams: [undefined, 'c1'],
    };
    expect(mergeFreshTags(data, [other])).toBe(data);
    const ready = { ...prep, status: 'ready', updatedAt: '2026-11-27T00:00:00.000Z' };
    const merged = mergeFreshTags(data, [ready, makeTag({ tag: 'not-loaded' })]);
    expect(merged).not.toBe(data);
    expect(merged.pages[0]).toBe(data.pages[0]);
    expect(merged.pages[1]).toEqual({ tags: [ready], nextCursor: 'c2' });
    expect(merged.pageParams).toEqual([undefined, 'c1']);
  });
});

describe('chooseLiveTarget', () => {
  const rows = flattenPages([
    { tags: [makeTag({ tag: 'a', status: 'preparing' })] },
    {
      tags: [
        makeTag({ tag: 'b', status: 'preparing' }),
        makeTag({ tag: 'c', status: 'preparing' }),
      ],
    },
  ]);
  it('asks for nothing when no preparing row is in view', () => {
    expect(chooseLiveTarget([], new Set(), 0)).toBeNull();
  });
  it('reads the page holding most preparing rows first, then the others in turn', () => {
    expect(chooseLiveTarget(rows, new Set(), 0)).toEqual({ kind: 'page', page: 1 });
    expect(chooseLiveTarget(rows, new Set(), 1)).toEqual({ kind: 'page', page: 0 });
    expect(chooseLiveTarget(rows, new Set(), 2)).toEqual({ kind: 'page', page: 1 });
  });
  it('reads a row that left its page by name', () => {
    expect(chooseLiveTarget(rows.slice(0, 1), new Set(['a']), 0)).toEqual({
      kind: 'tag',
      tag: 'a',
    });
  });
});
