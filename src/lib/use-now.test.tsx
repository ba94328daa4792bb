import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './use-now';

function Clock({ id }: { id: string }) {
  const now = useNow(1000);
  return <span data-testid={id}>{now}</span>;
}

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-11-27T12:00:00Z') });
  });
  afterEach(() => vi.useRealTimers());

  it('ticks every interval and shares one timer between components', () => {
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    render(
      <>
        <Clock id="a" />
        <Clock id="b" />
      </>,
    );
    expect(setIntervalSpy).toHaveBeenCalledTimes(1);
    const start = Number(screen.getByTestId('a').textContent);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(Number(screen.getByTestId('a').textContent)).toBe(start + 3000);
    expect(screen.getByTestId('b').textContent).toBe(screen.getByTestId('a').textContent);
    setIntervalSpy.mockRestore();
  });

  it('stops its timer when nobody listens', () => {
    const clearSpy = vi.spyOn(globalThis, 'clearInterval');
    const { unmount } = render(<Clock id="a" />);
    unmount();
    expect(clearSpy).toHaveBeenCalled();
    clearSpy.mockRestore();
  });
});
