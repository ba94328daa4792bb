// When to retry and how long to wait, shared by the query client (which retries) and the
// pages (which show the countdown to the next attempt), so the two can never disagree.
import { isApiError } from '../api/api-error';

const MAX_BACKOFF_MS = 30_000;
export const MAX_RETRIES = 4;

/** Exponential backoff, but never sooner than the API's own `Retry-After`. */
export function retryDelay(attempt: number, error: unknown): number {
  const backoff = Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS);
  if (isApiError(error) && error.retryAfterMs !== undefined)
    return Math.max(error.retryAfterMs, 250);
  return backoff;
}

/** Only failures that may heal by themselves are retried; a 404 will not become a 200. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isApiError(error) && error.isTransient && failureCount < MAX_RETRIES;
}
