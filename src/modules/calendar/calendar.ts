import {
  dateOutOfRange,
  dayNumberOf,
  daysInYear,
  formatDayNumber,
  fromDayNumber,
  type IsoDate,
  isWeekend,
  MAX_YEAR,
  toDayNumber,
} from '../../platform/iso-date.ts';
import { validateSchedule, type YearSchedule } from './schedule.ts';

export type DayReason = 'weekday' | 'weekend' | 'holiday' | 'makeup_workday';

export type WorkdayCalendar = {
  isWorkday(date: IsoDate): {
    workday: boolean;
    provisional: boolean;
    reason: DayReason;
    holidayName?: string;
  };
  addWorkdays(
    from: IsoDate,
    workdays: number,
  ): { from: IsoDate; workdays: number; deadline: IsoDate; provisional: boolean; missingYears: number[] };
  workdaysBetween(
    from: IsoDate,
    to: IsoDate,
  ): { workdays: number; provisional: boolean; missingYears: number[] };
  loadedYears(): number[];
};

/** Ten years of working days: far beyond any deadline in the policy; the HTTP layer validates first. */
export const MAX_WORKDAYS = 3660;

// Day kinds. Working kinds are odd, so the hot paths test `kind & 1`.
const WEEKEND = 0;
const WEEKDAY = 1;
const HOLIDAY = 2;
const MAKEUP = 3;
const REASONS: readonly DayReason[] = ['weekend', 'weekday', 'holiday', 'makeup_workday'];

type YearTable = {
  start: number; // day number of 1 January
  kinds: Uint8Array; // one per day of the year
  workdaysBefore: Uint16Array; // [i] = working days among the year's days 0..i-1; length days + 1
  names: Map<number, string>; // day index -> holiday name (for holidays and makeup workdays)
  official: boolean; // false: no schedule loaded, Monday-Friday assumed
};

function buildTable(year: number, schedule: YearSchedule | undefined): YearTable {
  const start = toDayNumber(year, 1, 1);
  const kinds = new Uint8Array(daysInYear(year));
  for (let i = 0; i < kinds.length; i++) kinds[i] = isWeekend(start + i) ? WEEKEND : WEEKDAY;
  const names = new Map<number, string>();
  const mark = (entries: YearSchedule['holidays'], kind: number) => {
    for (const { date, name } of entries) {
      const index = dayNumberOf(date) - start;
      kinds[index] = kind;
      names.set(index, name);
    }
  };
  if (schedule) {
    mark(schedule.holidays, HOLIDAY);
    mark(schedule.makeupWorkdays, MAKEUP);
  }
  const workdaysBefore = new Uint16Array(kinds.length + 1);
  for (let i = 0; i < kinds.length; i++) workdaysBefore[i + 1] = workdaysBefore[i]! + (kinds[i]! & 1);
  return { start, kinds, workdaysBefore, names, official: schedule !== undefined };
}

/**
 * A working-day calendar over the given official schedules; a later schedule for the same year replaces
 * an earlier one (so imported years override the built-in data). Schedules are re-validated: data read
 * back from the database must not produce wrong deadlines silently. Throws RangeError on an invalid one.
 *
 * Years without a schedule fall back to Monday-Friday, and every answer that examined such a day says
 * `provisional: true` and names the year in `missingYears`.
 */
export function createCalendar(schedules: YearSchedule[]): WorkdayCalendar {
  const byYear = new Map<number, YearSchedule>();
  for (const input of schedules) {
    const { schedule, errors } = validateSchedule(input);
    const first = errors[0];
    if (first) {
      throw new RangeError(
        `invalid schedule for ${input.year} (${input.source}): ${first.path}: ${first.messageEn}`,
      );
    }
    byYear.set(schedule.year, schedule);
  }
  const tables = new Map<number, YearTable>();
  for (const [year, schedule] of byYear) tables.set(year, buildTable(year, schedule));
  const loaded = [...byYear.keys()].sort((a, b) => a - b);

  // Fallback tables are cached too; years are bounded (1-9999), so is the cache.
  const tableFor = (year: number): YearTable => {
    let table = tables.get(year);
    if (!table) {
      table = buildTable(year, undefined);
      tables.set(year, table);
    }
    return table;
  };

  /** Working days among the days after `a` up to and including `b` (a < b), with the years examined. */
  const countAfter = (a: number, b: number) => {
    const lastYear = fromDayNumber(b).year;
    const missingYears: number[] = [];
    let workdays = 0;
    for (let year = fromDayNumber(a + 1).year; year <= lastYear; year++) {
      const table = tableFor(year);
      if (!table.official) missingYears.push(year);
      const lo = Math.max(a + 1 - table.start, 0);
      const hi = Math.min(b - table.start, table.kinds.length - 1);
      workdays += table.workdaysBefore[hi + 1]! - table.workdaysBefore[lo]!;
    }
    return { workdays, provisional: missingYears.length > 0, missingYears };
  };

  return {
    isWorkday(date) {
      const day = dayNumberOf(date);
      const table = tableFor(fromDayNumber(day).year);
      const index = day - table.start;
      const kind = table.kinds[index]!;
      const holidayName = table.names.get(index);
      return {
        workday: (kind & 1) === 1,
        provisional: !table.official,
        reason: REASONS[kind]!,
        ...(holidayName === undefined ? {} : { holidayName }),
      };
    },

    // Civil Code art. 201: the start day is not counted; the n-th working day after it is the deadline.
    addWorkdays(from, workdays) {
      if (!Number.isInteger(workdays) || workdays < 0 || workdays > MAX_WORKDAYS) {
        throw new RangeError(`workdays must be an integer from 0 to ${MAX_WORKDAYS}, got ${workdays}`);
      }
      const start = dayNumberOf(from, 'from');
      if (workdays === 0) return { from, workdays, deadline: from, provisional: false, missingYears: [] };
      const past = () => dateOutOfRange({ zh: '期限', en: 'The deadline' }, { from, workdays });
      const missingYears: number[] = [];
      let year = fromDayNumber(start + 1).year;
      if (year > MAX_YEAR) throw past();
      let table = tableFor(year);
      let index = start + 1 - table.start;
      let remaining = workdays;
      for (;;) {
        if (!table.official) missingYears.push(year);
        const before = table.workdaysBefore;
        const available = before[table.kinds.length]! - before[index]!;
        if (remaining <= available) {
          // The deadline is the first day i with before[i + 1] = before[index] + remaining: binary search.
          const target = before[index]! + remaining;
          let lo = index;
          let hi = table.kinds.length - 1;
          while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (before[mid + 1]! >= target) hi = mid;
            else lo = mid + 1;
          }
          const deadline = formatDayNumber(table.start + lo);
          return { from, workdays, deadline, provisional: missingYears.length > 0, missingYears };
        }
        remaining -= available;
        year += 1;
        if (year > MAX_YEAR) throw past();
        table = tableFor(year);
        index = 0;
      }
    },

    // Same convention as addWorkdays: days after `from` up to and including `to`. When `to` is before
    // `from` the count is negative (minus the working days after `to` up to `from`), so callers can tell
    // a reversed range (a push dated before its decision: bad data) from an empty one.
    workdaysBetween(from, to) {
      const a = dayNumberOf(from, 'from');
      const b = dayNumberOf(to, 'to');
      if (a === b) return { workdays: 0, provisional: false, missingYears: [] };
      if (a < b) return countAfter(a, b);
      const reversed = countAfter(b, a);
      return { ...reversed, workdays: 0 - reversed.workdays };
    },

    loadedYears: () => [...loaded],
  };
}
