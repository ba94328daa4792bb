import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../api/api-error';

const MAX_BACKOFF_MS = 30_000;

/** Exponential backoff, but never sooner than the API's own `Retry-After`. */
export function retryDelay(attempt: number, error: unknown): number {
  const backoff = Math.min(1000 * 2 ** attempt, MAX_BACKOFF_MS);
  if (isApiError(error) && error.retryAfterMs !== undefined)
    return Math.max(error.retryAfterMs, 250);
  return backoff;
}

/** Only failures that may heal by themselves are retried; a 404 will not become a 200. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  return isApiError(error) && error.isTransient && failureCount < 4;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: shouldRetry,
        retryDelay,
        refetchOnWindowFocus: true,
      },
    },
  });
}
