/**
 * Calendar dates as plain `YYYY-MM-DD` strings and their day numbers — the one implementation of
 * date arithmetic (working-day deadlines, policy durations, birth dates in ID numbers, demo data).
 *
 * A deadline is a date in China, not an instant: converting through `Date` in the server's local time
 * zone shifts it by a day somewhere. So nothing here touches `Date`; dates become integer day numbers
 * (days since 1970-01-01, proleptic Gregorian) by pure arithmetic and back.
 */
import { AppError } from './errors.ts';

export type IsoDate = string; // YYYY-MM-DD

export const MIN_YEAR = 1;
export const MAX_YEAR = 9999;
export const MIN_DATE: IsoDate = '0001-01-01';
export const MAX_DATE: IsoDate = '9999-12-31';

/**
 * A computed date outside 0001-01-01 … 9999-12-31 (a deadline, an expiry, the day before the first):
 * refused as the caller's input (400), never written with a five-digit or zero year.
 */
export function dateOutOfRange(
  what: { zh: string; en: string },
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(
    'DATE_OUT_OF_RANGE',
    400,
    `${what.zh}超出可表示的日期范围（${MIN_DATE} 至 ${MAX_DATE}）`,
    `${what.en} falls outside the dates the platform can represent (${MIN_DATE} to ${MAX_DATE})`,
    { min: MIN_DATE, max: MAX_DATE, ...details },
  );
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Days in `month` (1-12) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits a strict `YYYY-MM-DD` string (years 0001-9999) into its parts; undefined when it is no real date. */
export function parseIsoDate(s: string): { year: number; month: number; day: number } | undefined {
  if (typeof s !== 'string') return undefined;
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return undefined;
  return { year, month, day };
}

export function isIsoDate(s: string): boolean {
  return parseIsoDate(s) !== undefined;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of toDayNumber (H. Hinnant's civil_from_days). */
export function fromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/**
 * Writes the parts as `YYYY-MM-DD` (zero-padded). A year outside 1–9999 is refused
 * (`DATE_OUT_OF_RANGE`): no five-digit year is ever produced; month and day are not validated.
 */
export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
    throw dateOutOfRange({ zh: '日期', en: 'The date' }, { year });
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function formatDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = fromDayNumber(dayNumber);
  return formatIsoDate(year, month, day);
}

/** Day number of a valid ISO date; throws RangeError otherwise (callers validate user input first). */
export function dayNumberOf(date: IsoDate, what = 'date'): number {
  const parts = parseIsoDate(date);
  if (!parts) throw new RangeError(`${what} must be a valid YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  return toDayNumber(parts.year, parts.month, parts.day);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const w = weekdayOf(dayNumber);
  return w === 0 || w === 6;
}
