import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import pkg from 'chinese-days/package.json' with { type: 'json' };
import type { YearSchedule } from './schedule.ts';

/**
 * The schedules shipped with the `chinese-days` package, as plain data.
 *
 * Only the raw maps are used, never the package's isWorkday/findWorkday: for a year it has no data for
 * (2027 in 1.5.7) those silently answer Monday-Friday, which would turn a guess into a legal deadline.
 * A year counts as covered only when it has holiday entries; the calendar marks every other year as
 * provisional until an administrator imports its official schedule.
 */
type RawDays = Record<string, string>; // '2025-01-28' -> 'Spring Festival,春节,4'

const raw: { holidays: RawDays; workdays: RawDays } = data;

export const BUILT_IN_SOURCE = `chinese-days ${pkg.version}`;

/** 'Spring Festival,春节,4' -> '春节' (English name, Chinese name, length in days). */
function chineseName(value: string): string {
  const parts = value.split(',');
  return parts.length >= 3 ? parts[parts.length - 2]!.trim() : value.trim();
}

function entriesByYear(days: RawDays): Map<number, { date: string; name: string }[]> {
  const byYear = new Map<number, { date: string; name: string }[]>();
  for (const [date, value] of Object.entries(days)) {
    const year = Number(date.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push({ date, name: chineseName(value) });
    byYear.set(year, list);
  }
  for (const list of byYear.values()) list.sort((a, b) => (a.date < b.date ? -1 : 1));
  return byYear;
}

/** Fresh copies on every call, sorted by year; years without holiday entries are left out. */
export function builtInSchedules(): YearSchedule[] {
  const holidays = entriesByYear(raw.holidays);
  const workdays = entriesByYear(raw.workdays);
  return [...holidays.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      source: BUILT_IN_SOURCE,
      holidays: holidays.get(year) ?? [],
      makeupWorkdays: workdays.get(year) ?? [],
    }));
}
