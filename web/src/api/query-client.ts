import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.ts';
import { SESSION_KEY } from './session.ts';

/**
 * One query client for the app. A refusal (4xx) is an answer, not a glitch: it is not retried; a
 * network failure or a 5xx is retried once. A 401 means the session ended (its 8 hours, or signed out
 * elsewhere): who is signed in is asked again, so pages that need a session send the person to sign in.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }
    },
  }),
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
