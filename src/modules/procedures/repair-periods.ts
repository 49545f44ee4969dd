/**
 * The date rules of credit repair, apart from their words: windows of "N events within a period"
 * (B31(2)), what counts as the same kind (B31(1), B31(2)5), which acts are severe. Pure.
 */
import { addPolicyDuration, type CalendarDuration, type Severity } from '../policy/index.ts';

export type Kind = { itemCode: string; ground: string | null };

/** Same kind (B31(1), B31(2)5): the same ground where both name one, else the same catalog item. */
export function sameKind(a: Kind, b: Kind): boolean {
  return a.ground !== null && b.ground !== null ? a.ground === b.ground : a.itemCode === b.itemCode;
}

export type Dated = { id: string; date: string };

/**
 * Events within `within` of `on` (an event on X counts while X + within is after `on`), whether at
 * least `atLeast` do, and the day that changes: while it holds, the first day fewer count; otherwise
 * the last day (on or before `on`) it stopped holding, or null if it never held.
 */
export function windowState(
  events: readonly Dated[],
  within: CalendarDuration,
  atLeast: number,
  on: string,
): { counted: Dated[]; holds: boolean; liftsOn: string | null } {
  const spans = events
    .filter((e) => e.date <= on)
    .map((e) => ({ ...e, ends: addPolicyDuration(e.date, within) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const countOn = (d: string) => spans.filter((s) => s.date <= d && d < s.ends).length;
  const countTheDayBefore = (d: string) => spans.filter((s) => s.date < d && d <= s.ends).length;
  const counted = spans.filter((s) => on < s.ends).map(({ id, date }) => ({ id, date }));
  const holds = counted.length >= atLeast;
  const ends = [...new Set(spans.map((s) => s.ends))].sort();
  const liftsOn = holds
    ? (ends.find((d) => d > on && countOn(d) < atLeast) ?? null)
    : (ends.filter((d) => d <= on && countTheDayBefore(d) >= atLeast && countOn(d) < atLeast).at(-1) ?? null);
  return { counted, holds, liftsOn };
}

/** `{ months: 6 }` → ['6 个月', '6 months'], `{ years: 1 }` → ['1 年', '1 year']. */
export function spanText(d: CalendarDuration): [string, string] {
  if (d.years !== undefined) return [`${d.years} 年`, `${d.years} year${d.years === 1 ? '' : 's'}`];
  const months = d.months ?? 0;
  return [`${months} 个月`, `${months} month${months === 1 ? '' : 's'}`];
}

/** The span alone (a policy entry also carries its basis and note). */
export function spanOf(d: CalendarDuration): { years: number } | { months: number } {
  return d.years !== undefined ? { years: d.years } : { months: d.months ?? 0 };
}

/** Severe means marked 严重 by its provider (B15); an unmarked act is not taken as severe. */
export const isSevere = (a: { severity: Severity | null }): boolean => a.severity === '严重';

export const later = (a: string, b: string): string => (a > b ? a : b);
