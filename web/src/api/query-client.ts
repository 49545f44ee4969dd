import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';

/**
 * One query client for the app. A refusal (4xx) is an answer, not a glitch: it is not retried; a
 * network failure or a 5xx is retried once.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});
