// How often the tag detail page asks again. Pure functions of the query state, so the
// policy is unit-tested without timers and the hook stays a thin wrapper.
import type { Tag } from '../../api/schemas';
import { isApiError } from '../../api/api-error';

/** While preparing: the pace the issue promises ("checking every 2 s"). */
export const VISIBLE_POLL_MS = 2000;
/** In a hidden tab: slower, but still watching, so the tab is current when shown. */
export const HIDDEN_POLL_MS = 10_000;
/** After retries are exhausted on a transient failure: keep trying slowly to recover alone. */
export const ERROR_POLL_MS = 10_000;

export interface WatchState {
  data: Tag | undefined;
  error: unknown;
  visible: boolean;
}

export function isPreparing(tag: Tag | undefined): boolean {
  return tag?.status === 'preparing';
}

/** Milliseconds until the next check, or false for none (terminal tag, permanent error). */
export function pollInterval({ data, error, visible }: WatchState): number | false {
  if (error && isApiError(error) && error.isTransient) {
    const base = Math.max(ERROR_POLL_MS, visible ? 0 : HIDDEN_POLL_MS);
    return Math.max(base, error.retryAfterMs ?? 0);
  }
  if (error) return false; // 401/403/404/410/broken response: asking again will not help
  if (isPreparing(data)) return visible ? VISIBLE_POLL_MS : HIDDEN_POLL_MS;
  return false;
}
