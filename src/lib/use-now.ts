// One shared clock per refresh rate, so a page of relative times re-renders together from a
// single timer instead of one timer per row. The timer runs only while someone listens.
import { useCallback, useSyncExternalStore } from 'react';
import { useRenderInfo } from './render-context';

interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | undefined;
}

const clocks = new Map<number, Clock>();

function clockFor(intervalMs: number): Clock {
  let clock = clocks.get(intervalMs);
  if (!clock) {
    clock = { now: Date.now(), listeners: new Set(), timer: undefined };
    clocks.set(intervalMs, clock);
  }
  return clock;
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const clock = clockFor(intervalMs);
  clock.listeners.add(listener);
  if (clock.timer === undefined) {
    clock.now = Date.now();
    clock.timer = setInterval(() => {
      clock.now = Date.now();
      for (const l of clock.listeners) l();
    }, intervalMs);
    // A stopped clock may hold an old time from its last run: let the new listener catch up.
    queueMicrotask(listener);
  }
  return () => {
    clock.listeners.delete(listener);
    if (clock.listeners.size === 0 && clock.timer !== undefined) {
      clearInterval(clock.timer);
      clock.timer = undefined;
    }
  };
}

/** The current time in ms, updated every `intervalMs` (shared by all callers of that rate). */
export function useNow(intervalMs = 1000): number {
  // A stable subscribe: a new function each render makes React unsubscribe and resubscribe
  // every listener on every tick, which stops and restarts the clock (a new `now`), which
  // renders again: an update loop on pages with many relative times (the tag list).
  const sub = useCallback((listener: () => void) => subscribe(intervalMs, listener), [intervalMs]);
  // Hydration must see the server's clock (the HTML says "5 minutes ago" as of then); the
  // reader's clock takes over in the render right after.
  const rendered = useRenderInfo()?.renderedAt;
  return useSyncExternalStore(
    sub,
    () => clockFor(intervalMs).now,
    () => rendered ?? clockFor(intervalMs).now,
  );
}
