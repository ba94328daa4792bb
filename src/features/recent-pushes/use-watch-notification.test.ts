import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWatchNotification, type WatchItem } from './use-watch-notification';

const item = (key: string, preparing: boolean, status: string | null = 'preparing'): WatchItem => ({
  key,
  label: `${key}:v1`,
  preparing,
  kind: 'manifest',
  status,
  platform: 'linux',
  arch: key === 'arm' ? 'arm64' : 'amd64',
});

describe('useWatchNotification', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends ONE notification when every watched image has left preparing, however often it re-renders after', async () => {
    const shown: { title: string; body?: string }[] = [];
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = async () => 'granted';
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    vi.stubGlobal('Notification', FakeNotification);
    const { result, rerender } = renderHook((items: WatchItem[]) => useWatchNotification(items), {
      initialProps: [item('api', true), item('arm', true), item('old', false, 'ready')],
    });
    await act(() => result.current.start());
    expect(result.current.watchedCount).toBe(2);
    expect(result.current.phase).toBe('watching');
    // One done, one still preparing: nothing yet.
    rerender([item('api', false, 'ready'), item('arm', true), item('old', false, 'ready')]);
    expect(shown).toHaveLength(0);
    // A hidden tab that comes back with both done at once (the catch-up) tells once.
    rerender([item('api', false, 'ready'), item('arm', false, 'unoptimized')]);
    await waitFor(() => expect(result.current.phase).toBe('done'));
    rerender([item('api', false, 'ready'), item('arm', false, 'unoptimized')]);
    rerender([item('api', false, 'ready')]);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('All 2 images you watched have left preparing');
    expect(shown[0]!.body).toContain('arm:v1 is unoptimized');
    expect(result.current.announcement).toContain('arm:v1 is unoptimized');
  });

  it('says so when nothing is preparing instead of watching nothing', async () => {
    const { result } = renderHook(() => useWatchNotification([item('old', false, 'ready')]));
    await act(() => result.current.start());
    expect(result.current.phase).toBe('idle');
    expect(result.current.announcement).toMatch(/nothing to wait for/);
  });
});
