// React's useDeferredValue keeps showing the previous value while it renders the new one in
// the background. Within one page that is the point (the answer renders in slices); across
// pages it would show the previous tag's facts under the next tag's name for a frame.
import { useDeferredValue, useMemo } from 'react';

/** `value`, deferred while `identity` stays the same; at once when `identity` changes. */
export function useDeferredWithin<T>(identity: string, value: T): T {
  const current = useMemo(() => ({ identity, value }), [identity, value]);
  const deferred = useDeferredValue(current);
  return deferred.identity === identity ? deferred.value : value;
}
