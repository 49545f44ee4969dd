/**
 * What every page may ask of the platform: whether this is a demo environment (GET /api/health) and who
 * is signed in (GET /api/v1/auth/me, which also gives the session's CSRF token).
 */
import { useQuery } from '@tanstack/react-query';
import { api, data, rememberCsrfToken } from './client.ts';

export const HEALTH_KEY = ['health'] as const;
export const SESSION_KEY = ['session'] as const;

export function useHealth() {
  return useQuery({
    queryKey: HEALTH_KEY,
    queryFn: () => data(api.GET('/api/health')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const me = await data(api.GET('/api/v1/auth/me'));
      rememberCsrfToken(me.kind === 'account' ? me.csrfToken : undefined);
      return me;
    },
  });
}

/** Whether a person is signed in (an account: a subject or staff), from the session query. */
export function useSignedIn(): boolean {
  return useSession().data?.kind === 'account';
}
