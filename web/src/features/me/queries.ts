/**
 * The subject's data, one query each, shared by the pages (TanStack Query caches them under ME_KEY,
 * dropped when the person signs out). Reference data (catalog, departments, filing rules) is kept for
 * the visit.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, data } from '../../api/client.ts';
import { useSession } from '../../api/session.ts';
import type { CatalogItem, Department, MyRecord } from './labels.ts';

export const ME_KEY = ['me'] as const;
export const RECORDS_KEY = [...ME_KEY, 'records'] as const;
export const OBJECTIONS_KEY = [...ME_KEY, 'objections'] as const;
export const REPAIRS_KEY = [...ME_KEY, 'repairs'] as const;
export const CONSENTS_KEY = [...ME_KEY, 'consents'] as const;
/** the consents given to me as a counterparty (B24) */
export const RECEIVED_CONSENTS_KEY = [...ME_KEY, 'consents-received'] as const;
export const INBOX_KEY = [...ME_KEY, 'inbox'] as const;

const REFERENCE = { staleTime: Number.POSITIVE_INFINITY } as const;

/** Whether the session is a subject's own account (the pages under /me are for it alone). */
export function useIsSubject(): boolean {
  const { data: me } = useSession();
  return me?.kind === 'account' && me.role === 'subject';
}

export function useMySubject() {
  return useQuery({ queryKey: [...ME_KEY, 'subject'], queryFn: () => data(api.GET('/api/v1/me/subject')) });
}

export function useMyRecords() {
  return useQuery({ queryKey: RECORDS_KEY, queryFn: () => data(api.GET('/api/v1/me/records')) });
}

/** One of my records by id, from the records query. */
export function useMyRecord(recordId: string | null | undefined): {
  record: MyRecord | undefined;
  isPending: boolean;
  error: Error | null;
} {
  const { data: mine, isPending, error } = useMyRecords();
  const record = recordId ? mine?.records.find((r) => r.id === recordId) : undefined;
  return { record, isPending, error };
}

export function useCatalog() {
  const query = useQuery({
    queryKey: ['catalog'],
    queryFn: () => data(api.GET('/api/v1/catalog')),
    ...REFERENCE,
  });
  const byCode = useMemo(
    () => new Map<string, CatalogItem>((query.data?.items ?? []).map((item) => [item.code, item])),
    [query.data],
  );
  return { ...query, byCode };
}

export function useDepartments() {
  const query = useQuery({
    queryKey: ['departments'],
    queryFn: () => data(api.GET('/api/v1/departments')),
    ...REFERENCE,
  });
  const byCode = useMemo(
    () => new Map<string, Department>((query.data?.departments ?? []).map((d) => [d.code, d])),
    [query.data],
  );
  /** A department's name, or its code while the list loads or when it is not known. */
  const nameOf = useCallback((code: string) => byCode.get(code)?.name ?? code, [byCode]);
  return { ...query, byCode, nameOf };
}

export function useFilingRules() {
  return useQuery({
    queryKey: ['filing-rules'],
    queryFn: () => data(api.GET('/api/v1/procedures/filing-rules')),
    ...REFERENCE,
  });
}

/** The unread count for the header's badge: only for a subject's session. */
export function useUnreadCount(): number {
  const subject = useIsSubject();
  const { data: inbox } = useQuery({
    queryKey: [...INBOX_KEY, 'unread'],
    queryFn: () => data(api.GET('/api/v1/me/inbox', { params: { query: { unread: 'true', limit: 1 } } })),
    enabled: subject,
  });
  return subject ? (inbox?.unread ?? 0) : 0;
}

/** After a procedure step: what the records, procedures and inbox say may all have changed. */
export function useRefreshMine() {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: ME_KEY }), [client]);
}
