import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/ApiError';

/** Retries only what may succeed on retry: network failures and 5xx, never a 4xx verdict. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failureCount, error) => failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}
