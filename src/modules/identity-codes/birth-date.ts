/**
 * The birth date in a citizen ID number (GB 11643 §4.2: YYYYMMDD, GB/T 7408).
 *
 * Earliest accepted date: 1870-01-01. GB 11643's own example 440524188001010014 was born in 1880,
 * so a 1900 cut-off would reject the standard; nobody born before 1870 was alive when resident ID
 * numbers were first issued (1984/85). Later than today (in China) is impossible as well.
 */
import { chinaDayOf } from '../../platform/clock.ts';
import { daysInMonth, isIsoDate } from '../../platform/iso-date.ts';
import { type BirthDateProblem, birthDateError } from './code-errors.ts';
import type { CheckOptions, CodeError } from './types.ts';

export const EARLIEST_BIRTH_DATE = '1870-01-01';

/**
 * Whether the month and day exist in that year. No bound on the year: a year such as 0000 is a real
 * date that is too early (`too_early`), not an impossible one.
 */
function isRealDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Today's date in China, where the numbers are issued, as YYYY-MM-DD (platform/clock.ts). Services pass
 * the clock's `today()` as `options.today`; this default serves callers without a clock (pure uses).
 */
export function todayInChina(now: Date = new Date()): string {
  return chinaDayOf(now.getTime());
}

/**
 * `options.today`, or today in China. A malformed `today` is a programming error (not bad input
 * from a person), so it throws instead of silently checking against the wrong day.
 */
let lastValidToday = '';

export function resolveToday(options: CheckOptions | undefined): string {
  const today = options?.today;
  if (today === undefined) return todayInChina();
  // A batch checks thousands of codes against the same day: validated once.
  if (today === lastValidToday) return today;
  if (!isIsoDate(today)) {
    throw new RangeError(`options.today must be a real date written YYYY-MM-DD, got "${today}"`);
  }
  lastValidToday = today;
  return today;
}

export type BirthDateResult = { birthDate: string } | { error: CodeError };

/**
 * Checks the 8-digit date `yyyymmdd` found at `position` (1-based); `segment` is the text shown in
 * an error (6 digits in a 15-digit number, whose century 19 is implied).
 */
export function checkBirthDate(
  yyyymmdd: string,
  segment: string,
  position: number,
  today: string,
): BirthDateResult {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const fail = (problem: BirthDateProblem) => ({ error: birthDateError(position, segment, problem) });
  if (!/^\d{8}$/.test(yyyymmdd) || !isRealDate(year, month, day)) return fail({ kind: 'impossible' });
  const date = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (date > today) return fail({ kind: 'future', date, today });
  if (date < EARLIEST_BIRTH_DATE) return fail({ kind: 'too_early', date, earliest: EARLIEST_BIRTH_DATE });
  return { birthDate: date };
}
