import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Tag } from '../../api/schemas';
import { baseTag } from './test-utils';
import { pageTitle, readyMessage, useReadySignals } from './use-ready-signals';

describe('readyMessage', () => {
  it('says ready only for the statuses that are', () => {
    expect(readyMessage({ ...baseTag, status: 'ready' })).toBe('v1.0.0 is ready');
    expect(readyMessage({ ...baseTag, status: 'unoptimized' })).toBe(
      'v1.0.0 is ready (unoptimized)',
    );
    expect(readyMessage({ ...baseTag, status: 'failed' })).toBe('v1.0.0 is now failed');
  });
});

describe('pageTitle', () => {
  it('leads with the status so a background tab shows it', () => {
    expect(pageTitle('web', 'v1', undefined)).toBe('web:v1 · VCR Dashboard');
    expect(pageTitle('web', 'v1', { ...baseTag, status: 'preparing' })).toBe(
      'Preparing · web:v1 · VCR Dashboard',
    );
    expect(pageTitle('web', 'v1', { ...baseTag, status: 'unoptimized' })).toBe(
      'Ready (unoptimized) · web:v1 · VCR Dashboard',
    );
  });
});

describe('useReadySignals', () => {
  const tag = (name: string, status: Tag['status']): Tag => ({ ...baseTag, tag: name, status });
  const watch = (first: Tag) =>
    renderHook(({ data }: { data: Tag }) => useReadySignals('web', data.tag, data), {
      initialProps: { data: first },
    });

  it('announces a tag that turns ready while watched', () => {
    const { result, rerender } = watch(tag('v1', 'preparing'));
    rerender({ data: tag('v1', 'ready') });
    expect(result.current.announcement).toBe('v1 is ready');
  });

  it('does not announce a move from a preparing tag to another that is ready', () => {
    const { result, rerender } = watch(tag('v1', 'preparing'));
    rerender({ data: tag('v2', 'ready') });
    expect(result.current.announcement).toBe('');
  });
});
