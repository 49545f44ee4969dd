/**
 * A small in-process cache whose entries expire: reference rows read thousands of times a second (an
 * API key on every call of a department system) are read from the database at most once per `ttlMs`.
 * Bounded: past `maxEntries` everything is forgotten at once (the common case is a handful of keys).
 */
export type ExpiringCache<K, V> = {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
  delete(key: K): void;
};

export function expiringCache<K, V>(options: {
  ttlMs: number;
  maxEntries: number;
  /** milliseconds, for tests; Date.now by default */
  now?: () => number;
}): ExpiringCache<K, V> {
  const now = options.now ?? Date.now;
  const entries = new Map<K, { until: number; value: V }>();
  return {
    get(key) {
      const hit = entries.get(key);
      return hit && hit.until > now() ? hit.value : undefined;
    },
    set(key, value) {
      if (entries.size >= options.maxEntries && !entries.has(key)) entries.clear();
      entries.set(key, { until: now() + options.ttlMs, value });
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
