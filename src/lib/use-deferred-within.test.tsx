import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useDeferredWithin } from './use-deferred-within';

describe('useDeferredWithin', () => {
  it("never returns one identity's value under another", () => {
    const seen: Array<[string, string | undefined]> = [];
    const { rerender, result } = renderHook(
      ({ id, value }: { id: string; value: string | undefined }) => {
        const out = useDeferredWithin(id, value);
        seen.push([id, out]);
        return out;
      },
      { initialProps: { id: 'web:v1', value: 'facts of v1' as string | undefined } },
    );
    rerender({ id: 'web:v2', value: undefined });
    expect(result.current).toBeUndefined();
    expect(seen.filter(([id, out]) => id === 'web:v2' && out === 'facts of v1')).toEqual([]);
  });

  it('ends on the latest value within one identity', () => {
    const { rerender, result } = renderHook(
      ({ value }: { value: string | undefined }) => useDeferredWithin('web:v1', value),
      { initialProps: { value: undefined as string | undefined } },
    );
    rerender({ value: 'facts of v1' });
    expect(result.current).toBe('facts of v1');
  });
});
