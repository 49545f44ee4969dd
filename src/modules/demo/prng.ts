/**
 * A small seeded pseudo-random source. Demo data must be reproducible — loading it twice must change
 * nothing — so every choice the generator makes goes through one of these, never Math.random().
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list, uniformly. */
  pick<T>(items: readonly T[]): T;
  /** One element of a non-empty list of [item, weight] pairs, proportionally to weight. */
  weighted<T>(table: WeightedTable<T>): T;
}

export type WeightedTable<T> = readonly (readonly [T, number])[];

/** mulberry32: 32-bit state, fast, good enough statistically for demo data (not for anything secret). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(next() * items.length)] as T;
  };
  const weightedCache = new WeakMap<object, { total: number; cumulative: number[] }>();
  const weighted = <T>(table: WeightedTable<T>): T => {
    let prepared = weightedCache.get(table);
    if (!prepared) {
      const cumulative: number[] = [];
      let total = 0;
      for (const [, weight] of table) {
        total += weight;
        cumulative.push(total);
      }
      if (table.length === 0 || total <= 0) throw new RangeError('weighted pick from an empty table');
      prepared = { total, cumulative };
      weightedCache.set(table, prepared);
    }
    const target = next() * prepared.total;
    // Binary search: the surname table has ~100 rows and is hit once per person.
    let lo = 0;
    let hi = prepared.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((prepared.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return (table[lo] as readonly [T, number])[0];
  };
  return { next, int, chance: (p) => next() < p, pick, weighted };
}
