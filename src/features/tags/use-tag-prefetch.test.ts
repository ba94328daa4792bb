import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { tagQueryKey } from '../../api/get-tag';
import { makeTag } from '../scope/test-render';
import { seedTagDetail } from './use-tag-prefetch';

const scope = { projectId: 'prj_1' };

describe('seedTagDetail', () => {
  it('seeds the detail query from the row, marked stale so the page refreshes it', () => {
    const qc = new QueryClient();
    const row = makeTag({ tag: 'v1' });
    seedTagDetail(qc, scope, 'web', row);
    const state = qc.getQueryState(tagQueryKey(scope, 'web', 'v1'));
    expect(state?.data).toEqual(row);
    expect(state?.dataUpdatedAt).toBe(0);
  });

  it('keeps a copy the detail page read itself unless the row is newer', () => {
    const qc = new QueryClient();
    const key = tagQueryKey(scope, 'web', 'v1');
    const fetched = makeTag({ tag: 'v1', status: 'ready', updatedAt: '2026-11-27T10:00:00.000Z' });
    qc.setQueryData(key, fetched);
    seedTagDetail(qc, scope, 'web', {
      ...fetched,
      status: 'preparing',
      updatedAt: '2026-11-27T09:00:00.000Z',
    });
    expect(qc.getQueryData(key)).toBe(fetched);
    const newer = { ...fetched, status: 'unoptimized', updatedAt: '2026-11-27T11:00:00.000Z' };
    seedTagDetail(qc, scope, 'web', newer);
    expect(qc.getQueryData(key)).toEqual(newer);
  });
});
