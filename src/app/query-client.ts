import { QueryClient } from '@tanstack/react-query';
import { retryDelay, shouldRetry } from '../lib/retry-policy';

// The policy lives in src/lib so pages can show when the next attempt happens.
export { retryDelay, shouldRetry };

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
