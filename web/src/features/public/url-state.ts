import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A page's filters and paging in the URL (web/README.md: a view can be shared, a link opens it):
 * `get` reads one, `set` changes some — empty values leave the URL — and, unless the page itself is
 * what changed, goes back to page 1.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const get = useCallback((key: string) => params.get(key) ?? undefined, [params]);
  const set = useCallback(
    (changes: Record<string, string | number | undefined | null>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      });
    },
    [setParams],
  );
  return { params, get, set };
}

/** A positive whole page number from the URL, 1 otherwise. */
export function pageOf(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}
